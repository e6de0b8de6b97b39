"""Standing pages (Tentang Kami, Kontak, Kebijakan Privasi) at /<slug>/, linked from the footer."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pages.models import Page
from tests.factories import make_article, make_category, make_member, make_page

pytestmark = pytest.mark.django_db


def test_page_is_served_at_its_own_address(client):
    """/tentang-kami/ shows the page's title and body."""
    make_page("Tentang Kami", slug="tentang-kami", body="<p>Kami adalah redaksi.</p>")
    response = client.get("/tentang-kami/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 class="entry__title">Tentang Kami</h1>' in page
    assert "<p>Kami adalah redaksi.</p>" in page


def test_english_site_uses_the_english_title(client):
    """Under /en/ the page keeps its content and shows its English title."""
    make_page("Tentang Kami", slug="tentang-kami", title_en="About us")
    page = client.get("/en/tentang-kami/").content.decode()
    assert '<h1 class="entry__title">About us</h1>' in page


def test_page_has_its_own_description_canonical_url_and_open_graph(client):
    """Search engines and link previews get the page's own text, not the site's tagline."""
    make_page("Tentang Kami", slug="tentang-kami", title_en="About us",
              body="<p>Kami adalah <b>redaksi</b> independen di Jakarta.</p>")  # fmt: skip
    page = client.get("/tentang-kami/").content.decode()
    assert "<title>Tentang Kami \u2013 " in page
    assert '<meta name="description" content="Kami adalah redaksi independen di Jakarta.">' in page
    assert '<link rel="canonical" href="http://testserver/tentang-kami/">' in page
    assert '<meta property="og:title" content="Tentang Kami">' in page
    assert '<meta property="og:url" content="http://testserver/tentang-kami/">' in page
    assert 'content="Kami adalah redaksi independen di Jakarta."' in page.split("og:description")[1]
    english = client.get("/en/tentang-kami/").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/tentang-kami/">' in english
    assert '<meta property="og:title" content="About us">' in english


def test_unpublished_page_preview_names_no_canonical_url(client):
    make_page("Karier", slug="karier", body="<p>Lowongan.</p>", is_published=False)
    client.force_login(make_member("Editor"))
    page = client.get("/karier/").content.decode()
    assert '<meta name="description" content="Lowongan.">' in page
    assert 'rel="canonical"' not in page


def test_unknown_page_is_a_404(client):
    """A slug that is no page is "not found", not an error."""
    assert client.get("/tidak-ada/").status_code == 404


def test_page_never_shadows_the_reader_urls(client):
    """Category, tag and archive URLs win over a page's /<slug>/."""
    article = make_article(tags=["Iran"])
    assert client.get(article.category.get_absolute_url()).status_code == 200
    assert client.get(reverse("articles:tag", kwargs={"slug": "iran"})).status_code == 200


def test_reserved_slugs_are_refused():
    """A page cannot take an address the site already uses, such as /search/ or /feed/."""
    for slug in ("search", "feed", "category", "admin", "2026"):
        with pytest.raises(ValidationError) as caught:
            Page(title="X", slug=slug).full_clean()
        assert "slug" in caught.value.message_dict


def test_page_body_is_sanitized():
    """Hostile markup in a page body is removed on save, like an article's."""
    page = make_page(body='<p onclick="x()">Hai</p><script>alert(1)</script>')
    page.refresh_from_db()
    assert page.body == "<p>Hai</p>"


def test_only_one_page_is_the_privacy_policy():
    """The privacy policy is one page: a second one is refused with a message."""
    make_page(is_privacy_policy=True)
    with pytest.raises(ValidationError):
        Page(title="Privasi 2", slug="privasi-2", is_privacy_policy=True).full_clean()


def test_footer_links_the_standing_pages_in_order(client):
    """Every reader page's footer links the pages marked for it, in their order."""
    make_page("Kontak", slug="kontak", footer_order=2)
    make_page("Tentang Kami", slug="tentang-kami", footer_order=1)
    make_page("Arsip Lama", slug="arsip-lama", in_footer=False)
    footer = client.get("/").content.decode().split('class="site-footer"')[1]
    assert footer.index("/tentang-kami/") < footer.index("/kontak/")
    assert "Arsip Lama" not in footer


def test_footer_links_cost_no_query_per_link(client):
    """The footer's pages are read once and cached: more pages, no more queries."""
    make_category()
    make_page(slug="satu")
    client.get("/")
    with CaptureQueriesContext(connection) as one_page:
        client.get("/")
    for n in range(5):
        make_page(slug=f"halaman-baru-{n}")
    client.get("/")  # a saved page clears the cache: this request reads it again
    with CaptureQueriesContext(connection) as six_pages:
        page = client.get("/").content.decode()
    assert len(six_pages) == len(one_page)
    assert "/halaman-baru-4/" in page


def test_privacy_policy_url_is_in_every_template_context(client):
    """The comment form can link the privacy policy; empty when there is none."""
    assert client.get("/").context["privacy_policy_url"] == ""
    make_page("Kebijakan Privasi", slug="kebijakan-privasi", is_privacy_policy=True)
    assert client.get("/").context["privacy_policy_url"] == "/kebijakan-privasi/"
    assert client.get("/en/").context["privacy_policy_url"] == "/en/kebijakan-privasi/"


def test_editors_manage_pages_and_others_cannot(client):
    """Pages are the editors' job; authors do not even see them in the admin."""
    page = make_page("Kontak", slug="kontak")
    url = reverse("admin:pages_page_change", args=[page.pk])
    client.force_login(make_member("Author"))
    assert client.get(url).status_code == 403
    client.force_login(make_member("Editor"))
    data = {
        "title": "Kontak Redaksi",
        "title_en": "Contact",
        "slug": "kontak",
        "body": "<p>Surel kami.</p><script>x()</script>",
        "in_footer": "on",
        "footer_order": "1",
        "_save": "Save",
    }
    assert client.post(url, data).status_code == 302
    page.refresh_from_db()
    assert page.title == "Kontak Redaksi"
    assert page.body == "<p>Surel kami.</p>"
    assert page.history.count() == 2


def test_demo_content_has_the_three_standing_pages():
    """seed() creates Tentang Kami, Kontak and Kebijakan Privasi (the privacy policy)."""
    from pages import demo

    assert demo.seed() == 3
    assert demo.seed() == 0
    assert set(Page.objects.values_list("slug", flat=True)) == {
        "tentang-kami",
        "kontak",
        "kebijakan-privasi",
    }
    assert Page.objects.get(is_privacy_policy=True).slug == "kebijakan-privasi"


def test_unpublished_page_is_hidden_from_readers_and_previewed_by_editors(client):
    """A page in preparation: not found for readers nor in the footer; a preview for editors."""
    make_page("Karier", slug="karier", is_published=False)
    assert client.get("/karier/").status_code == 404
    assert "/karier/" not in client.get("/").content.decode()
    client.force_login(make_member("Editor"))
    response = client.get("/karier/")
    assert response.status_code == 200
    assert 'class="preview-banner"' in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_page_for_an_anonymous_reader_does_not_vary_on_cookies(client):
    """A standing page is one shared cacheable response: no session read, no Vary: Cookie."""
    make_page("Kontak", slug="kontak")
    response = client.get("/kontak/")
    assert "Cookie" not in response.get("Vary", "")
    assert "public" in response["Cache-Control"]


def test_comment_form_links_the_privacy_policy(client):
    """The Leave a Reply form links the standing privacy-policy page."""
    make_page("Kebijakan Privasi", slug="kebijakan-privasi", is_privacy_policy=True)
    article = make_article()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'href="/kebijakan-privasi/"' in page.split('id="respond"')[1]


def test_a_page_body_past_the_limit_is_refused_and_kept(client, settings):
    """The page form refuses a body past settings.NEWSROOM_BODY_MAX_LENGTH before sanitizing."""
    client.force_login(make_member("Editor", "dewi"))
    data = {"title": "Kontak", "title_en": "", "slug": "kontak", "is_published": "on",
            "footer_order": "0"}  # fmt: skip
    body = "<p>" + " " * settings.NEWSROOM_BODY_MAX_LENGTH + "akhir-teks</p>"
    response = client.post("/admin/pages/page/add/", {**data, "body": body})
    assert response.status_code == 200
    page = response.content.decode()
    assert "paling banyak 200000 karakter" in page
    assert "akhir-teks" in page
    assert not Page.objects.exists()
    response = client.post("/admin/pages/page/add/", {**data, "body": "<p>Hubungi kami.</p>"})
    assert response.status_code == 302
