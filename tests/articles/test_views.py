import datetime

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from tests.factories import WIB, make_article, make_category, make_user

pytestmark = pytest.mark.django_db


def titles(response):
    return [article.title for article in response.context["articles"]]


def test_home_lists_latest_first_with_sticky_on_top_of_page_one_only(client):
    """Ten to a page, newest first; a sticky article leads page 1 and is not repeated."""
    for hours in range(1, 13):
        make_article(
            f"Berita {hours:02d}", published_at=timezone.now() - datetime.timedelta(hours=hours)
        )
    make_article("Sorotan", sticky=True, published_at=timezone.now() - datetime.timedelta(days=9))

    first = client.get("/")
    assert first.status_code == 200
    assert titles(first)[:3] == ["Sorotan", "Berita 01", "Berita 02"]
    assert len(titles(first)) == 10

    second = client.get("/page/2/")
    assert titles(second) == ["Berita 10", "Berita 11", "Berita 12"]
    assert "Sorotan" not in titles(second)
    assert 'href="/page/2/"' in first.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/page/0/", "/page/abc/", "/page/99999/", "/page/-1/", "/2026/13/01/", "/2026/02/30/",
     "/2026/11/23/tidak-ada/", "/category/tidak-ada/", "/tag/tidak-ada/", "/author/tidak-ada/",
     "/category/a/b/c/", "/wp-admin/", "/en/tidak-ada/",
     # A NUL byte (PostgreSQL refuses it in a query) and digits int() refuses.
     "/author/%00/", "/author/%00/feed/", "/author/%00/feed/atom/", "/author/%00/page/2/",
     "/en/author/%00/", "/author/a%00b/", "/page/%C2%B2/", "/2026/%C2%B2%C2%B2/",
     "/author/tidak-ada/page/%C2%B2/"],
)  # fmt: skip
def test_bad_addresses_get_the_sites_own_404_page(client, path):
    make_article()
    response = client.get(path)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode() or path.startswith("/en/")
    assert '<nav class="site-nav"' in response.content.decode()


