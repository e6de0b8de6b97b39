"""RSS 2.0 and Atom feeds: valid, complete items, published articles only, never an email."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_category, make_image, make_user

pytestmark = pytest.mark.django_db

FEEDS = ["/feed/", "/feed/atom/"]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


def hours_ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


@pytest.mark.parametrize("url", FEEDS)
def test_site_feed_items_carry_everything_a_reader_needs(client, url):
    """Title, absolute link, date, author name, category and tags, summary and full content."""
    author = make_user("dewi", first_name="Dewi", last_name="Lestari", email="dewi@example.com")
    article = make_article(
        "Rusia dan Iran Perkuat Aliansi",
        author=author,
        category=make_category("Berita Internasional"),
        excerpt="Kesepakatan strategis.",
        body='<p>Isi <a href="/tag/iran/">lengkap</a> artikel.</p>',
        tags=["Iran", "Rusia"],
        published_at=hours_ago(1),
    )
    _, feed = parse(client, url)
    assert feed.feed.title == "Newsroom"
    (entry,) = feed.entries
    assert entry.title == "Rusia dan Iran Perkuat Aliansi"
    assert entry.link == "http://testserver" + article.get_absolute_url()
    assert entry.published_parsed[:5] == article.published_at.utctimetuple()[:5]
    assert entry.author == "Dewi Lestari"
    if "atom" in url:
        assert entry.author_detail.href == "http://testserver/author/dewi-lestari/"
    assert [tag.term for tag in entry.tags] == ["Berita Internasional", "Iran", "Rusia"]
    assert entry.summary == "Kesepakatan strategis."
    assert 'href="http://testserver/tag/iran/"' in entry.content[0].value


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_never_show_an_email_address(client, url):
    make_article(author=make_user(email="rahasia@example.com"))
    response, feed = parse(client, url)
    assert b"rahasia" not in response.content
    assert b"@example.com" not in response.content
    assert "email" not in feed.entries[0].get("author_detail", {})


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_list_published_articles_only_newest_first(client, url):
    make_article("lama", published_at=hours_ago(5))
    make_article("baru", published_at=hours_ago(1))
    make_article("draf", status=Article.Status.DRAFT, published_at=hours_ago(1))
    make_article("tinjauan", status=Article.Status.PENDING, published_at=hours_ago(1))
    make_article("terjadwal", status=Article.Status.SCHEDULED, published_at=hours_ago(-3))
    _, feed = parse(client, url)
    assert [entry.title for entry in feed.entries] == ["baru", "lama"]


def test_feeds_hold_ten_items_by_default_and_follow_the_setting(client, settings):
    for n in range(12):
        make_article(f"Artikel {n}", published_at=hours_ago(n + 1))
    assert len(parse(client, "/feed/")[1].entries) == 10
    settings.NEWSROOM_FEED_ITEMS = 3
    assert len(parse(client, "/feed/atom/")[1].entries) == 3


@pytest.mark.parametrize("url", FEEDS)
def test_featured_image_is_an_enclosure_with_length_and_type(client, url):
    """The enclosure is the image's large rendition, with its length and type."""
    image = make_image("foto.png")
    article = make_article(featured_image=image, featured_image_alt="Foto")
    rendition = article.featured_image_renditions["sources"][-1]["src"]
    _, feed = parse(client, url)
    (enclosure,) = feed.entries[0].enclosures
    assert enclosure.href == "http://testserver" + article.featured_image_url(1200)
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == article.featured_image.storage.size(rendition) > 0


def test_image_without_renditions_is_enclosed_as_uploaded(client):
    """An imported image not yet given renditions is enclosed as it is."""
    article = make_article(featured_image=make_image(), featured_image_alt="Foto", renditions=False)
    _, feed = parse(client, "/feed/")
    (enclosure,) = feed.entries[0].enclosures
    assert enclosure.href == "http://testserver" + article.featured_image.url
    assert enclosure.type == "image/png"


def test_missing_image_file_leaves_the_item_without_an_enclosure(client):
    article = make_article(featured_image=make_image(), featured_image_alt="Foto", renditions=False)
    article.featured_image.storage.delete(article.featured_image.name)
    _, feed = parse(client, "/feed/")
    assert feed.entries[0].enclosures == []


