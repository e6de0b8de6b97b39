"""Articles are written in Indonesian: on an English page their text says so (`lang="id"`), and
`hreflang` names the one language version there is."""

import re

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def opening_tags(html, css_class):
    return re.findall(rf'<[a-z0-9]+ class="{css_class}"[^>]*>', html)


@pytest.fixture
def article():
    make_article("Tetangga")  # a neighbour: the links below the article
    return make_article(
        "Harga Cabai Naik", excerpt="Pedagang di pasar mengeluh.", body="<p>Harga cabai.</p>"
    )


def test_the_english_article_page_marks_its_indonesian_text(client, article):
    html = client.get(f"/en{article.get_absolute_url()}").content.decode()
    assert '<html lang="en">' in html
    for css_class in ("entry__title", "entry__content", "post-navigation__next"):
        (tag,) = opening_tags(html, css_class)
        assert 'lang="id"' in tag, css_class
    assert re.search(r'<span aria-current="page" lang="id">Harga Cabai Naik</span>', html)


def test_english_lists_mark_each_cards_title_and_summary(client, article):
    html = client.get("/en/").content.decode()
    titles = opening_tags(html, "card__title") + opening_tags(html, "lead__title")
    summaries = opening_tags(html, "card__summary") + opening_tags(html, "lead__summary")
    assert titles
    assert summaries
    assert all('lang="id"' in tag for tag in titles + summaries)


def test_indonesian_pages_need_no_mark(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert opening_tags(html, "entry__title") == ['<h1 class="entry__title">']
    assert opening_tags(html, "entry__content") == ['<div class="entry__content">']


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_hreflang_names_the_one_language_version_of_an_article(client, article, prefix):
    path = article.get_absolute_url()
    html = client.get(prefix + path).content.decode()
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    assert alternates == [("id", f"http://testserver{path}")]