def test_english_404_page_is_in_english(client):
    response = client.get("/en/tidak-ada/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_page_one_redirects_to_the_list_itself(client):
    make_article()
    response = client.get("/page/1/")
    assert response.status_code == 301
    assert response["Location"] == "/"


def test_article_page_shows_what_the_seed_page_shows(client):
    category = make_category("Berita Internasional", slug="berita-internasional")
    author = make_user("dewi", first_name="Dewi", last_name="Lestari")
    when = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=WIB)
    article = make_article(
        "Rusia dan Iran Perkuat Aliansi",
        slug="rusia-dan-iran",
        category=category,
        author=author,
        published_at=when,
        tags=["Rusia", "Iran"],
        body="<h2>Latar Belakang</h2><ul><li>Satu</li></ul>",
    )
    response = client.get("/2026/11/23/rusia-dan-iran/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="entry__title">Rusia dan Iran Perkuat Aliansi</h1>' in html
    assert '<time datetime="2026-11-23T09:00:00+07:00">23 November 2026, 09.00 WIB</time>' in html
    assert 'href="/author/dewi-lestari/" rel="author">Dewi Lestari</a>' in html
    assert "1 menit baca" in html
    assert "<h2>Latar Belakang</h2><ul><li>Satu</li></ul>" in html
    assert (
        'Tulisan ini dipublikasikan di <a href="/category/berita-internasional/" '
        'rel="category tag">Berita Internasional</a> dan ditandai '
        '<a href="/tag/iran/" rel="tag">Iran</a>, <a href="/tag/rusia/" rel="tag">Rusia</a>. '
        f'Tandai <a href="{article.get_absolute_url()}" rel="bookmark">permalink</a>.'
    ) in html


def test_article_page_in_english(client):
    make_article("Judul", slug="judul", published_at=datetime.datetime(2026, 11, 23, 9, tzinfo=WIB))
    response = client.get("/en/2026/11/23/judul/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "This entry was posted in" in html
    assert "Bookmark the" in html


def test_article_links_its_neighbours(client):
    older = make_article("Lama", published_at=timezone.now() - datetime.timedelta(days=3))
    middle = make_article("Tengah", published_at=timezone.now() - datetime.timedelta(days=2))
    newer = make_article("Baru", published_at=timezone.now() - datetime.timedelta(days=1))
    make_article(
        "Draf",
        status=Article.Status.DRAFT,
        published_at=timezone.now() - datetime.timedelta(days=2, hours=12),
    )
    html = client.get(middle.get_absolute_url()).content.decode()
    assert f'href="{older.get_absolute_url()}" rel="prev"' in html
    assert f'href="{newer.get_absolute_url()}" rel="next"' in html
    assert "Draf" not in html


def test_category_page_includes_subcategories_and_breadcrumbs(client):
    sport = make_category("Olahraga", slug="olahraga")
    football = make_category("Sepak Bola", parent=sport, slug="sepak-bola")
    make_article("Umum", category=sport)
    make_article("Liga", category=football)
    parent_page = client.get("/category/olahraga/")
    assert sorted(titles(parent_page)) == ["Liga", "Umum"]
    assert '<h1 class="page-title">Kategori: Olahraga' in parent_page.content.decode()
    child_page = client.get("/category/olahraga/sepak-bola/")
    assert titles(child_page) == ["Liga"]
    crumbs = child_page.content.decode().split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert 'href="/category/olahraga/">Olahraga</a>' in crumbs
    assert "Sepak Bola" in crumbs


def test_tag_and_author_archives(client):
    rina = make_user("rina", first_name="Rina", last_name="Kusuma")
    make_article("Bertag", tags=["Iran"], author=rina)
    make_article("Lain", tags=["Rusia"])
    tag_page = client.get("/tag/iran/")
    assert titles(tag_page) == ["Bertag"]
    assert "Tag: Iran" in tag_page.content.decode()
    author_page = client.get("/author/rina-kusuma/")
    assert titles(author_page) == ["Bertag"]
    assert "Penulis: Rina Kusuma" in author_page.content.decode()


def test_author_without_published_work_has_no_page(client):
    writer = make_user("penulis-baru")
    make_article(author=writer, status=Article.Status.DRAFT)
    assert client.get(writer.author_profile.get_absolute_url()).status_code == 404


def test_date_archives_list_their_period_with_a_heading(client):
    def at(y, m, d):
        return datetime.datetime(y, m, d, 10, tzinfo=WIB)

    make_article("23 Nov", published_at=at(2026, 11, 23))
    make_article("2 Nov", published_at=at(2026, 11, 2))
    make_article("Okt", published_at=at(2026, 10, 5))
    make_article("2025", published_at=at(2025, 6, 1))
    year = client.get("/2026/")
    assert sorted(titles(year)) == ["2 Nov", "23 Nov", "Okt"]
    assert "Arsip: 2026" in year.content.decode()
    month = client.get("/2026/11/")
    assert sorted(titles(month)) == ["2 Nov", "23 Nov"]
    assert "Arsip: November 2026" in month.content.decode()
    day = client.get("/2026/11/23/")
    assert titles(day) == ["23 Nov"]
    assert "Arsip: 23 November 2026" in day.content.decode()
    assert "Archive: 23 November 2026" in client.get("/en/2026/11/23/").content.decode()
    assert client.get("/2024/").status_code == 404


def test_archive_links_to_other_periods_follow_what_is_published(client, settings):
    """Whether an archive has articles, and its links to the periods before and after it, are
    kept between requests (read once per change): publishing or unpublishing changes them."""
    settings.NEWSROOM_PAGE_CACHE = False  # rendered each time, with the kept parts warm
    make_article("Nov", published_at=datetime.datetime(2026, 11, 23, 10, tzinfo=WIB))
    for _ in range(2):  # the second request reads what the first kept
        assert 'href="/2025/"' not in client.get("/2026/").content.decode()
        assert 'href="/2025/06/"' not in client.get("/2026/11/").content.decode()
        assert client.get("/2025/").status_code == 404
    older = make_article("Juni", published_at=datetime.datetime(2025, 6, 1, 10, tzinfo=WIB))
    assert 'href="/2025/"' in client.get("/2026/").content.decode()
    assert 'href="/2025/06/"' in client.get("/2026/11/").content.decode()
    assert titles(client.get("/2025/")) == ["Juni"]
    older.status = Article.Status.DRAFT
    older.save()
    assert 'href="/2025/"' not in client.get("/2026/").content.decode()
    assert client.get("/2025/").status_code == 404


def test_archives_paginate_with_page_n(client):
    sport = make_category("Olahraga", slug="olahraga")
    # All eleven in one year whatever the day: last year's (hours back from now would cross
    # into the year before in the first days of January).
    year = timezone.localdate().year - 1
    for hour in range(11):
        when = datetime.datetime(year, 6, 1, tzinfo=WIB) + datetime.timedelta(hours=hour)
        make_article(category=sport, tags=["Iran"], published_at=when)
    for path in ("/category/olahraga/", "/tag/iran/", f"/{year}/"):
        assert len(titles(client.get(path))) == 10
        assert len(titles(client.get(f"{path}page/2/"))) == 1
        assert client.get(f"{path}page/3/").status_code == 404


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.PENDING, Article.Status.SCHEDULED]
)
def test_unpublished_articles_are_404_for_the_public_and_a_preview_for_staff(client, status):
    when = (
        timezone.now() + datetime.timedelta(days=1)
        if status == Article.Status.SCHEDULED
        else timezone.now()
    )
    article = make_article("Rahasia", status=status, published_at=when)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Rahasia" not in client.get("/").content.decode()

    client.force_login(make_user("staf", is_staff=True, is_superuser=True))
    preview = client.get(article.get_absolute_url())
    assert preview.status_code == 200
    assert "Pratinjau" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]
    assert preview["X-Robots-Tag"] == "noindex, nofollow"


