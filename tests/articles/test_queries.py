"""Every page costs the same number of queries whatever the number of articles or tags."""

import datetime

import pytest
from django.db import transaction

from comments.models import DiscussionSettings
from tests.factories import WIB, make_article, make_category, make_user

pytestmark = pytest.mark.django_db

WHEN = datetime.datetime(2026, 11, 23, 9, tzinfo=WIB)
HOURS = datetime.timedelta(hours=2)
# Every list: count, the page of articles, their tags (one prefetch), the navigation's
# categories, the next scheduled time (cache lifetime), the footer's standing pages (read once,
# then cached: the cache is cold in each test). Then what the page type adds: the category or
# tag or author, a category's ancestors, a date archive's emptiness check and its neighbouring
# periods (no list of months or days: the pages show none), an article's neighbours, its "Read
# also" articles and its approved comments (the discussion settings come from the cache once
# read). The home page shows no tags but adds its top stories, the home-page sections, the
# sections' articles (one query for all) and the "Most read" and "Most commented" lists (cold
# cache: computed here).
PAGES = {
    "/": 10,
    "/category/olahraga/sepak-bola/": 8,
    "/tag/iran/": 7,
    "/author/rina/": 7,  # its emptiness is the profile query's (AuthorProfile.with_page)
    "/2026/": 9,
    "/2026/11/": 9,
    "/2026/11/23/": 11,
    "/2026/11/23/artikel-0/": 10,
}


def build_site(articles, tags):
    """`articles` in as many home-page sections as there are tens of them, plus one more."""
    sport = make_category("Olahraga", slug="olahraga", front_page_order=1)
    football = make_category("Sepak Bola", parent=sport, slug="sepak-bola", front_page_order=2)
    sections = [football] + [
        make_category(f"Rubrik {n}", slug=f"rubrik-{n}", front_page_order=3 + n)
        for n in range(articles // 10)
    ]
    rina = make_user("rina", first_name="Rina", last_name="")
    tag_names = ["Iran"] + [f"Tag {i}" for i in range(tags - 1)] if tags else []
    for i in range(articles):
        make_article(
            slug=f"artikel-{i}",
            category=football if i == 0 else sections[i % len(sections)],
            author=rina,
            tags=tag_names,
            published_at=WHEN - datetime.timedelta(minutes=i),
        )
    # A neighbour for "Read also" on the smallest site too.
    make_article(slug="tetangga", category=football, author=rina, published_at=WHEN - HOURS)


@pytest.fixture(
    scope="class",
    params=[(1, 1), (50, 1), (1, 20), (50, 20)],
    ids=lambda size: f"{size[0]}-articles-{size[1]}-tags",
)
def site(request, django_db_setup, django_db_blocker):
    """The site of (articles, tags), built once for the pages that read it: in a transaction
    rolled back after them (each test runs in its own savepoint on top, caches emptied)."""
    with django_db_blocker.unblock(), transaction.atomic():
        build_site(*request.param)
        DiscussionSettings.load()
        yield
        transaction.set_rollback(True)


class TestQueryCountIsConstant:
    @pytest.mark.parametrize("path", PAGES)
    def test_for_every_size(self, site, client, django_assert_num_queries, path):
        DiscussionSettings.load()  # read once into the (emptied) cache, as on a live site
        with django_assert_num_queries(PAGES[path]):
            response = client.get(path)
        assert response.status_code == 200


# With every cache empty on every request ("cold"), the article page reads each thing once:
# the article, its tags, the categories above its own, the next scheduled time (shared by the
# cached parts' lifetimes and the page's Cache-Control), the navigation, "Read also", the two
# neighbours, the discussion settings, the comments and the footer's standing pages.
COLD_ARTICLE_QUERIES = 11


def test_a_cold_article_page_reads_each_thing_once(client, settings, django_assert_num_queries):
    """Nothing is read twice when no cache holds anything (the next scheduled time was)."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    settings.NEWSROOM_PAGE_CACHE = False
    build_site(3, 2)
    path = "/2026/11/23/artikel-0/"
    client.get(path)
    with django_assert_num_queries(COLD_ARTICLE_QUERIES):
        response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
