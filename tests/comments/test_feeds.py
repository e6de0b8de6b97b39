import datetime
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, DiscussionSettings
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return response, feed


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_all_comments_feed_lists_approved_comments_on_public_articles_only(client, suffix):
    """Newest first; held, spam, trashed comments and those on drafts stay out."""
    public = make_article("Terbit")
    draft = make_article("Draf", status=Article.Status.DRAFT)
    now = timezone.now()
    make_comment(
        public, author_name="Lama", body="Pertama", created_at=now - datetime.timedelta(hours=2)
    )
    make_comment(
        public,
        author_name="Baru",
        body="Kedua <b>tebal</b>",
        created_at=now - datetime.timedelta(hours=1),
    )
    for status in (Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.TRASH):
        make_comment(public, author_name=f"Tersembunyi {status}", status=status)
    make_comment(draft, author_name="Di draf")
    response, feed = parse(client, f"/comments/feed/{suffix}")
    assert [entry.author for entry in feed.entries] == ["Baru", "Lama"]
    newest = feed.entries[0]
    assert newest.title == "Komentar pada Terbit oleh Baru"
    assert newest.link.endswith(
        public.get_absolute_url() + f"#comment-{Comment.objects.get(author_name='Baru').pk}"
    )
    assert "&lt;b&gt;tebal&lt;/b&gt;" in (newest.get("summary") or newest.content[0].value)
    assert "example.com" not in response.content.decode()


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_article_comments_feed_has_that_articles_approved_comments(client, suffix):
    article = make_article("Artikel Ini")
    other = make_article("Artikel Lain")
    make_comment(article, author_name="Sari")
    make_comment(article, author_name="Tertahan", status=Comment.Status.PENDING)
    make_comment(other, author_name="Lain")
    _response, feed = parse(client, f"{article.get_absolute_url()}feed/{suffix}")
    assert feed.feed.title == "Komentar pada: Artikel Ini"
    assert [entry.author for entry in feed.entries] == ["Sari"]


def test_article_comments_feed_is_in_english_under_en(client):
    article = make_article("Judul")
    make_comment(article, author_name="Sari")
    _response, feed = parse(client, f"/en{article.get_absolute_url()}feed/")
    assert feed.feed.title == "Comments on: Judul"
    assert feed.entries[0].title == "Comment on Judul by Sari"


def test_comments_feed_of_a_hidden_or_unknown_article_is_404(client):
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(
        status=Article.Status.SCHEDULED, published_at=timezone.now() + datetime.timedelta(days=1)
    )
    for url in (
        f"{draft.get_absolute_url()}feed/",
        f"{scheduled.get_absolute_url()}feed/",
        "/2026/11/23/tidak-ada/feed/",
        "/2026/02/31/tanggal-salah/feed/",
    ):
        assert client.get(url).status_code == 404, url


def test_article_page_announces_its_comments_feed(client):
    article = make_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        f'type="application/rss+xml" title="Newsroom » {article.title} komentar feed"' not in html
    )
    assert f'href="{article.get_absolute_url()}feed/"' in html


@pytest.mark.parametrize("count", [1, 10])
def test_comment_feed_queries_do_not_grow_with_comments(client, django_assert_num_queries, count):
    article = make_article()
    for _ in range(count):
        make_comment(article)
    DiscussionSettings.load()  # created once, then read from the cache
    # The comments (with their articles), the next scheduled time (cache lifetime).
    with django_assert_num_queries(2):
        client.get("/comments/feed/")
    # The article, its comments (the next scheduled time is kept until articles change).
    with django_assert_num_queries(2):
        client.get(f"{article.get_absolute_url()}feed/")


def paginate(per_page):
    discussion = DiscussionSettings.load()
    discussion.paginate, discussion.per_page = True, per_page
    discussion.save()
    DiscussionSettings.load()  # read once, then from the cache


