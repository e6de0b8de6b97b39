"""The editorial admin's lists, home, language and tag suggestions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.articles.admin_helpers import ADD_URL, LIST_URL, login
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def test_article_list_query_count_does_not_grow_with_rows(
    client, editor, category, django_assert_num_queries
):
    """Listing 3 or 30 articles (authors, categories, tags) costs the same number of queries."""
    login(client, editor)
    for _ in range(3):
        make_article(category=category, tags=["Satu", "Dua"])
    client.get(LIST_URL)  # warms the cached footer pages
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST_URL).status_code == 200
    for _ in range(27):
        make_article(category=make_category(), tags=["Tiga"])
    with django_assert_num_queries(len(few)):
        assert client.get(LIST_URL).status_code == 200


def test_article_list_filters_and_searches(client, editor, category):
    """Filters by status and search by title narrow the list."""
    make_article("Banjir Jakarta", category=category, status="draft", published_at=None)
    make_article("Pemilu Daerah", category=category)
    login(client, editor)
    drafts = client.get(LIST_URL, {"status__exact": "draft"}).content.decode()
    assert "Banjir Jakarta" in drafts
    assert "Pemilu Daerah" not in drafts
    found = client.get(LIST_URL, {"q": "Pemilu"}).content.decode()
    assert "Pemilu Daerah" in found
    assert "Banjir Jakarta" not in found


def test_admin_home_shows_work_awaiting_review_and_scheduled(client, editor, author, category):
    """Editors see everyone's pending articles and what goes out next."""
    make_article("Menunggu Tinjauan", category=category, status="pending", published_at=None)
    make_article(
        "Terbit Besok",
        category=category,
        status="scheduled",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    login(client, editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Menunggu tinjauan" in page
    assert "Menunggu Tinjauan" in page
    assert "Terbit Besok" in page
    client.logout()
    login(client, author)
    assert "Menunggu Tinjauan" not in client.get(reverse("admin:index")).content.decode()


def test_categories_are_listed_as_a_tree(client, editor):
    """Child categories are indented under their parent."""
    parent = make_category("Olahraga", slug="olahraga")
    make_category("Sepak Bola", parent=parent, slug="sepak-bola")
    login(client, editor)
    page = client.get(reverse("admin:articles_category_changelist")).content.decode()
    assert page.index("Olahraga") < page.index("\u2014 Sepak Bola")


def test_admin_language_switch_remembers_the_choice(client, editor):
    """The admin's language buttons switch it to English and back, for that editor only."""
    login(client, editor)
    index = reverse("admin:index")
    assert "Menunggu tinjauan" in client.get(index).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": index})
    page = client.get(index).content.decode()
    assert "Awaiting review" in page
    assert 'value="id"' in page  # the button back to Indonesian
    assert client.get("/").context["LANGUAGE_CODE"] == "id"  # reader pages follow the URL


def test_tags_box_suggests_existing_tags(client, contributor):
    """Typing part of a tag's name offers the existing tags that contain it."""
    make_article(tags=["Banjir", "Banjir Rob", "Gempa"])
    login(client, contributor)
    form = client.get(ADD_URL).content.decode()
    url = reverse("admin:articles_article_tag_suggestions")
    assert f'data-suggest-url="{url}"' in form
    assert "js/admin-tag-autocomplete.js" in form
    assert client.get(url, {"q": "banj"}).json() == {"tags": ["Banjir", "Banjir Rob"]}
    assert client.get(url, {"q": ""}).json() == {"tags": []}


@pytest.mark.parametrize("q", ["\x00", "banj\x00ir"])
def test_tag_suggestions_refuse_a_nul_byte_with_a_400(client, contributor, q):
    """A NUL byte in ?q= (PostgreSQL refuses it) is a clear 400, not a server error."""
    login(client, contributor)
    response = client.get(reverse("admin:articles_article_tag_suggestions"), {"q": q})
    assert response.status_code == 400
    assert response.json()["tags"] == []
    assert response.json()["errors"]


def test_tag_suggestions_are_for_staff_only(client):
    """Readers cannot list the tags through the admin's suggestion endpoint."""
    url = reverse("admin:articles_article_tag_suggestions")
    assert client.get(url, {"q": "a"}).status_code == 302  # to the admin login
