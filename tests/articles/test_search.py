"""Search: /search/?q=, full-text on PostgreSQL, a word match on SQLite; never a 500."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles.models import Article
from articles.search import _word_search
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def postgres_only(test):
    """Full-text search exists on PostgreSQL only; CI runs these in its PostgreSQL pass."""
    skip = pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL full-text search: runs in CI's PostgreSQL pass (.ci/run)",
    )
    return pytest.mark.postgres(skip(test))


def hours_ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def result_titles(response):
    return [article.title for article in response.context["articles"]]


def test_search_finds_published_articles_only(client):
    """Drafts, pending and future articles never show up in results."""
    make_article("Harga minyak naik", body="<p>Harga minyak dunia naik.</p>")
    make_article("Draf minyak", status=Article.Status.DRAFT, body="<p>minyak</p>")
    make_article("Tinjauan minyak", status=Article.Status.PENDING, body="<p>minyak</p>")
    make_article("Minyak besok", published_at=timezone.now() + datetime.timedelta(hours=2))
    response = client.get("/search/", {"q": "minyak"})
    assert response.status_code == 200
    assert result_titles(response) == ["Harga minyak naik"]


def test_query_stays_in_the_box_and_results_are_counted(client):
    """The search box keeps what the reader typed and the page says how many matched."""
    make_article("Rupiah menguat", body="<p>Rupiah menguat terhadap dolar.</p>")
    make_article("Rupiah melemah", body="<p>Rupiah melemah lagi.</p>")
    response = client.get("/en/search/", {"q": "rupiah"})
    html = response.content.decode()
    assert 'id="search-q" name="q" value="rupiah"' in html
    assert 'id="header-search" name="q" value="rupiah"' in html
    assert "2 articles found." in html
    assert "Search results for \u201crupiah\u201d" in html


def test_indonesian_page_counts_results_in_indonesian(client):
    make_article("Rupiah menguat", body="<p>Rupiah menguat.</p>")
    response = client.get("/search/", {"q": "rupiah"})
    assert "1 artikel ditemukan." in response.content.decode()


def test_snippet_marks_the_match_and_escapes_the_article_text(client):
    """The extract shows the words found in <mark>; text that looks like HTML stays text."""
    make_article(
        "Laporan pasar",
        body="<p>Kode &lt;script&gt;alert(1)&lt;/script&gt; ditemukan saat harga minyak naik.</p>",
    )
    html = client.get("/search/", {"q": "minyak"}).content.decode()
    snippet = html.split('class="search-result__snippet">', 1)[1].split("</p>", 1)[0]
    assert "<mark>minyak</mark>" in snippet
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in snippet
    assert "<script>" not in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 5000,
        "<script>alert('q')</script>",
        '"harga minyak" OR -dunia',
        "minyak & | ! <-> :* (((",
        "'; DROP TABLE articles_article; --",
        "minyak\x00naik",
        "\x00",
        "\u202e\u200b",
        "%",
        "_",
    ],
    ids=[
        "empty",
        "spaces",
        "5000-chars",
        "script",
        "operators-and-quotes",
        "tsquery-syntax",
        "sql",
        "nul-inside",
        "nul-only",
        "invisible",
        "percent",
        "underscore",
    ],
)
def test_bad_queries_get_a_sensible_page(client, query):
    """Any query gets a 200 page with the query escaped, never a 500."""
    make_article("Harga minyak naik", body="<p>Harga minyak dunia naik.</p>")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(" not in response.content
    if "<script>" in query:
        assert b"&lt;script&gt;alert(&#x27;q&#x27;)&lt;/script&gt;" in response.content


def test_empty_query_invites_the_reader_to_type(client):
    make_article("Harga minyak naik")
    html = client.get("/en/search/").content.decode()
    assert "Type one or more words to search the articles." in html
    assert "articles found" not in html


def test_long_query_is_cut_and_the_reader_told(client, settings):
    """A 5,000-character query is cut to the limit, with a notice, and still searched."""
    make_article("Harga minyak naik", body="<p>minyak</p>")
    response = client.get("/en/search/", {"q": "minyak " + "x" * 5000})
    assert response.status_code == 200
    assert len(response.context["search_query"]) == settings.NEWSROOM_SEARCH_MAX_LENGTH
    assert "only its first 200 characters were used" in response.content.decode()


def test_nul_bytes_are_dropped_from_the_query(client):
    make_article("Harga minyak naik", body="<p>minyak</p>")
    response = client.get("/search/", {"q": "min\x00yak"})
    assert response.context["search_query"] == "minyak"
    assert result_titles(response) == ["Harga minyak naik"]


def test_wordpress_search_address_redirects_to_search(client):
    """/?s=... (WordPress) goes to /search/?q=..., in either language."""
    response = client.get("/", {"s": "harga minyak"})
    assert response.status_code == 301
    assert response["Location"] == "/search/?q=harga+minyak"
    assert client.get("/en/", {"s": "oil"})["Location"] == "/en/search/?q=oil"


def test_results_paginate_and_keep_the_query(client, settings):
    """Page links carry the query; /page/1/ redirects to the first page; past the end is 404."""
    settings.NEWSROOM_PAGE_SIZE = 2
    for n in range(5):
        make_article(f"Berita minyak {n}", body="<p>minyak</p>", published_at=hours_ago(n + 1))
    first = client.get("/search/", {"q": "minyak"})
    assert len(first.context["articles"]) == 2
    assert 'href="/search/page/2/?q=minyak"' in first.content.decode()
    third = client.get("/search/page/3/", {"q": "minyak"})
    assert result_titles(third) == ["Berita minyak 4"]
    assert 'href="/search/page/2/?q=minyak"' in third.content.decode()
    redirect = client.get("/search/page/1/", {"q": "minyak"})
    assert redirect.status_code == 301
    assert redirect["Location"] == "/search/?q=minyak"
    assert client.get("/search/page/4/", {"q": "minyak"}).status_code == 404


def test_results_pages_are_not_indexed(client):
    """Search engines are told not to index results, and no canonical URL is named."""
    make_article("Harga minyak naik", body="<p>minyak</p>")
    response = client.get("/search/", {"q": "minyak"})
    assert response["X-Robots-Tag"] == "noindex, follow"
    html = response.content.decode()
    assert '<meta name="robots" content="noindex, follow">' in html
    assert 'rel="canonical"' not in html


def test_every_page_has_a_labelled_search_box(client):
    html = client.get("/en/").content.decode()
    assert 'role="search" aria-label="Search articles" action="/en/search/"' in html
    assert '<label class="visually-hidden" for="header-search">Search articles</label>' in html


def test_word_search_needs_every_word_in_title_or_body():
    """The simple search (SQLite's) matches words case-insensitively; all must be present."""
    both = make_article("Rupiah menguat", body="<p>Dolar AS melemah.</p>")
    make_article("Rupiah stabil", body="<p>Tidak ada perubahan.</p>")
    make_article("Saham naik", body="<p>Dolar AS stabil.</p>")
    found = _word_search(Article.objects.published(), "RUPIAH dolar")
    assert list(found) == [both]


def test_word_search_puts_title_matches_first():
    in_body = make_article("Kabar pagi", body="<p>Soal banjir rob.</p>", published_at=hours_ago(1))
    in_title = make_article("Banjir rob", body="<p>Air naik.</p>", published_at=hours_ago(5))
    found = _word_search(Article.objects.published(), "banjir")
    assert list(found) == [in_title, in_body]


def test_search_query_count_does_not_grow_with_results(client, django_assert_num_queries):
    """A page of results costs the same queries for 1 match as for 10 with many tags."""
    make_article("Berita minyak", body="<p>minyak</p>", tags=["a"])
    client.get("/search/", {"q": "minyak"})  # the footer's standing pages, cached after this
    with django_assert_num_queries(3):
        client.get("/search/", {"q": "minyak"})
    for n in range(9):
        make_article(f"Minyak {n}", body="<p>minyak</p>", tags=[f"t{n}", f"u{n}", "v"])
    with django_assert_num_queries(5):  # new categories and articles: navigation, next scheduled
        client.get("/search/", {"q": "minyak"})


@postgres_only
@pytest.mark.parametrize(
    ("query", "found"),
    [("sepakat", "Kerja sama dua negara"), ("kuat", "Rusia dan Iran Perkuat Aliansi")],
)
def test_indonesian_stemming_finds_other_forms_of_a_word(client, query, found):
    """ "sepakat" finds "kesepakatan", "kuat" finds "Perkuat" (the indonesian configuration)."""
    make_article("Kerja sama dua negara", excerpt="Kedua negara menyatakan kesepakatan strategis.")
    make_article("Rusia dan Iran Perkuat Aliansi", body="<p>Hadapi tekanan.</p>")
    make_article("Harga beras turun", body="<p>Panen raya.</p>")
    assert result_titles(client.get("/search/", {"q": query})) == [found]


@postgres_only
def test_title_outranks_excerpt_outranks_body(client):
    """A match in the title ranks above one in the excerpt, above one in the body."""
    make_article("Kabar pagi", body="<p>Soal aliansi baru.</p>", published_at=hours_ago(1))
    make_article("Kabar siang", excerpt="Aliansi baru.", published_at=hours_ago(2))
    make_article("Aliansi baru terbentuk", body="<p>Isi.</p>", published_at=hours_ago(3))
    assert result_titles(client.get("/search/", {"q": "aliansi"})) == [
        "Aliansi baru terbentuk",
        "Kabar siang",
        "Kabar pagi",
    ]


@postgres_only
def test_search_vector_follows_every_change(client):
    """Edits through save() and through QuerySet.update() are found at once, no reindex."""
    article = make_article("Kabar pagi", body="<p>Cuaca cerah.</p>")
    assert result_titles(client.get("/search/", {"q": "gempa"})) == []
    article.body = "<p>Gempa kecil terasa.</p>"
    article.save()
    assert result_titles(client.get("/search/", {"q": "gempa"})) == ["Kabar pagi"]
    Article.objects.filter(pk=article.pk).update(title="Banjir datang", body="<p>Air.</p>")
    assert result_titles(client.get("/search/", {"q": "gempa"})) == []
    assert result_titles(client.get("/search/", {"q": "banjir"})) == ["Banjir datang"]


@postgres_only
def test_quotes_and_minus_work_as_readers_expect(client):
    """ "a b" is a phrase and -word excludes, as in web search engines."""
    make_article("Harga minyak dunia naik", body="<p>Isi.</p>")
    make_article("Minyak goreng dan harga beras", body="<p>Isi.</p>")
    assert result_titles(client.get("/search/", {"q": '"harga minyak"'})) == [
        "Harga minyak dunia naik"
    ]
    assert result_titles(client.get("/search/", {"q": "minyak -dunia"})) == [
        "Minyak goreng dan harga beras"
    ]


@postgres_only
def test_snippet_marks_the_stemmed_form_found(client):
    make_article("Kerja sama", body="<p>Kedua negara menyatakan kesepakatan strategis.</p>")
    html = client.get("/search/", {"q": "sepakat"}).content.decode()
    assert "<mark>kesepakatan</mark>" in html


@postgres_only
def test_changing_the_search_language_takes_a_rebuild(client, settings):
    """With NEWSROOM_SEARCH_CONFIG = "english", rebuild_search_index stems articles in English."""
    make_article("Markets", body="<p>Investors were running for safety.</p>")
    settings.NEWSROOM_SEARCH_CONFIG = "english"
    assert result_titles(client.get("/en/search/", {"q": "run"})) == []
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Search vectors rebuilt (english): 1." in out.getvalue()
    assert result_titles(client.get("/en/search/", {"q": "run"})) == ["Markets"]
    make_article("Sports", body="<p>She runs every day.</p>")
    assert result_titles(client.get("/en/search/", {"q": "running"})) == ["Markets", "Sports"]


def test_rebuilding_the_index_is_harmless_without_postgresql():
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    expected = "Search vectors rebuilt" if connection.vendor == "postgresql" else "nothing to do"
    assert expected in out.getvalue()
