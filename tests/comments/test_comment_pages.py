"""With comment pages on, every link to a comment names the page that shows it: the redirect
after posting, the comment feeds and the admin follow the thread's own layout."""

import datetime
import re

import feedparser
import pytest
from django.test import Client
from django.utils import timezone

from comments.models import Comment, DiscussionSettings
from tests.comments.helpers import post
from tests.factories import comment_form_data, make_article, make_comment

pytestmark = pytest.mark.django_db


def comment_pages(*, per_page, threaded=True):
    discussion = DiscussionSettings.load()
    discussion.paginate, discussion.per_page, discussion.first_page = True, per_page, "oldest"
    discussion.threaded = threaded
    discussion.save()


def earlier(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def shows(url, comment):
    """The page at `url` (fragment dropped) lists `comment`."""
    path = url.removeprefix("http://testserver").split("#", 1)[0]
    response = Client().get(path)
    return response.status_code == 200 and f'<li id="comment-{comment.pk}"' in response.text


def feed_link(comment):
    entries = feedparser.parse(Client().get("/comments/feed/").content).entries
    return next(e.link for e in entries if e.link.endswith(f"#comment-{comment.pk}"))


def admin_link(staff_client, comment):
    html = staff_client.get("/admin/comments/comment/").content.decode()
    return re.search(rf'href="([^"]*#comment-{comment.pk})"', html).group(1)


def test_without_threading_a_reply_is_on_the_page_its_links_name(client, staff_client):
    """Threading off: replies are top-level comments in date order, so the third of three,
    2 to a page, is on page 2 of 2; the redirect after posting, the feed and the admin say so."""
    article = make_article()
    first = make_comment(
        article, author_name="Budi Santoso", author_email="budi.rahasia@example.com",
        created_at=earlier(3),
    )  # fmt: skip
    make_comment(article, created_at=earlier(2))
    comment_pages(per_page=2, threaded=False)
    response = post(client, comment_form_data(article, parent=str(first.pk), comment="Balasan"))
    reply = Comment.objects.get(body="Balasan")
    assert reply.status == Comment.Status.APPROVED
    assert response["Location"] == f"{article.get_absolute_url()}comment-page-2/#comment-{reply.pk}"
    assert shows(response["Location"], reply)
    assert shows(feed_link(reply), reply)
    assert shows(admin_link(staff_client, reply), reply)


def test_a_reply_to_a_comment_no_longer_approved_is_on_the_page_its_links_name(staff_client):
    """Its parent marked spam, a reply stands as a top-level comment of its own date: after the
    one written after its parent, so on page 3 of 3, and its links say so."""
    article = make_article()
    make_comment(article, created_at=earlier(4))
    parent = make_comment(article, created_at=earlier(3))
    make_comment(article, created_at=earlier(2))
    reply = make_comment(article, parent=parent, created_at=earlier(1))
    comment_pages(per_page=1)
    parent.status = Comment.Status.SPAM
    parent.save()
    expected = f"http://testserver{article.get_absolute_url()}comment-page-3/#comment-{reply.pk}"
    assert feed_link(reply) == expected
    assert shows(feed_link(reply), reply)
    assert shows(admin_link(staff_client, reply), reply)


def test_a_held_reply_is_previewed_on_the_page_it_is_sent_to(client):
    """A new commenter's reply to a comment on an older page: the redirect to its private
    preview names that page, and the preview shows it there."""
    article = make_article()
    first = make_comment(article, created_at=earlier(3))
    make_comment(article, created_at=earlier(2))
    comment_pages(per_page=1)
    response = post(client, comment_form_data(article, parent=str(first.pk), comment="Ditahan"))
    held = Comment.objects.get(body="Ditahan")
    assert held.status == Comment.Status.PENDING
    location = response["Location"]
    assert location.startswith(f"{article.get_absolute_url()}?unapproved={held.pk}&")
    assert f'<li id="comment-{held.pk}" class="held">' in client.get(location).text
