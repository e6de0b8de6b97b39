"""Writing aids: the full address under the slug, a free slug offered, the form's hooks."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import make_article, make_member

pytestmark = pytest.mark.django_db

CHECK = "/admin/articles/article/slug-check/"


@pytest.fixture
def editor(client):
    user = make_member("Editor", "dewi")
    client.force_login(user)
    return user


def test_slug_check_gives_the_full_address_of_the_day(client, editor):
    answer = client.get(CHECK, {"slug": "Banjir Rob", "date": "2026-11-23"}).json()
    assert answer == {
        "url": "http://testserver/2026/11/23/banjir-rob/",
        "free": True,
        "suggestion": "banjir-rob",
    }


def test_a_taken_slug_gets_a_free_one_suggested(client, editor):
    day = timezone.localtime() - datetime.timedelta(days=1)
    make_article("Banjir", slug="banjir", published_at=day)
    make_article("Banjir Lagi", slug="banjir-2", published_at=day)
    answer = client.get(CHECK, {"slug": "banjir", "date": day.strftime("%Y-%m-%d")}).json()
    assert answer["free"] is False
    assert answer["suggestion"] == "banjir-3"
    assert "“banjir-3” masih bebas" in answer["message"]
    # The article itself does not clash with its own slug.
    own = make_article("Banjir Ketiga", slug="banjir-3", published_at=day)
    answer = client.get(
        CHECK, {"slug": "banjir-3", "date": day.strftime("%Y-%m-%d"), "article": own.pk}
    ).json()
    assert answer["free"] is True


def test_a_date_the_form_cannot_read_means_today(client, editor):
    answer = client.get(CHECK, {"slug": "x", "date": "31-31-2026"}).json()
    assert f"/{timezone.localdate():%Y/%m/%d}/x/" in answer["url"]


def test_slug_check_is_for_staff_only(client):
    response = client.get(CHECK, {"slug": "x"})
    assert response.status_code == 302


def test_saving_a_taken_slug_names_a_free_one(client, editor):
    from articles.models import Article
    from tests.articles.admin_helpers import form_data
    from tests.factories import make_category

    category = make_category("Nasional", slug="nasional")
    now = timezone.now()
    make_article("Gempa", slug="gempa-guncang-sulawesi-tengah", published_at=now)
    response = client.post(
        "/admin/articles/article/add/",
        form_data(category, editor, when=now, status=Article.Status.PUBLISHED),
    )
    assert "“gempa-guncang-sulawesi-tengah-2” masih bebas" in response.content.decode()


def test_the_form_carries_the_writing_aids(client, editor):
    html = client.get("/admin/articles/article/add/").content.decode()
    assert f'data-slug-check-url="{CHECK}"' in html
    assert "data-words-per-minute" in html
    assert "js/admin-writing-aids.js" in html
