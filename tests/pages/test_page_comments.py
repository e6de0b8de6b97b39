"""Comments on standing pages: the article's form, rules, moderation, mail, counts, feeds and
cache, opened and closed per page by an editor."""

import datetime

import feedparser
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

import pagecache
from comments.models import Comment, DiscussionSettings
from pagecache import keys as surrogate
from pages.models import Page
from tests.comments.helpers import post
from tests.factories import comment_form_data, make_comment, make_member, make_page, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_page(db):
    DiscussionSettings.load()
    return make_page("Kontak", slug="kontak", comments_open=True)


def test_a_page_with_comments_open_takes_a_comment_as_an_article_does(client, open_page):
    """The same "Leave a Reply" form; a first comment is held, previewed to its author only,
    then shown on the page once approved; the email appears nowhere public."""
    html = client.get("/kontak/").text
    assert 'id="commentform"' in html
    assert f'<input type="hidden" name="page" value="{open_page.pk}">' in html
    response = post(client, comment_form_data(open_page, comment="Halo redaksi"))
    comment = Comment.objects.get()
    assert (comment.page, comment.article, comment.status) == (open_page, None, "pending")
    assert response["Location"].startswith(f"/kontak/?unapproved={comment.pk}&")
    assert "Halo redaksi" in client.get(response["Location"]).text
    assert "Halo redaksi" not in Client().get("/kontak/").text
    comment.status = Comment.Status.APPROVED
    comment.save()
    html = Client().get("/kontak/").text
    assert f'<li id="comment-{comment.pk}">' in html
    assert "1 komentar pada &ldquo;Kontak&rdquo;" in html
    assert "budi.rahasia" not in html
    open_page.refresh_from_db()
    assert (open_page.comment_count, open_page.pending_comment_count) == (1, 0)


def test_a_known_commenter_is_published_at_once_and_can_reply(client, open_page):
    """Known commenters are approved on pages too; a reply nests under its parent."""
    first = make_comment(
        page=open_page, author_name="Budi Santoso", author_email="budi.rahasia@example.com",
        created_at=timezone.now() - datetime.timedelta(hours=1),
    )  # fmt: skip
    response = post(client, comment_form_data(open_page, parent=str(first.pk), comment="Lagi"))
    reply = Comment.objects.get(body="Lagi")
    assert reply.status == Comment.Status.APPROVED
    assert response["Location"] == f"/kontak/#comment-{reply.pk}"
    html = Client().get("/kontak/").text
    assert f'<ol class="children"><li id="comment-{reply.pk}">' in html


def test_a_page_closed_to_comments_refuses_them(client):
    """Pages start closed: no form, nothing of comments; a post anyway is refused with a
    message. Closed with comments, the thread stays and says comments are closed."""
    page = make_page("Tentang Kami", slug="tentang-kami")
    assert not page.comments_open
    html = client.get("/tentang-kami/").text
    assert 'id="comments"' not in html
    assert "comments.js" not in html
    assert client.get("/tentang-kami/comment-page-2/").status_code == 404
    response = post(client, comment_form_data(page, comment="Boleh?"))
    assert response.status_code == 403
    assert "Komentar ditutup pada halaman ini." in response.text
    assert "Boleh?" in response.text
    assert not Comment.objects.exists()
    old = make_comment(page=page, body="Dari dulu")
    html = Client().get("/tentang-kami/").text
    assert f'<li id="comment-{old.pk}">' in html
    assert "Komentar ditutup." in html
    assert 'id="commentform"' not in html


