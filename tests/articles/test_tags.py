"""Every tag has a working address, whatever its script: page, feeds and sitemap in both
languages; a changed slug leaves its old address leading to the new one."""

import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlsplit

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import OldTagSlug
from articles.tags import fix_slugs, routable
from tests.factories import make_article, make_member

pytestmark = pytest.mark.django_db

SM = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
NAMES = [
    "Erdoğan",  # Latin with a diacritic
    "Ðặng Thị Ngọc Thịnh",
    "中国",  # CJK
    "習近平",
    "مصر",  # Arabic
    "Москва",  # Cyrillic
    "ประเทศไทย",  # Thai, with combining vowels
    ">",  # punctuation only: an empty slug
    "—",
    "<>",
    "C++",
]


def tag_links(html):
    """The tag addresses an article page links to (as the browser would request them)."""
    return sorted(
        {unquote(part.split('"')[0]) for part in html.split('href="')[1:] if "/tag/" in part[:8]}
    )


@pytest.mark.parametrize("name", NAMES)
def test_a_tag_in_any_script_has_a_page_feeds_and_sitemap_entry(client, name):
    article = make_article(tags=[name])
    tag = Tag.objects.get(name=name)
    assert routable(tag.slug), tag.slug
    for prefix in ("", "/en"):
        page = client.get(f"{prefix}{article.get_absolute_url()}")
        assert page.status_code == 200, (prefix, name)
        links = tag_links(page.content.decode())
        assert links == [f"{prefix}/tag/{tag.slug}/"]
        tag_page = client.get(links[0])
        assert tag_page.status_code == 200
        assert article.title in tag_page.content.decode()
        for feed in ("feed/", "feed/atom/"):
            assert client.get(f"{links[0]}{feed}").status_code == 200
        sitemap = client.get("/sitemap-tags.xml" if not prefix else "/sitemap-tags-en.xml")
        assert sitemap.status_code == 200
        locs = [loc.text for loc in ET.fromstring(sitemap.content).iterfind("sm:url/sm:loc", SM)]
        assert [unquote(urlsplit(loc).path) for loc in locs] == links


def test_punctuation_tags_do_not_share_a_slug(db):
    """ ">" and "<>" and a tag already named like their fallback each keep their own page."""
    make_article(tags=[">", "<>", "tag-3e"])
    slugs = list(Tag.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 3
    assert all(routable(slug) for slug in slugs)


def test_a_tag_typed_in_quick_edit_gets_a_working_page(client):
    article = make_article()
    client.force_login(make_member("Editor", "dewi"))
    fields = {"status": "", "published_at_0": "", "published_at_1": "", "category": "",
              "tags": "中国, >", "sticky": "", "comments_open": ""}  # fmt: skip
    client.post(f"/admin/articles/article/quick-edit/?ids={article.pk}", fields)
    assert sorted(article.tags.names()) == [">", "中国"]
    assert client.get(article.get_absolute_url()).status_code == 200
    for tag in article.tags.all():
        assert client.get(reverse("articles:tag", kwargs={"slug": tag.slug})).status_code == 200


def test_a_tag_saved_with_a_bad_slug_gets_one_from_its_name(db):
    """Whatever the ORM is given (an empty slug, a space, a slash), the row saved can be routed."""
    for bad in ("", "a b", "x/y", "%c4%9f"):
        tag = Tag.objects.create(name=f"Erdoğan {bad!r}", slug=bad)
        assert routable(tag.slug), (bad, tag.slug)


def test_a_slug_an_editor_changes_leaves_its_old_address_leading_to_the_new(client):
    article = make_article(tags=["Erdogan"])
    tag = Tag.objects.get()
    client.force_login(make_member("Editor", "dewi"))
    response = client.post(
        f"/admin/articles/tag/{tag.pk}/change/", {"name": "Erdoğan", "slug": "erdoğan"}
    )
    assert response.status_code == 302
    client.logout()
    new = reverse("articles:tag", kwargs={"slug": "erdoğan"})
    for old, target in [
        ("/tag/erdogan/", new),
        ("/en/tag/erdogan/", f"/en{new}"),
        ("/tag/erdogan/feed/atom/", f"{new}feed/atom/"),
    ]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == target
    assert article.title in client.get(new).content.decode()
    assert client.get("/sitemap-tags.xml").content.decode().count("/tag/") == 1


def test_an_old_slug_taken_by_a_new_tag_belongs_to_the_new_one(client):
    make_article(tags=["Lama"])
    tag = Tag.objects.get()
    tag.slug = "baru"
    tag.save()
    make_article(title="Artikel Lain", tags=["Lama!"])  # a new tag whose slug is the old one
    assert Tag.objects.exclude(pk=tag.pk).get().slug == "lama"
    assert OldTagSlug.objects.get().tag == tag
    response = client.get("/tag/lama/")
    assert response.status_code == 200
    assert "Artikel Lain" in response.content.decode()


def test_existing_rows_with_bad_slugs_are_repaired(db):
    """The data migration's step: slugs saved before this rule (or by bulk inserts) are fixed."""
    make_article(tags=["中国", "Erdoğan", ">"])
    Tag.objects.filter(name="中国").update(slug="")
    Tag.objects.filter(name=">").update(slug="> <")
    Tag.objects.filter(name="Erdoğan").update(slug="erdo%c4%9fan")
    fix_slugs(Tag)
    slugs = dict(Tag.objects.values_list("name", "slug"))
    assert slugs["中国"] == "中国"
    assert slugs["Erdoğan"] == "erdoğan"
    assert slugs[">"] == "tag-3e"
