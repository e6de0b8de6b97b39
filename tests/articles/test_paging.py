"""Deep list pages and their counts: the right articles, and a count that follows every change.

A page's rows come by id (articles/paging.py) and the count that numbers the pages is cached
until the list changes; these tests run with the page cache off, so every request reaches the
view and only the count's own cache stands between two requests.
"""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_category, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_pages(settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    settings.NEWSROOM_PAGE_CACHE = False


def titles(response):
    return [article.title for article in response.context["articles"]]


def counts(client, path):
    """The COUNT queries a request for `path` runs."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"]]


def hours_ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def test_deep_pages_list_the_right_articles_in_order(client):
    """Every page, sticky first, then newest first: the rows fetched by id keep the order."""
    for n in range(7):
        make_article(f"Berita {n}", published_at=hours_ago(n + 1))
    make_article("Tetap di atas", sticky=True, published_at=hours_ago(30))
    pages = [titles(client.get("/"))] + [titles(client.get(f"/page/{p}/")) for p in (2, 3, 4)]
    assert pages == [
        ["Tetap di atas", "Berita 0"],
        ["Berita 1", "Berita 2"],
        ["Berita 3", "Berita 4"],
        ["Berita 5", "Berita 6"],
    ]
    assert client.get("/page/5/").status_code == 404


def test_the_count_is_read_once_until_the_list_changes(client):
    football = make_category("Sepak Bola", slug="sepak-bola")
    for n in range(3):
        make_article(f"Laga {n}", category=football, published_at=hours_ago(n + 1))
    assert len(counts(client, "/category/sepak-bola/")) == 1
    assert counts(client, "/category/sepak-bola/page/2/") == []  # the same list: cached
    assert client.get("/category/sepak-bola/page/3/").status_code == 404
    make_article("Laga baru", category=football, published_at=hours_ago(10))
    make_article("Laga lain", category=football, published_at=hours_ago(11))
    assert titles(client.get("/category/sepak-bola/page/3/")) == ["Laga lain"]


def test_unpublishing_or_deleting_shortens_the_list_at_once(client):
    articles = [make_article(f"Berita {n}", published_at=hours_ago(n + 1)) for n in range(5)]
    assert titles(client.get("/page/3/")) == ["Berita 4"]
    articles[0].status = Article.Status.DRAFT
    articles[0].save()
    assert client.get("/page/3/").status_code == 404
    assert titles(client.get("/page/2/")) == ["Berita 3", "Berita 4"]
    articles[1].delete()
    assert titles(client.get("/page/2/")) == ["Berita 4"]


def test_a_tag_or_author_list_counts_a_new_article(client):
    rina = make_user("rina", first_name="Rina", last_name="")
    for n in range(2):
        make_article(f"Tulisan {n}", author=rina, tags=["iran"], published_at=hours_ago(n + 1))
    for path in ("/tag/iran/page/2/", "/author/rina/page/2/"):
        assert client.get(path).status_code == 404
    make_article("Tulisan baru", author=rina, tags=["iran"], published_at=hours_ago(5))
    assert titles(client.get("/tag/iran/page/2/")) == ["Tulisan baru"]
    assert titles(client.get("/author/rina/page/2/")) == ["Tulisan baru"]


def test_a_scheduled_article_joins_the_count_when_its_time_comes(client):
    for n in range(2):
        make_article(f"Berita {n}", published_at=hours_ago(n + 1))
    make_article(
        "Terjadwal",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + datetime.timedelta(hours=1),
    )
    assert client.get("/page/2/").status_code == 404
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        assert titles(client.get("/page/2/")) == ["Berita 1"]
        assert titles(client.get("/")) == ["Terjadwal", "Berita 0"]


def test_a_common_word_lists_the_best_of_the_newest_matches(client, settings):
    """Past NEWSROOM_SEARCH_RESULTS matches, the newest are ranked and the page says so."""
    settings.NEWSROOM_SEARCH_RESULTS = 3
    for n in range(5):
        make_article(f"Harga minyak {n}", body="<p>minyak</p>", published_at=hours_ago(n + 1))
    response = client.get("/en/search/", {"q": "minyak"})
    html = response.content.decode()
    assert "More than 3 articles found: the best matches among the newest 3 are listed." in html
    found = titles(response) + titles(client.get("/en/search/page/2/", {"q": "minyak"}))
    assert sorted(found) == ["Harga minyak 0", "Harga minyak 1", "Harga minyak 2"]
    settings.NEWSROOM_SEARCH_RESULTS = 5
    html = client.get("/en/search/", {"q": "minyak"}).content.decode()
    assert "5 articles found." in html