def test_an_editor_opens_comments_on_a_page_in_the_admin(client):
    """The page's change form has the switch; saving it puts the form under the page."""
    page = make_page("Kontak", slug="kontak")
    client.force_login(make_member("Editor", "redaktur"))
    url = f"/admin/pages/page/{page.pk}/change/"
    assert 'name="comments_open"' in client.get(url).text
    data = {
        "title": page.title, "title_en": "", "slug": page.slug, "body": page.body,
        "is_published": "on", "in_footer": "on", "footer_order": 0, "comments_open": "on",
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    assert Page.objects.get().comments_open
    assert 'id="commentform"' in Client().get("/kontak/").text


def test_approving_a_comment_purges_the_cached_page(client, open_page):
    """The stored page carries its comments' key: approving one shows it at once."""
    held = make_comment(page=open_page, status=Comment.Status.PENDING, body="Ditahan dulu")
    client.get("/kontak/")
    assert client.get("/kontak/")["X-Page-Cache"] == "hit"
    assert surrogate.page_comments(open_page.pk) in client.get("/kontak/")["Surrogate-Key"].split()
    Comment.objects.filter(pk=held.pk).first().save()  # unchanged: nothing a reader sees
    assert client.get("/kontak/")["X-Page-Cache"] == "hit"
    held.status = Comment.Status.APPROVED
    held.save()
    response = client.get("/kontak/")
    assert response["X-Page-Cache"] == "miss"
    assert "Ditahan dulu" in response.text


@pytest.mark.parametrize("count", [0, 400])
def test_page_queries_do_not_grow_with_comments(
    client, open_page, count, django_assert_num_queries, settings
):
    """As on articles: a page with 400 comments costs the queries of one with none."""
    settings.NEWSROOM_PAGE_CACHE = False  # the render's queries, not a stored page's
    roots = Comment.objects.bulk_create(
        Comment(page=open_page, author_name=f"P{i}", body="x", body_html="<p>x</p>",
                status=Comment.Status.APPROVED) for i in range(count // 2)
    )  # fmt: skip
    Comment.objects.bulk_create(
        Comment(page=open_page, parent=root, author_name="R", body="y", body_html="<p>y</p>",
                status=Comment.Status.APPROVED) for root in roots
    )  # fmt: skip
    Page.objects.filter(pk=open_page.pk).update(comment_count=count)
    client.get("/kontak/")  # the footer and the discussion settings, once
    # The rendered comment list is made again.
    pagecache.purge(surrogate.page_comments(open_page.pk))
    with django_assert_num_queries(2):  # the page, its comments
        response = client.get("/kontak/")
    assert response.text.count('<li id="comment-') == count
    with django_assert_num_queries(1):  # the page; its comment block is kept rendered
        client.get("/kontak/")


def test_page_comments_are_in_the_comment_feeds_without_emails(client, open_page):
    """The site's comment feed and the page's own (/<slug>/feed/) list them, linked in place."""
    comment = make_comment(page=open_page, body="Lewat halaman", author_email="rahasia@example.com")
    make_comment(page=make_page(slug="draf", is_published=False, comments_open=True))
    for url in ("/comments/feed/", "/kontak/feed/", "/kontak/feed/atom/"):
        response = client.get(url)
        assert response.status_code == 200, url
        entries = feedparser.parse(response.content).entries
        assert [e.link for e in entries] == [f"http://testserver/kontak/#comment-{comment.pk}"]
        assert "rahasia@example.com" not in response.text
    assert "Komentar pada Kontak oleh" in client.get("/comments/feed/").text
    assert client.get("/draf/feed/").status_code == 404
    assert 'href="/kontak/feed/"' in client.get("/kontak/").text


def test_editors_are_mailed_about_a_held_comment_on_a_page(
    client, open_page, django_capture_on_commit_callbacks
):
    """The moderation mail names the page; the comment waits in the admin queue."""
    make_staff("moderator", email="moderator@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, comment_form_data(open_page, comment="Mohon dimoderasi"))
    assert [m.to for m in mail.outbox] == [["moderator@example.com"]]
    assert "Kontak" in mail.outbox[0].subject
    assert "Halaman: Kontak" in mail.outbox[0].body


def test_the_moderation_queue_links_a_page_comment_in_its_place(staff_client, open_page):
    """The admin's list shows what the comment is on and links it there."""
    comment = make_comment(page=open_page)
    html = staff_client.get("/admin/comments/comment/").text
    assert f'<a href="/kontak/#comment-{comment.pk}">Kontak</a>' in html


def test_a_comment_is_on_an_article_or_a_page_never_both_nor_neither(open_page):
    """The database refuses a comment on nothing, or on two things."""
    from django.db import IntegrityError, transaction

    from tests.factories import make_article

    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(body="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(body="x", page=open_page, article=make_article())
