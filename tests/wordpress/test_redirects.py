"""Every old WordPress address answers 301 with the new one; bad values are a 404, not a 500."""

import pytest
from django.utils.http import url_has_allowed_host_and_scheme

from articles.models import Article, Category
from pages.models import Page
from tests.factories import make_article, make_member
from wordpress.models import Redirect, WordPressObject

pytestmark = pytest.mark.django_db


def location(client, url):
    response = client.get(url)
    assert response.status_code == 301, (url, response.status_code)
    return response["Location"]


def test_query_string_links(theme_site, client):
    comments = Article.objects.get(slug="template-comments")
    about = Page.objects.get(slug="about")
    classic = Category.objects.get(slug="classic")
    assert location(client, "/?p=1148") == comments.get_absolute_url()
    assert location(client, "/index.php?p=1148") == comments.get_absolute_url()
    assert location(client, "/?p=2") == "/about/"  # WordPress answers ?p= for pages too
    assert location(client, "/?page_id=2") == about.get_absolute_url()
    assert location(client, "/?cat=192") == classic.get_absolute_url()
    assert location(client, "/?cat=192&feed=rss2") == f"{classic.get_absolute_url()}feed/"
    assert location(client, "/?tag=template") == "/tag/template/"
    assert location(client, "/?tag=template&feed=rss2") == "/tag/template/feed/"
    assert location(client, "/?p=1148&feed=rss2") == f"{comments.get_absolute_url()}feed/"
    assert location(client, "/?m=2012") == "/2012/"
    assert location(client, "/?m=201201") == "/2012/01/"
    assert location(client, "/?m=20120103") == "/2012/01/03/"


def test_query_tag_link_of_a_renamed_tag_leads_to_its_address_now(db, client):
    article = make_article(tags=["Erdogan"])
    tag = article.tags.get()
    tag.slug = "erdoğan"
    tag.save()
    assert location(client, "/?tag=erdogan") == "/tag/erdo%C4%9Fan/"
    assert location(client, "/?tag=erdo%C4%9Fan&feed=rss2") == "/tag/erdo%C4%9Fan/feed/"


def test_feeds(db, client):
    assert location(client, "/?feed=rss2") == "/feed/"
    assert location(client, "/?feed=rss") == "/feed/"
    assert location(client, "/?feed=atom") == "/feed/atom/"
    assert location(client, "/?feed=comments-rss2") == "/comments/feed/"


def test_attachment_pages_lead_to_their_article(theme_site, client):
    article = Article.objects.get(slug="post-format-image-caption")
    assert location(client, "/?attachment_id=1628") == article.get_absolute_url()
    old = "/2010/08/07/post-format-image-caption/triforce-wallpaper/"
    assert location(client, old) == article.get_absolute_url()


def test_old_slugs_and_old_permalinks(theme_site, client):
    article = Article.objects.get(slug="text-category-blocks")
    # _wp_old_slug "8-2", and the post-name permalink the site used.
    assert location(client, "/8-2/") == article.get_absolute_url()
    assert location(client, "/wp-6-1-text-category-blocks/") == article.get_absolute_url()
    # The day moved from WordPress's time zone to Jakarta's: the old date still works.
    lists = Article.objects.get(slug="edge-case-nested-and-mixed-lists")
    old = "/2009/05/15/edge-case-nested-and-mixed-lists/"
    assert location(client, old) == lists.get_absolute_url()
    assert client.get(lists.get_absolute_url()).status_code == 200


def test_index_php_permalinks(theme_site, client):
    comments = Article.objects.get(slug="template-comments")
    url = comments.get_absolute_url()
    assert location(client, f"/index.php{url}") == url
    assert location(client, "/index.php/category/classic/") == "/category/classic/"


def test_editor_redirects(db, client):
    Redirect.objects.create(old_path="/lama/", new_path="/baru/")
    Redirect.objects.create(old_path="/luar/", new_path="https://example.org/x/")
    assert location(client, "/lama/") == "/baru/"
    assert location(client, "/lama") == "/baru/"
    assert location(client, "/luar/") == "https://example.org/x/"


@pytest.mark.parametrize(
    "url",
    [
        "/?p=abc",
        "/?p=999999",
        "/?p=",
        "/?p=1e9",
        "/?page_id=-1",
        "/?cat=99999999999999999999999",
        "/?tag=nope",
        "/?feed=bogus",
        "/?m=202613",
        "/?m=12",
        "/?attachment_id=x",
        "/?author=7",
    ],
)
def test_bad_values_are_not_found(theme_site, client, url):
    assert client.get(url).status_code == 404


