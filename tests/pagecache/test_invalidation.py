"""Each change a reader can see purges exactly the pages that show it, and no others."""

import io

import pytest
from django.test import Client
from django.utils import timezone

from comments.models import Comment, DiscussionSettings
from comments.services import comment_set_status
from pagecache import keys as surrogate
from tests.factories import (
    make_article,
    make_category,
    make_comment,
    make_member,
    make_page,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    DiscussionSettings.load()
    news = make_category("Berita", slug="berita")
    sport = make_category("Olahraga", slug="olahraga")
    rina = make_user("rina", first_name="Rina")
    a = make_article("Artikel A", category=news, author=rina, tags=["Iran"])
    b = make_article("Artikel B", category=sport, tags=["Bola"])
    page = make_page("Tentang Kami", slug="tentang-kami", in_footer=True)
    return {"a": a, "b": b, "news": news, "sport": sport, "rina": rina, "page": page}


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def state(client, url):
    return client.get(url)["X-Page-Cache"]


def test_editing_an_article_purges_its_page_and_the_lists_showing_it(client, site):
    a, b = site["a"], site["b"]
    warm(client, a.get_absolute_url(), b.get_absolute_url(), "/", "/category/olahraga/")
    a.title = "Judul Baru"
    a.save()
    assert "Judul Baru" in client.get(a.get_absolute_url()).content.decode()
    assert "Judul Baru" in client.get("/").content.decode()
    assert state(client, "/category/olahraga/") == "hit"  # B's category does not show A


def test_publishing_purges_lists_and_neighbours(client, site):
    a = site["a"]
    warm(client, "/", "/feed/", "/category/berita/", a.get_absolute_url(), "/tag/iran/")
    new = make_article(
        "Berita Terbaru", category=site["news"], tags=["Iran"], published_at=timezone.now()
    )
    for url in ["/", "/feed/", "/category/berita/", "/tag/iran/"]:
        assert "Berita Terbaru" in client.get(url).content.decode(), url
    # A was the newest: its page now links to the new article as the next one.
    assert new.get_absolute_url() in client.get(a.get_absolute_url()).content.decode()


def test_unpublishing_and_deleting_remove_the_article_everywhere(client, site):
    a, b = site["a"], site["b"]
    warm(client, "/", a.get_absolute_url(), b.get_absolute_url())
    a.status = "draft"
    a.save()
    assert client.get(a.get_absolute_url()).status_code == 404
    assert "Artikel A" not in client.get("/").content.decode()
    url = b.get_absolute_url()
    b.delete()
    assert client.get(url).status_code == 404


def test_approving_a_comment_purges_that_article_only(client, site):
    a, b = site["a"], site["b"]
    warm(client, a.get_absolute_url(), b.get_absolute_url(), "/comments/feed/")
    held = make_comment(a, body="Komentar ditahan", status=Comment.Status.PENDING)
    assert state(client, a.get_absolute_url()) == "hit"  # a held comment shows nowhere
    comment_set_status(comments=Comment.objects.filter(pk=held.pk), status="approved")
    assert "Komentar ditahan" in client.get(a.get_absolute_url()).content.decode()
    assert "Komentar ditahan" in client.get("/comments/feed/").content.decode()
    assert state(client, b.get_absolute_url()) == "hit"


def test_unapproving_editing_and_removing_a_comment_purge_its_article(client, site):
    a, b = site["a"], site["b"]
    comment = make_comment(a, body="Komentar pertama")
    url = a.get_absolute_url()
    warm(client, url, b.get_absolute_url())
    comment.body = "Komentar diubah"
    comment.save()
    assert "Komentar diubah" in client.get(url).content.decode()
    warm(client, url)
    comment_set_status(comments=Comment.objects.filter(pk=comment.pk), status="spam")
    assert "Komentar diubah" not in client.get(url).content.decode()
    comment_set_status(comments=Comment.objects.filter(pk=comment.pk), status="approved")
    warm(client, url)
    comment.delete()
    assert "Komentar diubah" not in client.get(url).content.decode()
    assert state(client, b.get_absolute_url()) == "hit"


def test_a_new_approved_comment_updates_the_count_on_lists(client, site):
    warm(client, "/")
    make_comment(site["a"])
    assert "1 Komentar" in client.get("/").content.decode()


def test_category_tag_author_and_page_changes(client, site):
    a, b = site["a"], site["b"]
    warm(client, a.get_absolute_url(), b.get_absolute_url(), "/tag/iran/", "/tentang-kami/")
    news = site["news"]
    news.name = "Kabar"
    news.save()
    assert "Kabar" in client.get(a.get_absolute_url()).content.decode()
    warm(client, a.get_absolute_url())
    tag = a.tags.get()
    tag.name = "Persia"
    tag.save()
    assert "Persia" in client.get("/tag/iran/").content.decode()
    assert "Persia" in client.get(a.get_absolute_url()).content.decode()
    warm(client, a.get_absolute_url())
    rina = site["rina"]
    rina.author_profile.display_name = "Rini"  # the byline's public name (articles.authors)
    rina.author_profile.save()
    assert "Rini" in client.get(a.get_absolute_url()).content.decode()
    rina.save(update_fields=["last_login"])  # signing in changes nothing a reader sees
    assert state(client, a.get_absolute_url()) == "hit"
    page = site["page"]
    page.title = "Profil Redaksi"
    page.save()
    assert "Profil Redaksi" in client.get("/tentang-kami/").content.decode()
    # A footer page's new title shows on every page.
    assert "Profil Redaksi" in client.get(b.get_absolute_url()).content.decode()


def test_a_page_body_leaves_other_pages_cached(client, site):
    """The footer shows a page's title, not its text: other pages stay cached."""
    other = make_page("Kontak", slug="kontak")
    warm(client, site["b"].get_absolute_url(), "/kontak/")
    other.body = "<p>Telepon kami.</p>"
    other.save()
    assert "Telepon kami" in client.get("/kontak/").content.decode()
    assert state(client, site["b"].get_absolute_url()) == "hit"


def test_retagging_an_article_purges_both_tag_lists(client, site):
    a = site["a"]
    warm(client, "/tag/iran/", "/tag/bola/")
    a.tags.set(["Bola"])
    assert "Artikel A" not in client.get("/tag/iran/").content.decode()
    assert "Artikel A" in client.get("/tag/bola/").content.decode()


def test_discussion_settings_purge_article_pages(client, site):
    a = site["a"]
    for n in range(3):
        make_comment(a, body=f"Komentar {n}")
    warm(client, a.get_absolute_url(), "/")
    settings = DiscussionSettings.load()
    settings.paginate, settings.per_page = True, 2
    settings.save()
    assert "comment-page-1/" in client.get(a.get_absolute_url()).content.decode()
    assert state(client, "/") == "hit"


def test_surrogate_keys_name_what_the_page_shows(client, site):
    a = site["a"]
    keys = client.get(a.get_absolute_url())["Surrogate-Key"].split()
    for key in [
        surrogate.article(a.pk),
        surrogate.article_comments(a.pk),
        surrogate.category(site["news"].pk),
        surrogate.DISCUSSION_SETTINGS,
    ]:
        assert key in keys
    assert surrogate.article(site["b"].pk) in keys  # the neighbour link shows B's title
    home = client.get("/")["Cache-Tag"].split(",")
    assert {
        surrogate.HOME_LIST,
        surrogate.article(a.pk),
        surrogate.article_comments(a.pk),
        surrogate.NAV,
        surrogate.FOOTER,
    } <= set(home)


def test_another_client_sees_a_purge_at_once(site):
    """Pages are shared by every visitor: one reader's stored page is purged for all."""
    first, second = Client(), Client()
    a = site["a"]
    warm(first, a.get_absolute_url())
    assert state(second, a.get_absolute_url()) == "hit"
    make_comment(a, body="Untuk semua")
    assert "Untuk semua" in second.get(a.get_absolute_url()).content.decode()


def test_deleting_a_footer_page_purges_every_page(client, site):
    url = site["b"].get_absolute_url()
    warm(client, url)
    site["page"].delete()
    assert "Tentang Kami" not in client.get(url).content.decode()


def test_erasing_a_commenters_data_purges_their_articles(client, site):
    from django.core.management import call_command

    a = site["a"]
    make_comment(a, author_name="Budi Terbuka", author_email="budi@example.com")
    warm(client, a.get_absolute_url())
    call_command("comments_personal_data", "erase", "budi@example.com", stdout=io.StringIO())
    html = client.get(a.get_absolute_url()).content.decode()
    assert "Budi Terbuka" not in html
    assert "Anonim" in html


def test_a_tag_slug_changed_in_the_admin_purges_the_pages_linking_it(client, site):
    """The admin saves the articles.Tag proxy: its purge (and the old address's 301) still run."""
    a = site["a"]
    warm(client, a.get_absolute_url(), "/tag/iran/", "/sitemap-tags.xml")
    tag = a.tags.get()
    editor = Client()
    editor.force_login(make_member("Editor", "dewi"))
    response = editor.post(
        f"/admin/articles/tag/{tag.pk}/change/", {"name": "Irán", "slug": "irán"}
    )
    assert response.status_code == 302
    page = client.get(a.get_absolute_url()).content.decode()
    assert 'href="/tag/ir%C3%A1n/"' in page
    assert "/tag/ir%C3%A1n/" in client.get("/sitemap-tags.xml").content.decode()
    assert client.get("/tag/iran/")["Location"] == "/tag/ir%C3%A1n/"
