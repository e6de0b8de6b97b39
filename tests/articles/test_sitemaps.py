"""Sitemaps and robots.txt: well-formed XML, published work only, split at the limit."""

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from articles.sitemaps import ArticleSitemap
from tests.factories import make_article, make_category, make_user

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
NOW = datetime.datetime(2026, 11, 25, 5, 0, tzinfo=datetime.UTC)


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # raises on malformed XML


def locations(client, url):
    return [loc.text for loc in xml(client, url).iterfind("sm:url/sm:loc", NS)]


def hours_ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def test_index_names_every_section_in_each_language(client):
    make_article()
    root = xml(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    sections = [loc.text for loc in root.iterfind("sm:sitemap/sm:loc", NS)]
    assert sections == [
        f"http://testserver/sitemap-{name}.xml"
        for name in [
            "articles",
            "categories",
            "tags",
            "authors",
            "articles-en",
            "categories-en",
            "tags-en",
            "authors-en",
        ]
    ]
    assert all(node.text for node in root.iterfind("sm:sitemap/sm:lastmod", NS))


def test_article_sitemap_lists_published_articles_only_with_lastmod(client):
    published = make_article("terbit", published_at=hours_ago(3))
    make_article("draf", status=Article.Status.DRAFT, published_at=hours_ago(2))
    make_article("tinjauan", status=Article.Status.PENDING, published_at=hours_ago(2))
    make_article("terjadwal", status=Article.Status.SCHEDULED, published_at=hours_ago(-2))
    root = xml(client, "/sitemap-articles.xml")
    urls = root.findall("sm:url", NS)
    assert [url.find("sm:loc", NS).text for url in urls] == [
        "http://testserver" + published.get_absolute_url()
    ]
    lastmod = datetime.datetime.fromisoformat(urls[0].find("sm:lastmod", NS).text)
    assert abs(lastmod - published.updated_at) < datetime.timedelta(seconds=1)


def test_english_sections_list_the_english_pages(client):
    path = make_article().get_absolute_url()
    assert locations(client, "/sitemap-articles-en.xml") == ["http://testserver/en" + path]


def test_categories_tags_and_authors_appear_only_with_published_work(client):
    """Empty categories, tags of drafts and authors without public articles stay out."""
    parent = make_category("Olahraga", slug="olahraga")
    child = make_category("Sepak Bola", slug="sepak-bola", parent=parent)
    make_category("Kosong", slug="kosong")
    make_article(
        category=child, tags=["Timnas"], author=make_user("rina", first_name="Rina", last_name="")
    )
    make_article(
        status=Article.Status.DRAFT,
        category=make_category("Rahasia", slug="rahasia"),
        tags=["Bocoran"],
        author=make_user("diam"),
    )
    assert locations(client, "/sitemap-categories.xml") == [
        "http://testserver/category/olahraga/",
        "http://testserver/category/olahraga/sepak-bola/",
    ]
    assert locations(client, "/sitemap-tags.xml") == ["http://testserver/tag/timnas/"]
    assert locations(client, "/sitemap-authors.xml") == ["http://testserver/author/rina/"]


def test_sections_split_into_files_at_the_limit(client, monkeypatch):
    """Past `limit` URLs a section continues in ?p=2, ?p=3, all named by the index."""
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    articles = [make_article(published_at=hours_ago(n + 1)) for n in range(5)]
    index = [loc.text for loc in xml(client, "/sitemap.xml").iterfind("sm:sitemap/sm:loc", NS)]
    base = "http://testserver/sitemap-articles.xml"
    assert [url for url in index if url.startswith(base)] == [base, f"{base}?p=2", f"{base}?p=3"]
    pages = [locations(client, f"/sitemap-articles.xml?p={p}") for p in (1, 2, 3)]
    assert [len(page) for page in pages] == [2, 2, 1]
    listed = [url for page in pages for url in page]
    assert listed == ["http://testserver" + a.get_absolute_url() for a in articles]
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404


def test_the_index_follows_what_is_published_with_the_page_cache_off(client, monkeypatch, settings):
    """The index keeps each section's size and newest change between requests (counting the
    articles is its one growing cost): publishing and unpublishing change them at once."""
    settings.NEWSROOM_PAGE_CACHE = False
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    base = "http://testserver/sitemap-articles.xml"

    def article_files():
        index = xml(client, "/sitemap.xml")
        return [
            (entry.find("sm:loc", NS).text, entry.find("sm:lastmod", NS).text)
            for entry in index.iterfind("sm:sitemap", NS)
            if entry.find("sm:loc", NS).text.startswith(base)
        ]

    make_article(published_at=hours_ago(3))
    make_article(published_at=hours_ago(2))
    first = article_files()
    assert [url for url, _lastmod in first] == [base]
    assert article_files() == first  # read again: the same, from what the first request kept
    newest = make_article(published_at=hours_ago(1))
    files = article_files()
    assert [url for url, _lastmod in files] == [base, f"{base}?p=2"]
    assert files[0][1] != first[0][1]  # the newest change moved with the new article
    newest.status = Article.Status.DRAFT
    newest.save()
    assert [url for url, _lastmod in article_files()] == [base]


def test_news_sitemap_lists_the_last_48_hours(client):
    """Google News: articles of the last two days with publication name, language and title."""
    with time_machine.travel(NOW, tick=False):
        fresh = make_article("Baru saja", published_at=NOW - datetime.timedelta(hours=47))
        make_article("Kemarin lusa", published_at=NOW - datetime.timedelta(hours=49))
        make_article(
            "Nanti", status=Article.Status.SCHEDULED, published_at=NOW + datetime.timedelta(hours=1)
        )
        make_article(
            "Draf", status=Article.Status.DRAFT, published_at=NOW - datetime.timedelta(hours=1)
        )
        root = xml(client, "/news-sitemap.xml")
    (url,) = root.findall("sm:url", NS)
    assert url.find("sm:loc", NS).text == "http://testserver" + fresh.get_absolute_url()
    news = url.find("news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "Newsroom"
    assert news.find("news:publication/news:language", NS).text == "id"
    assert news.find("news:title", NS).text == "Baru saja"
    published = datetime.datetime.fromisoformat(news.find("news:publication_date", NS).text)
    assert published == fresh.published_at.replace(microsecond=0)


def test_robots_txt_keeps_crawlers_out_and_names_the_sitemaps(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    for path in ["/admin/", "/search/", "/preview/", "/en/search/", "/en/preview/"]:
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-tags.xml"])
def test_sitemap_query_count_does_not_grow_with_items_or_tags(
    client, url, django_assert_num_queries
):
    make_article(tags=["satu"])
    queries = {"/sitemap.xml": 10, "/sitemap-articles.xml": 2, "/sitemap-tags.xml": 3}[url]
    with django_assert_num_queries(queries):
        xml(client, url)
    for n in range(9):
        make_article(tags=[f"a{n}", f"b{n}", "c"])
    with django_assert_num_queries(queries):
        xml(client, url)


def test_article_locations_are_the_articles_own_addresses():
    """The sitemap formats article URLs itself (for speed): they equal get_absolute_url()."""
    from types import SimpleNamespace

    from django.utils import translation

    late = datetime.datetime(2026, 1, 9, 23, 30, tzinfo=datetime.UTC)
    articles = [make_article(published_at=late), make_article()]
    site = SimpleNamespace(domain="testserver")
    for language in ("id", "en"):
        urls = ArticleSitemap(language).get_urls(site=site, protocol="http")
        locations = {url["location"] for url in urls}
        with translation.override(language):
            expected = {f"http://testserver{a.get_absolute_url()}" for a in articles}
        assert expected <= locations
