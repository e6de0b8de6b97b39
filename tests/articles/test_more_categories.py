"""An article in several categories: every one of their archives, feeds and sitemaps lists it."""

import re

import pytest
from django.urls import reverse

from articles.models import Article
from tests.articles.admin_helpers import form_data
from tests.factories import make_article, make_category, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    news = make_category("Berita", slug="berita")
    sport = make_category("Olahraga", slug="olahraga")
    football = make_category("Sepak Bola", parent=sport, slug="sepak-bola")
    article = make_article(slug="final-liga", category=news)
    article.categories.add(football)
    return news, sport, football, article


def test_in_category_matches_primary_additional_and_their_parents(site):
    news, sport, football, article = site
    make_article(category=news)  # another article, only in the primary's category
    for category in (news, sport, football):
        assert article in Article.objects.in_category(category)
    assert Article.objects.in_category(football).count() == 1  # no duplicate rows


def test_archive_and_feed_of_an_additional_category(site, client):
    _news, sport, football, article = site
    response = client.get(football.get_absolute_url())
    assert list(response.context["articles"]) == [article]
    assert client.get(sport.get_absolute_url()).context["articles"][0] == article
    feed = client.get(f"{football.get_absolute_url()}feed/")
    assert b"final-liga" in feed.content


def test_the_article_page_keeps_its_primary_category(site, client):
    news, _sport, _football, article = site
    html = client.get(article.get_absolute_url()).content.decode()
    assert news.get_absolute_url() in html


def test_category_sitemap_lists_a_category_with_only_additional_articles(site, client):
    response = client.get("/sitemap-categories.xml")
    assert b"/category/olahraga/sepak-bola/" in response.content


def test_editor_sets_the_additional_categories_in_the_admin(site, client):
    news, _sport, football, _article = site
    editor = make_member("Editor", "dewi")
    client.force_login(editor)
    add_url = reverse("admin:articles_article_add")
    assert 'name="categories"' in client.get(add_url).content.decode()
    response = client.post(add_url, form_data(news, author=editor, categories=[football.pk]))
    assert response.status_code == 302
    article = Article.objects.get(slug="gempa-guncang-sulawesi-tengah")
    assert (article.category, list(article.categories.all())) == (news, [football])


def posted_in(html):
    footer = re.search(r'<footer class="entry__footer">(.*?)</footer>', html, re.S).group(1)
    return re.findall(r'<a href="([^"]+)" rel="category tag">([^<]+)</a>', footer)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_article_footer_names_every_category_primary_first(site, client, prefix):
    """WordPress's "posted in A, B": each category a link, the primary one first."""
    _news, _sport, _football, article = site
    article.categories.add(make_category("Arsip", slug="arsip"))
    html = client.get(prefix + article.get_absolute_url()).content.decode()
    assert posted_in(html) == [
        (f"{prefix}/category/berita/", "Berita"),
        (f"{prefix}/category/arsip/", "Arsip"),
        (f"{prefix}/category/olahraga/sepak-bola/", "Sepak Bola"),
    ]


def test_changing_the_more_categories_refreshes_the_cached_pages(site, client):
    """The article page (its footer) and the category list it joins are not served stale."""
    _news, _sport, _football, article = site
    archive = make_category("Arsip", slug="arsip")
    for url in (article.get_absolute_url(), "/category/arsip/"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    article.categories.add(archive)
    assert ("/category/arsip/", "Arsip") in posted_in(
        client.get(article.get_absolute_url()).content.decode()
    )
    assert article.title in client.get("/category/arsip/").content.decode()
