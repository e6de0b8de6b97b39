"""Every kind of surrogate key a reader page carries is purged by some change (pagecache/keys.py).

A page tagged with a key that no change ever purges stays stale in the page cache (and in a
cache in front) until it expires: a typo in a view's key or in a purge's leaves exactly that.
The test reads the keys every kind of reader page carries (its `Surrogate-Key`), makes one of
every kind of change a reader can see, and reads the keys those changes purge.
"""

import math
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

import pagecache
from comments.models import DiscussionSettings
from pagecache import keys as surrogate
from tests.factories import make_article, make_category, make_comment, make_page, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    DiscussionSettings.load()
    news = make_category("Berita", slug="berita")
    football = make_category("Sepak Bola", slug="sepak-bola", parent=news)
    rina = make_user("rina", first_name="Rina", last_name="Kusuma")
    older = make_article("Artikel Lama", category=news, author=rina, tags=["Iran"])
    article = make_article(
        "Artikel A", category=football, author=rina, tags=["Iran"], published_at=timezone.now()
    )
    article.categories.add(make_category("Dunia", slug="dunia"))
    contact = make_page("Kontak", slug="kontak", comments_open=True, in_footer=True)
    about = make_page("Tentang Kami", slug="tentang-kami")
    make_comment(article, body="Komentar pertama.")
    make_comment(page=contact, body="Komentar di halaman.")
    return {
        "news": news,
        "football": football,
        "rina": rina,
        "older": older,
        "article": article,
        "contact": contact,
        "about": about,
    }


def reader_paths(client, site):
    """One address of every kind of page a reader (or a feed reader, a crawler) gets."""
    article = site["article"].get_absolute_url()
    when = site["article"].published_at.astimezone(timezone.get_current_timezone())
    paths = [
        "/",
        article,
        site["older"].get_absolute_url(),
        "/kontak/",
        "/tentang-kami/",
        "/category/berita/",
        "/category/berita/sepak-bola/",
        "/tag/iran/",
        "/author/rina-kusuma/",
        f"/{when:%Y}/",
        f"/{when:%Y/%m}/",
        f"/{when:%Y/%m/%d}/",
        "/feed/",
        "/feed/atom/",
        "/category/berita/feed/",
        "/tag/iran/feed/",
        "/author/rina-kusuma/feed/",
        "/comments/feed/",
        f"{article}feed/",
        "/kontak/feed/",
        "/news-sitemap.xml",
        "/robots.txt",
        "/en/",
        f"/en{article}",
    ]
    index = client.get("/sitemap.xml")
    sections = re.findall(r"<loc>http://testserver(/[^<]+)</loc>", index.content.decode())
    assert len(sections) >= 4, "the sitemap index names its sections"
    return [*paths, "/sitemap.xml", *sections]


def tagged_keys(client, paths):
    """Every key the pages at these paths carry; each must carry some (it is a stored page)."""
    keys = set()
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        carried = response.get("Surrogate-Key", "").split()
        assert carried, f"{path} names nothing it shows"
        keys.update(carried)
    return keys


def every_change(site):
    """One of each change a reader can see: edits, a publication, comments, settings."""
    article, contact = site["article"], site["contact"]
    article.title = "Judul Baru"
    article.save()
    make_article(
        "Berita Terbaru",
        category=site["football"],
        author=site["rina"],
        tags=["Iran"],
        published_at=timezone.now(),
    )
    for category in (site["news"], site["football"]):
        category.name += " Baru"
        category.save()
    iran = article.tags.get()
    iran.name = "Iran Baru"
    iran.save()
    rina = get_user_model().objects.get(pk=site["rina"].pk)
    rina.first_name = "Rini"
    rina.save()
    rina.author_profile.save()
    site["about"].in_footer = False  # its link leaves every page's footer
    site["about"].save()
    make_comment(article, body="Komentar kedua.")
    make_comment(page=contact, body="Komentar kedua di halaman.")
    discussion = DiscussionSettings.load()
    discussion.threaded = not discussion.threaded
    discussion.save()


def purged_keys(site):
    """The keys every change purges, as the changes' own code sends them."""
    with pagecache.deferred_purges(limit=math.inf) as purged:
        every_change(site)
        sent = set(purged.keys)
    # A batch too large to work out its keys (an import) purges every page at once.
    with pagecache.deferred_purges(limit=0) as batch:
        site["older"].save()
        sent |= batch.keys
    return sent


def kinds(keys):
    return {surrogate.kind_of(key) for key in keys}


def test_every_kind_of_key_a_page_carries_is_purged_by_some_change(client, site):
    tagged = tagged_keys(client, reader_paths(client, site))
    sent = purged_keys(site)
    never_purged = kinds(tagged) - kinds(sent) - surrogate.EXPIRES_ONLY
    assert not never_purged, f"pages carry keys no change purges: {sorted(never_purged)}"


def test_every_kind_of_key_a_change_purges_is_carried_by_some_page(client, site):
    """The other way round: a purge of a kind no page carries (a typo there) reaches nothing."""
    tagged = tagged_keys(client, reader_paths(client, site))
    sent = purged_keys(site)
    reaches_nothing = kinds(sent) - kinds(tagged)
    assert not reaches_nothing, f"changes purge keys no page carries: {sorted(reaches_nothing)}"


def test_a_key_kind_is_the_key_without_its_id():
    assert surrogate.kind_of(surrogate.article(12)) == "a"
    assert surrogate.kind_of(surrogate.page_comments(3)) == "comments:page"
    assert surrogate.kind_of(surrogate.category_list(7)) == "list:cat"
    assert surrogate.kind_of(surrogate.HOME_LIST) == "list:home"
    assert surrogate.kind_of(surrogate.ALL_COMMENTS) == "comments"