def test_preview_by_id_is_for_staff_only(client):
    draft = make_article("Draf", status=Article.Status.DRAFT, published_at=None)
    draft.published_at = None
    Article.objects.filter(pk=draft.pk).update(published_at=None)
    url = f"/preview/{draft.pk}/"
    assert client.get(url).status_code == 404
    client.force_login(make_user("pembaca"))
    assert client.get(url).status_code == 404
    client.force_login(make_user("staf", is_staff=True, is_superuser=True))
    assert client.get(url).status_code == 200


def test_scheduled_article_appears_by_itself_and_caches_expire_before_it():
    """Before its time: hidden, and shared caches keep pages only until then. After: public."""
    from django.test import Client

    now = datetime.datetime(2026, 11, 23, 5, 0, tzinfo=datetime.UTC)
    with time_machine.travel(now, tick=False):
        make_article("Sudah terbit", published_at=now - datetime.timedelta(hours=1))
        scheduled = make_article(
            "Terjadwal",
            status=Article.Status.SCHEDULED,
            published_at=now + datetime.timedelta(seconds=90),
        )
        response = Client().get("/")
        assert "Terjadwal" not in response.content.decode()
        assert response["Cache-Control"] == "public, max-age=90"
        assert Client().get(scheduled.get_absolute_url()).status_code == 404
    with time_machine.travel(now + datetime.timedelta(seconds=91), tick=False):
        response = Client().get("/")
        assert "Terjadwal" in response.content.decode()
        assert response["Cache-Control"] == "public, max-age=300"
        assert Client().get(scheduled.get_absolute_url()).status_code == 200


def test_signed_in_pages_are_private_and_anonymous_pages_do_not_vary_on_cookies(client):
    make_article()
    anonymous = client.get("/")
    assert anonymous["Cache-Control"] == "public, max-age=300"
    assert "Cookie" not in anonymous.get("Vary", "")
    assert anonymous.has_header("ETag")
    client.force_login(make_user("staf", is_staff=True))
    signed_in = client.get("/")
    assert "private" in signed_in["Cache-Control"]
    assert "no-store" in signed_in["Cache-Control"]


def test_unchanged_page_answers_304(client):
    make_article()
    etag = client.get("/")["ETag"]
    assert client.get("/", headers={"if-none-match": etag}).status_code == 304


@pytest.mark.parametrize("path", ["/", "/page/2/", "/category/olahraga/", "/tag/iran/", "/2026/"])
def test_head_works_wherever_get_does(client, path):
    sport = make_category("Olahraga", slug="olahraga")
    when = datetime.datetime(2026, 11, 1, 10, tzinfo=WIB)
    for i in range(11):
        make_article(category=sport, tags=["Iran"], published_at=when - datetime.timedelta(hours=i))
    get = client.get(path)
    head = client.head(path)
    assert get.status_code == head.status_code == 200
    assert head.content == b""


def test_html_in_titles_and_names_is_escaped(client):
    author = make_user("jahil", first_name="<script>alert(1)</script>")
    make_article("<img src=x onerror=alert(2)>", author=author, tags=["<b>tag</b>"])
    html = client.get("/").content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x onerror" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html


def test_server_error_page_stands_alone_in_both_languages(client, settings):
    """The 500 page needs no database or context and speaks Indonesian and English."""
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Terjadi kesalahan" in html
    assert "Something went wrong" in html
    assert "/static/css/site.css" in html
