"""Head metadata: title pattern, description, canonical URL, Open Graph, Twitter, JSON-LD."""

import datetime
import json
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_category, make_image, make_user

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """The <title>, <meta>, <link> and JSON-LD of a page."""

    def __init__(self, html):
        super().__init__()
        self.title, self.meta, self.links, self.json_ld = "", {}, [], []
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs["content"])
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "title" or (tag == "script" and attrs.get("type") == "application/ld+json"):
            self._in = tag

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.json_ld.append(json.loads(data))

    def one(self, key):
        (value,) = self.meta[key]
        return value

    @property
    def canonical(self):
        found = [link["href"] for link in self.links if link.get("rel") == "canonical"]
        return found[0] if found else None

    def ld(self, kind):
        (data,) = [item for item in self.json_ld if item["@type"] == kind]
        return data


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return Head(response.content.decode())


@pytest.fixture
def article():
    author = make_user("dewi", first_name="Dewi", last_name="Lestari", email="dewi@example.com")
    world = make_category("Berita", slug="berita")
    return make_article(
        "Rusia dan Iran Perkuat Aliansi",
        slug="rusia-dan-iran",
        author=author,
        category=make_category("Internasional", slug="internasional", parent=world),
        excerpt="Rusia dan Iran menyatakan kesepakatan strategis.",
        tags=["Iran", "Rusia"],
        featured_image=make_image("aliansi.png"),
        featured_image_alt="Dua pemimpin berjabat tangan",
        published_at=timezone.now() - datetime.timedelta(hours=2),
    )


def test_article_page_has_title_description_canonical_and_cards(client, article):
    url = "http://testserver" + article.get_absolute_url()
    page = head(client, article.get_absolute_url())
    assert page.title == "Rusia dan Iran Perkuat Aliansi \u2013 Newsroom"
    assert page.one("description") == "Rusia dan Iran menyatakan kesepakatan strategis."
    assert page.canonical == url
    assert page.one("og:type") == "article"
    assert page.one("og:title") == "Rusia dan Iran Perkuat Aliansi"
    assert page.one("og:url") == url
    assert page.one("og:site_name") == "Newsroom"
    assert page.one("og:locale") == "id_ID"
    assert page.one("og:image") == "http://testserver" + article.featured_image_url(1200)
    assert page.one("og:image:alt") == "Dua pemimpin berjabat tangan"
    assert page.meta["article:tag"] == ["Iran", "Rusia"]
    assert page.one("article:section") == "Internasional"
    assert page.one("twitter:card") == "summary_large_image"
    assert page.one("twitter:image") == page.one("og:image")


def test_news_article_json_ld_has_the_required_fields(client, article):
    data = head(client, article.get_absolute_url()).ld("NewsArticle")
    url = "http://testserver" + article.get_absolute_url()
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Rusia dan Iran Perkuat Aliansi"
    assert data["mainEntityOfPage"]["@id"] == url
    assert datetime.datetime.fromisoformat(data["datePublished"]) == article.published_at
    assert datetime.datetime.fromisoformat(data["dateModified"]) >= article.published_at
    assert data["author"] == [
        {"@type": "Person", "name": "Dewi Lestari", "url": "http://testserver/author/dewi-lestari/"}
    ]
    assert data["image"] == ["http://testserver" + article.featured_image_url(1200)]
    assert data["articleSection"] == "Internasional"
    assert data["keywords"] == ["Iran", "Rusia"]
    assert data["inLanguage"] == "id"
    assert data["publisher"]["name"] == "Newsroom"
    assert data["publisher"]["logo"]["url"] == "http://testserver/static/img/logo.png"


def test_breadcrumb_json_ld_follows_the_category_path(client, article):
    data = head(client, article.get_absolute_url()).ld("BreadcrumbList")
    items = [(item["position"], item["name"], item["item"]) for item in data["itemListElement"]]
    assert items == [
        (1, "Beranda", "http://testserver/"),
        (2, "Berita", "http://testserver/category/berita/"),
        (3, "Internasional", "http://testserver/category/berita/internasional/"),
        (4, "Rusia dan Iran Perkuat Aliansi", "http://testserver" + article.get_absolute_url()),
    ]


