"""The comment counts kept on each article (Article.comment_count, pending_comment_count)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from comments import counts
from comments.models import Comment
from comments.services import comment_reply, comment_set_status
from tests.factories import make_article, make_comment, make_member

pytestmark = pytest.mark.django_db

APPROVED, PENDING = Comment.Status.APPROVED, Comment.Status.PENDING


def counted(article):
    article.refresh_from_db()
    return article.comment_count, article.pending_comment_count


def test_new_comments_count_by_status():
    """Approved comments count for readers; held ones only for the admin; spam for neither."""
    article = make_article()
    make_comment(article)
    make_comment(article)
    make_comment(article, status=PENDING)
    make_comment(article, status=Comment.Status.SPAM)
    assert counted(article) == (2, 1)


def test_bulk_status_changes_recount_every_article_concerned():
    """Approving, unapproving, marking spam and trashing (the admin's actions) move the counts."""
    first, second = make_article(), make_article()
    held = [make_comment(first, status=PENDING), make_comment(second, status=PENDING)]
    ids = [c.pk for c in held]
    comment_set_status(comments=Comment.objects.filter(pk__in=ids), status=APPROVED)
    assert counted(first) == (1, 0)
    assert counted(second) == (1, 0)
    comment_set_status(comments=Comment.objects.filter(pk=ids[0]), status=PENDING)
    assert counted(first) == (0, 1)
    comment_set_status(comments=Comment.objects.filter(pk__in=ids), status=Comment.Status.SPAM)
    assert counted(first) == (0, 0)
    assert counted(second) == (0, 0)
    comment_set_status(comments=Comment.objects.filter(pk__in=ids), status=APPROVED)
    comment_set_status(comments=Comment.objects.filter(pk=ids[1]), status=Comment.Status.TRASH)
    assert counted(second) == (0, 0)
    assert counted(first) == (1, 0)


def test_editing_and_deleting_a_comment_recount():
    """A status changed in the comment's form, and a deleted comment, show in the count."""
    article = make_article()
    comment = make_comment(article)
    other = make_comment(article)
    comment.status = PENDING
    comment.save()
    assert counted(article) == (1, 1)
    other.delete()
    assert counted(article) == (0, 1)


def test_replying_from_the_admin_approves_and_counts_both():
    """ "Approve and Reply": the held comment and the editor's answer both count."""
    article = make_article()
    held = make_comment(article, status=PENDING)
    comment_reply(parent=held, user=make_member("Editor"), body="Terima kasih.")
    assert counted(article) == (2, 0)


def test_saving_an_article_loaded_earlier_keeps_the_count():
    """An editor's form loaded before a comment arrived does not write its old count back."""
    article = make_article()
    stale = Article.objects.get(pk=article.pk)
    make_comment(article)
    stale.title = "Judul baru"
    stale.save()
    assert counted(article) == (1, 0)
    assert article.title == "Judul baru"


def test_deleting_an_article_deletes_its_comments_without_recounting():
    """The article's comments go with it; no count is written for an article that is gone."""
    article = make_article()
    for _ in range(5):
        make_comment(article)
    with CaptureQueriesContext(connection) as captured:
        article.delete()
    recounts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("UPDATE")]
    assert not [sql for sql in recounts if "comment_count" in sql]
    assert not Comment.objects.exists()


def test_recount_command_repairs_wrong_counts():
    """`manage.py comments_recount` sets every article's counts from its comments."""
    article = make_article()
    make_comment(article)
    make_comment(article, status=PENDING)
    Article.objects.update(comment_count=7, pending_comment_count=7)
    out = io.StringIO()
    call_command("comments_recount", stdout=out)
    assert counted(article) == (1, 1)
    assert "Recounted the comments of 1 articles and pages." in out.getvalue()
    assert counts.recount([]) == 0
