"""A live article whose address changes (back-dated, or its slug edited) keeps its old address:
it answers 301 with the new one, in both languages, and moving back makes no loop."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tests.articles.admin_helpers import change_url, rendered_form
from tests.factories import make_article, make_member

pytestmark = pytest.mark.django_db


def edit(client, article, **changes):
    """Post the article's change form as the admin renders it, with `changes` typed in."""
    data = rendered_form(client.get(change_url(article)).content.decode())
    data.update(changes, _save="Simpan")
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    article.refresh_from_db()
    return article


def backdated(days):
    when = timezone.localtime() - datetime.timedelta(days=days)
    return {"published_at_0": when.strftime("%Y-%m-%d"), "published_at_1": "08:00:00",
            "backdate": "on"}  # fmt: skip


@pytest.fixture
def editor_client(client):
    client.force_login(make_member("Editor", "dewi"))
    return client


def test_back_dating_a_live_article_redirects_its_old_address(editor_client):
    article = make_article("Pindah Tanggal", slug="pindah-tanggal")
    old = article.get_absolute_url()
    new = edit(editor_client, article, **backdated(10)).get_absolute_url()
    assert new != old
    editor_client.logout()
    response = editor_client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    english = editor_client.get(f"/en{old}")
    assert english.status_code == 301
    assert english["Location"] == f"/en{new}"
    assert editor_client.get(new).status_code == 200


def test_a_changed_slug_redirects_and_moving_back_makes_no_loop(editor_client):
    article = make_article("Judul", slug="judul-lama")
    first = article.get_absolute_url()
    second = edit(editor_client, article, slug="judul-baru").get_absolute_url()
    third = edit(editor_client, article, **backdated(3)).get_absolute_url()
    assert editor_client.get(first)["Location"] == third  # no chain of two redirects
    assert editor_client.get(second)["Location"] == third
    back = edit(editor_client, article, slug="judul-lama", **backdated(3)).get_absolute_url()
    assert editor_client.get(back).status_code == 200
    assert editor_client.get(third)["Location"] == back


def test_a_draft_that_moves_leaves_nothing_behind(editor_client):
    """Only a public article's address was ever read, linked or indexed."""
    draft = make_article("Rancangan", slug="rancangan", status=Article.Status.DRAFT)
    old = draft.get_absolute_url()
    edit(editor_client, draft, slug="rancangan-baru")
    editor_client.logout()
    assert editor_client.get(old).status_code == 404
