"""The "Edit" link on reader pages: a marker cookie from the admin, an uncached endpoint."""

import pytest

from tests.factories import make_article, make_member, make_page

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-uji-123"
EDIT_LINK = "/admin/edit-link/"


def test_signing_in_to_the_admin_sets_the_marker_and_signing_out_removes_it(client):
    user = make_member("Editor", "dewi")
    user.set_password(PASSWORD)
    user.save()
    response = client.post("/admin/login/", {"username": "dewi", "password": PASSWORD})
    marker = response.cookies["newsroom_staff"]
    assert marker.value == "1"
    assert not marker["httponly"]
    response = client.post("/admin/logout/")
    assert response.cookies["newsroom_staff"]["max-age"] == 0


def test_editor_gets_the_edit_address_of_an_article_and_a_page(client):
    client.force_login(make_member("Editor"))
    article, page = make_article(), make_page()
    answer = client.get(EDIT_LINK, {"kind": "article", "id": article.pk, "lang": "en"})
    url = f"/admin/articles/article/{article.pk}/change/"
    assert answer.json() == {"url": url, "label": "Edit"}
    assert "no-cache" in answer["Cache-Control"] or "no-store" in answer["Cache-Control"]
    answer = client.get(EDIT_LINK, {"kind": "page", "id": page.pk, "lang": "id"}).json()
    assert answer == {"url": f"/admin/pages/page/{page.pk}/change/", "label": "Sunting"}


def test_nobody_else_gets_an_edit_address(client):
    """Readers, another author's article, a contributor's published article: no link."""
    article = make_article()
    assert client.get(EDIT_LINK, {"kind": "article", "id": article.pk}).json()["url"] is None
    client.force_login(make_member("Author"))
    assert client.get(EDIT_LINK, {"kind": "article", "id": article.pk}).json()["url"] is None
    contributor = make_member("Contributor")
    own_published = make_article(author=contributor)
    client.force_login(contributor)
    answer = client.get(EDIT_LINK, {"kind": "article", "id": own_published.pk}).json()
    assert answer["url"] is None
    assert client.get(EDIT_LINK, {"kind": "page", "id": make_page().pk}).json()["url"] is None
    assert client.get(EDIT_LINK, {"kind": "user", "id": "1"}).json()["url"] is None
    assert client.get(EDIT_LINK, {"kind": "article", "id": "x"}).json()["url"] is None


def test_reader_pages_stay_the_same_for_everyone(client):
    """The article page carries only what the script needs, never a link, nor Vary: Cookie."""
    article = make_article("Sama Untuk Semua")
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert f'data-edit-kind="article" data-edit-id="{article.pk}"' in html
    assert "js/edit-link.js" in html
    assert "/admin/articles/article/" not in html
    assert "Cookie" not in response.get("Vary", "")
    assert "public" in response["Cache-Control"]
