import datetime

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
    # The article, its comments, the next scheduled time.
    with django_assert_num_queries(3):
        client.get(f"{article.get_absolute_url()}feed/")