def test_category_feed_holds_its_articles_and_those_of_its_subcategories(client):
    sport = make_category("Olahraga", slug="olahraga")
    football = make_category("Sepak Bola", slug="sepak-bola", parent=sport)
    make_article("Lari pagi", category=sport, published_at=hours_ago(2))
    make_article("Timnas menang", category=football, published_at=hours_ago(1))
    make_article("Harga minyak")
    _, feed = parse(client, "/category/olahraga/feed/")
    assert feed.feed.title == "Newsroom \u00bb Olahraga"
    assert [entry.title for entry in feed.entries] == ["Timnas menang", "Lari pagi"]
    _, nested = parse(client, "/category/olahraga/sepak-bola/feed/atom/")
    assert [entry.title for entry in nested.entries] == ["Timnas menang"]


def test_tag_and_author_feeds_hold_their_articles(client):
    rina = make_user("rina", first_name="Rina", last_name="Kusuma")
    make_article("Iran dan Rusia", tags=["Iran"])
    make_article("Tulisan Rina", author=rina)
    assert [e.title for e in parse(client, "/tag/iran/feed/")[1].entries] == ["Iran dan Rusia"]
    assert [e.title for e in parse(client, "/author/rina-kusuma/feed/atom/")[1].entries] == [
        "Tulisan Rina"
    ]


def test_unknown_feeds_are_not_found(client):
    """No feed for a missing category, tag or author, nor for an author with nothing public."""
    for url in ["/category/tidak-ada/feed/", "/tag/tidak-ada/feed/", "/author/tidak-ada/feed/"]:
        assert client.get(url).status_code == 404
    author = make_user("penulis", first_name="Penulis", last_name="")
    make_article(author=author, status=Article.Status.DRAFT)
    assert client.get("/author/penulis/feed/").status_code == 404


def test_english_feeds_live_under_en_and_link_english_pages(client):
    path = make_article("Harga minyak").get_absolute_url()
    _, feed = parse(client, "/en/feed/")
    assert feed.feed.language == "en"
    assert feed.feed.subtitle == "The latest news from Newsroom."
    assert feed.entries[0].link == "http://testserver/en" + path
    assert parse(client, "/feed/")[1].feed.language == "id"


def test_pages_announce_their_feeds(client):
    """Every page links the site feed; category, tag and author pages also their own."""
    category = make_category("Olahraga", slug="olahraga")
    make_article(
        category=category,
        tags=["Timnas"],
        author=make_user("rina", first_name="Rina", last_name=""),
    )
    home = client.get("/").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Newsroom » Feed" href="/feed/">'
        in home
    )
    assert 'type="application/atom+xml"' in home
    assert 'href="/feed/atom/"' in home
    for page, feed in [
        ("/category/olahraga/", "/category/olahraga/feed/"),
        ("/tag/timnas/", "/tag/timnas/feed/"),
        ("/author/rina/", "/author/rina/feed/"),
    ]:
        html = client.get(page).content.decode()
        assert 'type="application/rss+xml" title="Newsroom » ' in html
        assert f'href="{feed}"' in html
        assert f'href="{feed}atom/"' in html
    assert 'href="/category/olahraga/feed/"' not in home


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/", "/category/berita/feed/"])
def test_feed_query_count_does_not_grow_with_items_or_tags(client, url, django_assert_num_queries):
    """Ten items with many tags cost the same queries as one item with one tag."""
    category = make_category("Berita", slug="berita")
    make_article(category=category, tags=["satu"])
    queries = 4 if "category" in url else 3
    with django_assert_num_queries(queries):
        parse(client, url)
    for n in range(9):
        make_article(category=category, tags=[f"a{n}", f"b{n}", "c", "d"])
    with django_assert_num_queries(queries):
        parse(client, url)


def test_an_excerpt_is_text_in_the_feed_never_markup(client):
    """Readers render <description> as HTML: an excerpt typed with a tag shows as that text."""
    make_article(excerpt="Kode <script>alert(1)</script> & lainnya")
    xml = client.get("/feed/").content.decode()
    assert "&lt;script&gt;" not in xml  # XML-escaped once only would be a live tag
    assert "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; &amp;amp; lainnya" in xml
    _, feed = parse(client, "/feed/")
    assert feed.entries[0].summary == "Kode &lt;script&gt;alert(1)&lt;/script&gt; &amp; lainnya"


def test_control_characters_in_a_title_do_not_break_the_feed(client):
    """XML 1.0 cannot hold them: they are dropped, not a 500."""
    make_article("Judul\x0bdengan\x0ckarakter\x1fkontrol", excerpt="Ringkas\x08an")
    for url in ["/feed/", "/feed/atom/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert parse(client, url)[1].entries[0].title == "Juduldengankarakterkontrol"
