"""Comments as stored and as read: safe HTML, avatars, named querysets, threads and counts."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from comments.models import Comment, DiscussionSettings
from comments.threads import tree_for
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def test_text_becomes_safe_html_once_on_save():
    """HTML is escaped, paragraphs and line breaks kept, URLs linked with nofollow ugc."""
    comment = make_comment(
        body='Halo <script>alert(1)</script> & "kutip"\nbaris dua\n\nparagraf https://example.com/x'
    )
    html = comment.body_html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<br>" in html
    assert html.count("<p>") == 2
    assert '<a href="https://example.com/x" rel="nofollow ugc">https://example.com/x</a>' in html
    comment.body = "Diubah"
    comment.save(update_fields=["body"])
    comment.refresh_from_db()
    assert comment.body_html == "<p>Diubah</p>"


def test_javascript_urls_in_the_text_are_never_links():
    """A javascript: URL in the text stays plain, escaped text."""
    comment = make_comment(body="klik javascript:alert(1) <a href='javascript:alert(2)'>x</a>")
    assert "<a " not in comment.body_html
    assert "&lt;a href=" in comment.body_html


def test_avatar_comes_from_the_name_never_the_email():
    """Initials and colour depend on the name only: same name, different emails, same avatar."""
    a = make_comment(author_name="siti nurhaliza", author_email="a@example.com")
    b = make_comment(author_name="Siti Nurhaliza", author_email="b@example.org")
    assert a.initials == b.initials == "SN"
    assert a.avatar_colour == b.avatar_colour
    assert make_comment(author_name="").initials == "A"


def test_named_querysets_split_comments_by_status():
    """approved() and in_moderation() name the states the rest of the code uses."""
    article = make_article()
    approved = make_comment(article)
    pending = make_comment(article, status=Comment.Status.PENDING)
    make_comment(article, status=Comment.Status.SPAM)
    assert list(Comment.objects.approved()) == [approved]
    assert list(Comment.objects.in_moderation()) == [pending]
    make_article(status="draft").comments.create(body="x", status=Comment.Status.APPROVED)
    assert list(Comment.objects.public()) == [approved]


def test_discussion_settings_start_with_wordpress_defaults():
    """Name and email required, threads 5 deep, no pages, known commenters approved, 2 links."""
    settings = DiscussionSettings.load()
    assert settings.require_name_email
    assert settings.threaded
    assert settings.previously_approved
    assert settings.thread_depth == 5
    assert settings.per_page == 50
    assert settings.max_links == 2
    assert not settings.paginate
    assert not settings.moderate_all
    assert not settings.close_old_articles
    assert settings.close_after_days == 14
    assert DiscussionSettings.load().pk == settings.pk == 1


def test_thread_nests_replies_and_flattens_past_the_depth_setting():
    """Replies nest under their parent; past the depth they join the last level."""
    article = make_article()
    settings = DiscussionSettings.load()
    settings.thread_depth = 2
    root = make_comment(article)
    child = make_comment(article, parent=root)
    grandchild = make_comment(article, parent=child)
    second = make_comment(article)
    thread = tree_for(article, settings)
    assert [(n.comment.pk, n.depth) for n in thread.nodes] == [
        (root.pk, 1), (child.pk, 2), (grandchild.pk, 2), (second.pk, 1),
    ]  # fmt: skip
    assert [n.can_reply for n in thread.nodes] == [True, False, False, True]
    assert thread.nodes[0].tail == '<ol class="children">'
    assert thread.nodes[2].tail == "</li></ol></li>"


def test_thread_leaves_out_unapproved_comments_and_their_replies_move_up():
    """A held comment is not in the thread; an approved reply to it shows at the top level."""
    article = make_article()
    held = make_comment(article, status=Comment.Status.PENDING)
    reply = make_comment(article, parent=held)
    thread = tree_for(article, DiscussionSettings.load())
    assert [(n.comment.pk, n.depth) for n in thread.nodes] == [(reply.pk, 1)]
    assert thread.count == 1


def test_permalink_points_to_the_comment_page_when_paginated():
    """With 2 per page, the third top-level comment lives on comment-page-2."""
    article = make_article()
    comments = [make_comment(article) for _ in range(3)]
    assert (
        comments[2].get_absolute_url() == f"{article.get_absolute_url()}#comment-{comments[2].pk}"
    )
    settings = DiscussionSettings.load()
    settings.paginate, settings.per_page, settings.first_page = True, 2, "oldest"
    settings.save()
    reply = make_comment(article, parent=comments[2])
    expected = f"{article.get_absolute_url()}comment-page-2/#comment-{reply.pk}"
    assert reply.get_absolute_url() == expected
    # Opening on the newest page (WordPress's default), the last page is the article itself.
    settings.first_page = "newest"
    settings.save()
    assert reply.get_absolute_url() == f"{article.get_absolute_url()}#comment-{reply.pk}"
    expected = f"{article.get_absolute_url()}comment-page-1/#comment-{comments[0].pk}"
    assert comments[0].get_absolute_url() == expected


def test_comments_close_by_age_only_when_the_setting_is_on():
    """An article older than N days is closed when the editor turned the setting on."""
    now = datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC)
    with time_machine.travel(now, tick=False):
        article = make_article(published_at=timezone.now() - datetime.timedelta(days=20))
        settings = DiscussionSettings.load()
        assert not settings.comments_closed_for(article)
        settings.close_old_articles = True
        assert settings.comments_closed_for(article)
        settings.close_after_days = 30
        assert not settings.comments_closed_for(article)


def test_listing_counts_only_approved_comments_in_one_query(django_assert_num_queries):
    """for_listing() brings each article's approved count without a query per article."""
    from articles.models import Article

    for n in range(3):
        article = make_article()
        for _ in range(n):
            make_comment(article)
        make_comment(article, status=Comment.Status.PENDING)
    with django_assert_num_queries(2):  # articles with counts, then their tags
        counts = sorted(a.comment_count for a in Article.objects.published().for_listing())
    assert counts == [0, 1, 2]


def test_discussion_settings_are_read_from_the_cache_and_refreshed_on_save(
    django_assert_num_queries,
):
    """Once read, the settings cost no query; saving them shows the change at once."""
    settings = DiscussionSettings.load()
    with django_assert_num_queries(0):
        DiscussionSettings.load()
    settings.moderate_all = True
    settings.save()
    assert DiscussionSettings.load().moderate_all


def test_deleting_the_discussion_settings_brings_back_the_defaults():
    """The cached copy goes with the row (a signal, not save()): the next read has defaults."""
    settings = DiscussionSettings.load()
    settings.moderate_all = True
    settings.save()
    assert DiscussionSettings.load().moderate_all
    DiscussionSettings.objects.all().delete()
    assert not DiscussionSettings.load().moderate_all