def test_a_draft_is_not_revealed(theme_site, client):
    """?p= of a draft or scheduled post is a 404, as for any reader."""
    assert client.get("/?p=1164").status_code == 404
    assert client.get("/?p=1153").status_code == 404


def test_search_still_redirects(db, client):
    assert location(client, "/?s=iran") == "/search/?q=iran"


def test_an_editor_adds_a_redirect_in_the_admin(client):
    client.force_login(make_member("Editor", "dewi"))
    response = client.post("/admin/wordpress/redirect/add/", {"old_path": "/x/", "new_path": "/y/"})
    assert response.status_code == 302
    assert Redirect.objects.get().new_path == "/y/"
    assert location(client, "/x/") == "/y/"


@pytest.mark.parametrize(
    "url",
    [
        "/index.php//evil.example/",
        "/index.php///evil.example/",
        "/index.php/\\evil.example/",
        "/index.php//\\evil.example/",
        "/index.php//evil.example/?x=1",
    ],
)
def test_index_php_never_leads_off_the_site(db, client, url):
    """/index.php//evil.example/ answers /evil.example/ (a path here), never //evil.example/."""
    target = location(client, url)
    assert url_has_allowed_host_and_scheme(target, allowed_hosts={"testserver"}), target
    assert target.startswith("/evil.example/")


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example/", "javascript:alert(1)"])
def test_a_stored_row_never_leads_off_the_site_by_a_trick(db, client, target):
    """A row made outside the admin (an import, a script) with a host in disguise is ignored."""
    Redirect.objects.create(old_path="/lama/", new_path=target)
    response = client.get("/lama/")
    assert response.status_code == 404


def test_a_row_pointing_at_itself_is_not_followed(db, client):
    Redirect.objects.create(old_path="/lama/", new_path="/lama")
    assert client.get("/lama/").status_code == 404


def test_author_query_link_leads_to_the_author_page(db, client):
    """/?author=ID of an imported author with published work: their page, not a 500."""
    article = make_article()
    WordPressObject.objects.create(kind="author", wp_id=3, object_id=article.author_id)
    assert location(client, "/?author=3") == article.author.author_profile.get_absolute_url()


def add_redirect(client, old, new):
    return client.post("/admin/wordpress/redirect/add/", {"old_path": old, "new_path": new})


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/x/", "/x/"),
        ("/x/", "/x"),
        ("/x", "/x/"),
        ("/x/", "http://testserver/x/"),
    ],
)
def test_the_admin_refuses_a_redirect_to_itself(client, old, new):
    client.force_login(make_member("Editor", "dewi"))
    response = add_redirect(client, old, new)
    assert response.status_code == 200
    assert "Alamat baru sama dengan alamat lama" in response.content.decode()
    assert not Redirect.objects.exists()


def test_the_admin_refuses_a_loop(client):
    """/a/ -> /b/ -> /c/ exist; /c/ -> /a/ would close the circle, in Indonesian too."""
    Redirect.objects.create(old_path="/a/", new_path="/b/")
    Redirect.objects.create(old_path="/b", new_path="https://testserver/c/")
    client.force_login(make_member("Editor", "dewi"))
    response = add_redirect(client, "/c/", "/a/")
    assert response.status_code == 200
    assert "kembali ke /c/" in response.content.decode()
    assert not Redirect.objects.filter(old_path="/c/").exists()
    response = client.post(
        "/admin/wordpress/redirect/add/",
        {"old_path": "/c/", "new_path": "/a/"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "comes back to /c/" in response.content.decode()


def test_the_admin_accepts_a_chain_and_an_edit_that_ends_a_loop(client):
    Redirect.objects.create(old_path="/a/", new_path="/b/")
    row = Redirect.objects.create(old_path="/b/", new_path="/c/")
    client.force_login(make_member("Editor", "dewi"))
    assert add_redirect(client, "/c/", "/d/").status_code == 302
    response = client.post(
        f"/admin/wordpress/redirect/{row.pk}/change/", {"old_path": "/b/", "new_path": "/e/"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("new", ["//evil.example/", "/\\evil.example/", "javascript:alert(1)"])
def test_the_admin_refuses_a_disguised_host(client, new):
    client.force_login(make_member("Editor", "dewi"))
    response = add_redirect(client, "/x/", new)
    assert response.status_code == 200
    assert "URL lengkap (https://...)" in response.content.decode()
    assert not Redirect.objects.exists()
