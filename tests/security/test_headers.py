"""Every response carries a strict Content-Security-Policy and a Permissions-Policy."""

import re

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def directives(response):
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


@pytest.mark.parametrize("path", ["/", "/en/", "/search/?q=x", "/feed/", "/tidak-ada/"])
def test_reader_pages_get_the_strict_policy(client, path):
    make_article()
    response = client.get(path)
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no nonce: nothing inline on reader pages
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_article_page_has_no_inline_script_but_its_json_ld(client):
    """JSON-LD is data, not script (browsers never run it, CSP does not apply to it)."""
    article = make_article()
    body = client.get(article.get_absolute_url()).content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", body, re.S)
    inline = [attrs for attrs, content in scripts if content.strip()]
    assert inline
    assert all('type="application/ld+json"' in attrs for attrs in inline)
    assert not re.search(r'\sstyle="|\son[a-z]+="', body)


def test_the_admin_editor_import_map_carries_the_pages_nonce(staff_client):
    response = staff_client.get("/admin/articles/article/add/")
    policy = directives(response)
    nonce = next(v for v in policy["script-src"] if v.startswith("'nonce-"))[7:-1]
    body = response.content.decode()
    assert f'<script type="importmap" nonce="{nonce}">' in body
    # Tiptap injects <style> without a nonce: inline styles, in the admin only.
    assert "'unsafe-inline'" in policy["style-src"]
    assert "'unsafe-inline'" not in policy["script-src"]


def test_the_article_history_page_editor_carries_the_nonce_too(staff_client):
    article = make_article()
    article.title = "Judul baru"
    article.save()
    record = article.history.last()
    response = staff_client.get(
        f"/admin/articles/article/{article.pk}/history/{record.history_id}/"
    )
    assert response.status_code == 200
    nonce = next(v for v in directives(response)["script-src"] if v.startswith("'nonce-"))[7:-1]
    assert f'nonce="{nonce}"' in response.content.decode()
