"""No staff login name appears in any public page, feed, sitemap or structured data."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from articles import demo
from tests.comments.test_privacy import crawl
from tests.factories import comment_form_data, make_article, make_member

pytestmark = pytest.mark.django_db


def test_staff_usernames_never_appear_in_public_responses():
    """The demo site plus an author without a full name and an editor who comments signed in."""
    demo.seed()
    nameless = make_member("Author", "penulis_tanpa_nama", first_name="", last_name="")
    make_article("Tulisan tanpa nama", author=nameless)
    article = demo.Article.objects.get(slug=demo.ARTICLES[0]["slug"])
    editor = make_member("Editor", "kepala_redaksi_login", first_name="Sinta", last_name="Dewi")
    signed_in = Client()
    signed_in.force_login(editor)
    page = signed_in.get(article.get_absolute_url()).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    posted = signed_in.post(
        "/comments/post/",
        {**comment_form_data(article, comment="Tanggapan redaksi."), "csrfmiddlewaretoken": token},
    )
    assert posted.status_code == 302

    pages = crawl(Client())
    assert any(url.startswith("/author/") for url in pages)
    assert "/sitemap-authors.xml" in pages
    usernames = list(get_user_model().objects.values_list("username", flat=True))
    assert {"editor", "rina", "budi", "penulis_tanpa_nama", "kepala_redaksi_login"} <= set(
        usernames
    )
    for url, (_response, body) in pages.items():
        for username in usernames:
            needles = [f"/author/{username}/", f">{username}<", f'"{username}"']
            if len(username) > 5:
                needles.append(username)
            leaked = [needle for needle in needles if needle in body]
            assert not leaked, f"{url} shows the login name {username!r}: {leaked}"
