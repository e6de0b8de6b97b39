"""Authors are public by a display name and its slug; the login name is never a public address."""

import pytest
from django.utils import translation

from articles import authors
from articles.models import AuthorProfile
from tests.factories import make_article, make_staff, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _indonesian():
    """An earlier test's /en/ request leaves English active in this thread."""
    with translation.override("id"):
        yield


def test_every_account_gets_a_profile_from_its_full_name():
    user = make_user("dlestari", first_name="Dewi", last_name="Lestari")
    assert user.author_profile.display_name == "Dewi Lestari"
    assert user.author_profile.slug == "dewi-lestari"
    assert authors.author_url(user) == "/author/dewi-lestari/"


def test_two_people_with_one_name_get_distinct_slugs():
    first = make_user("dewi1", first_name="Dewi", last_name="Lestari")
    second = make_user("dewi2", first_name="Dewi", last_name="Lestari")
    assert {first.author_profile.slug, second.author_profile.slug} == {
        "dewi-lestari",
        "dewi-lestari-2",
    }


def test_an_account_without_a_name_is_shown_as_the_newsroom_not_its_login(client):
    user = make_user("admin-rahasia", first_name="", last_name="")
    article = make_article(author=user)
    assert authors.display_name(user) == "Redaksi"
    html = client.get(article.get_absolute_url()).content.decode()
    assert "admin-rahasia" not in html
    assert 'href="/author/redaksi/" rel="author">Redaksi</a>' in html


def test_a_login_name_that_is_not_a_slug_reveals_nothing(client):
    """/author/<username>/ is a 404 unless that is the profile's slug: no account probing."""
    user = make_user("dlestari", first_name="Dewi", last_name="Lestari")
    make_article(author=user)
    assert client.get("/author/dlestari/").status_code == 404
    assert client.get("/author/dlestari/feed/").status_code == 404
    assert client.get("/author/dewi-lestari/").status_code == 200


def test_an_imported_authors_old_link_works_through_the_slug(client):
    """A WordPress author whose slug is their old nicename keeps /author/<nicename>/ working."""
    user = make_user("wp_import_7", first_name="Rina", last_name="Kusuma")
    AuthorProfile.objects.filter(user=user).update(slug="rina")
    make_article("Tulisan lama", author=user)
    response = client.get("/author/rina/")
    assert response.status_code == 200
    assert "Tulisan lama" in response.content.decode()
    assert client.get("/author/rina/feed/").status_code == 200


def test_an_editor_renames_an_author_in_the_admin(client):
    """The display name and slug are the editor's to change; bylines and the URL follow."""
    user = make_user("rk", first_name="Rina", last_name="Kusuma")
    article = make_article(author=user)
    client.force_login(make_staff("kepala"))
    change = f"/admin/articles/authorprofile/{user.author_profile.pk}/change/"
    response = client.post(change, {"display_name": "Rina K.", "slug": "rina-k"})
    assert response.status_code == 302
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'href="/author/rina-k/" rel="author">Rina K.</a>' in html
    assert client.get("/author/rina-kusuma/").status_code == 404


def test_renaming_the_account_keeps_the_public_name_and_address():
    """Saving the user again never moves the author page (links stay valid)."""
    user = make_user("rk", first_name="Rina", last_name="Kusuma")
    user.first_name = "Rini"
    user.save()
    user.refresh_from_db()
    assert user.author_profile.slug == "rina-kusuma"