def test_json_ld_cannot_break_out_of_its_script_element(client):
    """A title with </script> stays inside the JSON: "<" is escaped, the JSON still parses."""
    title = 'Judul </script><script>alert("x")</script> & <!-- lagi'
    article = make_article(title)
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "</script><script>alert" not in html
    assert "\\u003C/script\\u003E" in html
    assert Head(html).ld("NewsArticle")["headline"] == title


def test_no_email_address_in_any_metadata(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "dewi@example.com" not in html
    assert "@example.com" not in html


def test_article_without_image_gets_a_summary_card_and_no_image(client):
    article = make_article("Tanpa foto", excerpt="Ringkas.")
    page = head(client, article.get_absolute_url())
    assert page.one("twitter:card") == "summary"
    assert "og:image" not in page.meta
    assert "image" not in page.ld("NewsArticle")


def test_list_pages_keep_their_page_number_in_title_and_canonical(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 1
    category = make_category("Olahraga", slug="olahraga", description="Kabar dari lapangan.")
    for _ in range(3):
        make_article(category=category)
    home = head(client, "/")
    assert home.title == "Newsroom"
    assert home.canonical == "http://testserver/"
    second = head(client, "/page/2/")
    assert second.title == "Halaman 2 \u2013 Newsroom"
    assert second.canonical == "http://testserver/page/2/"
    category_page = head(client, "/category/olahraga/page/2/")
    assert category_page.title == "Kategori: Olahraga \u2013 Halaman 2 \u2013 Newsroom"
    assert category_page.canonical == "http://testserver/category/olahraga/page/2/"
    assert category_page.one("description") == "Kabar dari lapangan."
    assert category_page.one("og:type") == "website"


def test_english_pages_are_their_own_canonical_in_english(client):
    path = make_article("Harga minyak").get_absolute_url()
    page = head(client, "/en" + path)
    assert page.canonical == "http://testserver/en" + path
    assert page.one("og:locale") == "en_US"
    assert page.meta["og:locale:alternate"] == ["id_ID"]
    assert page.ld("BreadcrumbList")["itemListElement"][0]["name"] == "Home"


def test_previews_carry_no_canonical_url_or_structured_data(staff_client):
    draft = make_article("Draf rahasia", status=Article.Status.DRAFT, published_at=None)
    page = head(staff_client, f"/preview/{draft.pk}/")
    assert page.title == "Draf rahasia \u2013 Newsroom"
    assert page.canonical is None
    assert page.json_ld == []
    assert page.one("robots") == "noindex, nofollow"


def test_pages_without_their_own_metadata_still_describe_the_site(client):
    page = Head(client.get("/tidak-ada/").content.decode())
    assert page.one("description")
    assert page.canonical is None


def test_home_page_describes_the_site_and_its_search(client):
    """WebSite JSON-LD names the publisher and how to search (sitelinks search box)."""
    make_article()
    page = head(client, "/")
    website = page.ld("WebSite")
    assert website["url"] == "http://testserver/"
    assert website["publisher"]["logo"]["url"] == "http://testserver/static/img/logo.png"
    target = website["potentialAction"]["target"]["urlTemplate"]
    assert target == "http://testserver/search/?q={search_terms}"
    assert page.one("og:image") == "http://testserver/static/img/logo.png"
    assert page.one("twitter:card") == "summary"


def test_category_pages_carry_their_breadcrumb_trail(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 1
    sport = make_category("Olahraga", slug="olahraga")
    football = make_category("Sepak Bola", slug="sepak-bola", parent=sport)
    make_article(category=football)
    make_article(category=football)
    trail = head(client, "/category/olahraga/sepak-bola/page/2/").ld("BreadcrumbList")
    assert [(item["name"], item["item"]) for item in trail["itemListElement"]] == [
        ("Beranda", "http://testserver/"),
        ("Olahraga", "http://testserver/category/olahraga/"),
        ("Sepak Bola", "http://testserver/category/olahraga/sepak-bola/"),
    ]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_articles_let_search_engines_show_large_image_previews(client, prefix):
    """Google Discover shows a large picture only with max-image-preview:large (as WordPress)."""
    article = make_article("Besar")
    page = head(client, prefix + article.get_absolute_url())
    assert page.one("robots") == "max-image-preview:large"