def threads_on_pages(article, roots):
    """`roots` top-level comments, each with a reply and, newest of all, a reply to that."""
    start = timezone.now() - datetime.timedelta(days=1)
    made = []
    for n in range(roots):
        root = make_comment(article, created_at=start + datetime.timedelta(hours=n))
        made.append([root, make_comment(article, parent=root, created_at=root.created_at)])
    for n, thread in enumerate(made):
        later = start + datetime.timedelta(hours=roots + n)
        thread.append(make_comment(article, parent=thread[1], created_at=later))
    return made


@pytest.mark.parametrize("roots", [2, 4])
def test_comment_feed_queries_with_comment_pages_do_not_grow(
    client, django_assert_num_queries, settings, roots
):
    """With pages on, each item links to its comment page; the queries stay the same."""
    settings.NEWSROOM_FEED_ITEMS = roots
    article = make_article()
    threads = threads_on_pages(article, roots)
    paginate(per_page=1)
    # The comments; their articles' approved comments, laid out as the thread is (whatever the
    # number of items or reply levels); the next scheduled time.
    with django_assert_num_queries(3):
        response = client.get("/comments/feed/")
    links = {entry.link for entry in feedparser.parse(response.content).entries}
    assert links == {
        f"http://testserver{article.get_absolute_url()}"
        # the article opens on its newest comment page, as WordPress does
        + ("" if n + 1 == roots else f"comment-page-{n + 1}/")
        + f"#comment-{thread[2].pk}"
        for n, thread in enumerate(threads)
    }
    with django_assert_num_queries(3):  # the article, then as above (next scheduled: kept)
        response = client.get(f"{article.get_absolute_url()}feed/")
    assert {entry.link for entry in feedparser.parse(response.content).entries} == links


ATOM = "{http://www.w3.org/2005/Atom}"
URI = re.compile(r"^(tag:[a-z0-9.-]+,\d{4}-\d{2}-\d{2}:\S+|https?://\S+)$")


def comment_feeds(article):
    for language in ("", "/en"):
        yield f"{language}/comments/feed/"
        yield f"{language}/comments/feed/atom/"
        yield f"{language}{article.get_absolute_url()}feed/"
        yield f"{language}{article.get_absolute_url()}feed/atom/"


def article_feeds():
    for language in ("", "/en"):
        yield f"{language}/feed/"
        yield f"{language}/feed/atom/"


def test_every_feed_has_uri_ids_and_updated_times(client):
    """What the W3C Feed Validator checks: Atom entry ids are URIs, entries have <updated>;
    RSS guids are URIs too (an absolute link when they claim to be one)."""
    article = make_article()
    comment = make_comment(article)
    paginate(per_page=1)
    ids = set()
    for url in [*comment_feeds(article), *article_feeds()]:
        response = client.get(url)
        assert response.status_code == 200, url
        root = ET.fromstring(response.content)
        if root.tag == f"{ATOM}feed":
            assert URI.match(root.findtext(f"{ATOM}id")), url
            assert root.findtext(f"{ATOM}updated"), url
            entries = root.findall(f"{ATOM}entry")
            assert entries, url
            for entry in entries:
                assert URI.match(entry.findtext(f"{ATOM}id")), (url, entry.findtext(f"{ATOM}id"))
                assert entry.findtext(f"{ATOM}updated"), url
                ids.add(entry.findtext(f"{ATOM}id"))
        else:
            items = root.findall("channel/item")
            assert items, url
            for item in items:
                guid = item.find("guid")
                assert URI.match(guid.text), (url, guid.text)
                if guid.get("isPermaLink", "true") == "true":
                    assert guid.text.startswith("http"), url
                ids.add(guid.text)
    # A comment keeps one id in every feed and language, and it is not its (movable) link.
    assert (
        f"tag:testserver,{comment.created_at.astimezone(datetime.UTC):%Y-%m-%d}:comment-{comment.pk}"
        in ids
    )
