"""One-click moderation: each row's endpoints, their permissions, replies, the full text."""

import pytest

from comments.models import Comment
from tests.factories import make_article, make_comment, make_member

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"


def moderate_url(comment):
    return f"{CHANGELIST}{comment.pk}/moderate/"


def reply_url(comment):
    return f"{CHANGELIST}{comment.pk}/reply/"


@pytest.fixture
def editor_client(client):
    client.force_login(make_member("Editor", "redaktur"))
    return client


def test_one_click_approve_answers_the_previous_status_for_undo(editor_client):
    """Approve returns the new status and the old one; posting the old one undoes it."""
    comment = make_comment(status=Comment.Status.PENDING, author_name="Sari")
    answer = editor_client.post(moderate_url(comment), {"status": "approved"}).json()
    assert answer["status"] == "approved"
    assert answer["previous"] == "pending"
    assert answer["message"] == "Komentar dari Sari disetujui."
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    editor_client.post(moderate_url(comment), {"status": answer["previous"]})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_moderation_is_logged_in_the_admin_history(editor_client):
    from django.contrib.admin.models import LogEntry

    comment = make_comment(status=Comment.Status.PENDING)
    editor_client.post(moderate_url(comment), {"status": "spam"})
    assert LogEntry.objects.filter(object_id=str(comment.pk)).exists()


def test_an_unknown_status_is_refused_with_a_message(editor_client):
    comment = make_comment(status=Comment.Status.PENDING)
    response = editor_client.post(moderate_url(comment), {"status": "deleted"})
    assert response.status_code == 400
    assert response.json()["error"] == "Pilih status."
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_the_endpoints_take_only_posts(editor_client):
    comment = make_comment()
    assert editor_client.get(moderate_url(comment)).status_code == 405
    assert editor_client.get(reply_url(comment)).status_code == 405


def test_an_unknown_comment_is_a_404(editor_client):
    response = editor_client.post(f"{CHANGELIST}999999/moderate/", {"status": "spam"})
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["Contributor", "Author"])
def test_writers_without_moderation_rights_cannot_moderate_or_reply(client, role):
    """Contributors and authors have no comment permissions: every new endpoint refuses them."""
    comment = make_comment(status=Comment.Status.PENDING)
    client.force_login(make_member(role))
    assert client.post(moderate_url(comment), {"status": "approved"}).status_code == 403
    assert client.post(reply_url(comment), {"body": "Terima kasih"}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.replies.count() == 0


def test_signed_out_visitors_are_sent_to_the_login_page(client):
    comment = make_comment(status=Comment.Status.PENDING)
    response = client.post(moderate_url(comment), {"status": "approved"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_post_without_the_csrf_token_is_refused(client):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(make_member("Editor"))
    comment = make_comment(status=Comment.Status.PENDING)
    assert csrf_client.post(moderate_url(comment), {"status": "approved"}).status_code == 403


def test_reply_is_threaded_approved_and_signed_by_the_editor(editor_client):
    """The reply sits under the comment, published, with the editor as its user; the held
    comment it answers is approved with it."""
    article = make_article("Artikel Balasan")
    comment = make_comment(article, status=Comment.Status.PENDING, author_name="Sari")
    answer = editor_client.post(reply_url(comment), {"body": "Terima kasih, Sari."}).json()
    reply = Comment.objects.get(pk=answer["id"])
    assert reply.parent == comment
    assert reply.article == article
    assert reply.status == Comment.Status.APPROVED
    assert reply.user.username == "redaktur"
    assert reply.body == "Terima kasih, Sari."
    assert answer["parent"]["status"] == "approved"
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert answer["url"].endswith(f"#comment-{reply.pk}")


def test_an_empty_reply_is_refused_with_a_message(editor_client):
    comment = make_comment()
    response = editor_client.post(reply_url(comment), {"body": "   "})
    assert response.status_code == 400
    assert response.json()["error"] == "Tulis balasan Anda terlebih dahulu."
    assert comment.replies.count() == 0


def test_queue_shows_the_whole_comment_and_a_button_per_status(editor_client):
    """The comment is not cut at 80 characters; a held comment offers Approve, not Unapprove."""
    long_body = "Panjang sekali. " * 20 + "<script>alert(1)</script>"
    make_comment(body=long_body.strip(), status=Comment.Status.PENDING)
    html = editor_client.get(CHANGELIST).content.decode()
    assert long_body.strip().replace("<", "&lt;").replace(">", "&gt;") in html
    assert "<script>alert(1)" not in html
    assert 'data-status="approved" aria-keyshortcuts="a">Setujui<' in html
    assert 'data-status="pending" aria-keyshortcuts="u" hidden>' in html
    assert "/moderate/" in html
    assert "/reply/" in html


@pytest.mark.parametrize("rows", [3, 30])
def test_article_list_links_the_count_and_badges_pending_comments_in_constant_queries(
    client, django_assert_num_queries, rows
):
    """The count links to the article's comments; a badge shows those held; same query count
    for 3 rows as for 30."""
    articles = [make_article(f"Artikel {i}") for i in range(rows)]
    make_comment(articles[0])
    make_comment(articles[0], status=Comment.Status.PENDING)
    make_comment(articles[0], status=Comment.Status.PENDING)
    client.force_login(make_member("Editor"))
    client.get("/admin/articles/article/")  # warm the per-process caches
    with django_assert_num_queries(11):
        html = client.get("/admin/articles/article/").content.decode()
    pk = articles[0].pk
    assert f'href="/admin/comments/comment/?article__id__exact={pk}"' in html
    assert (
        f'href="/admin/comments/comment/?article__id__exact={pk}&amp;status__exact=pending"' in html
    )
    assert "2 menunggu" in html
