""" "Read also": related articles ranked when an article is saved, shown under it."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def stored(article):
    article.refresh_from_db()
    return [Article.objects.get(pk=pk).title for pk in article.related_ids]


def test_shared_tags_rank_first_then_the_category_then_recency():
    world = make_category("Dunia", slug="dunia")
    other = make_category("Lain", slug="lain")
    make_article("Dua tag", category=other, tags=["Iran", "Rusia"], published_at=ago(9))
    make_article("Satu tag baru", category=other, tags=["Iran"], published_at=ago(2))
    make_article("Satu tag sekategori", category=world, tags=["Rusia"], published_at=ago(5))
    make_article("Sekategori saja", category=world, published_at=ago(1))
    make_article("Tak berkaitan", category=other, tags=["Bola"], published_at=ago(1))
    article = make_article("Utama", category=world, tags=["Iran", "Rusia"], published_at=ago(0))
    assert stored(article) == [
        "Dua tag",
        "Satu tag sekategori",
        "Satu tag baru",
        "Sekategori saja",
    ]


def test_a_new_article_joins_its_neighbours_lists_when_saved():
    """The newest match appears under older articles too, without a per-request query."""
    old = make_article("Lama", tags=["Pemilu"], published_at=ago(3))
    assert stored(old) == []
    make_article("Baru", tags=["Pemilu"], published_at=ago(0))
    assert stored(old) == ["Baru"]


def test_changing_tags_ranks_again():
    target = make_article("Sasaran", tags=["Pangan"], published_at=ago(2))
    article = make_article("Artikel", published_at=ago(1))
    assert "Sasaran" not in stored(article)
    article.tags.add("Pangan")
    assert stored(article)[0] == "Sasaran"
    article.tags.clear()
    assert "Sasaran" not in stored(article)
    assert target.pk


def test_the_article_page_shows_read_also_without_unpublished_ones(client):
    category = make_category("Dunia", slug="dunia")
    make_article("Terbit", category=category, tags=["Iran"], published_at=ago(2))
    make_article("Terjadwal", category=category, tags=["Iran"], published_at=ago(-2))
    article = make_article("Utama", category=category, tags=["Iran"], published_at=ago(0))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Baca juga" in html
    assert ">Terbit</a>" in html
    assert "Terjadwal" not in html


def test_refresh_related_ranks_articles_saved_without_signals():
    """Articles written by update() or an import get their lists from the command."""
    from io import StringIO

    from django.core.management import call_command

    first = make_article("Pertama", tags=["Banjir"], published_at=ago(2))
    second = make_article("Kedua", tags=["Banjir"], published_at=ago(1))
    Article.objects.update(related_ids=[])
    out = StringIO()
    call_command("refresh_related", stdout=out)
    assert stored(first) == ["Kedua"]
    assert stored(second) == ["Pertama"]
    assert '"Read also" ranked for 2 articles.' in out.getvalue()


def test_ranking_many_at_once_matches_one_at_a_time_in_constant_queries(
    django_assert_num_queries,
):
    """refresh_many (an import's end, `manage.py refresh_related`) ranks as saving does."""
    from articles.related import rank_related, refresh_many

    world, other = make_category("Dunia", slug="dunia"), make_category("Lain", slug="lain")
    made = [
        make_article(f"Artikel {n}", category=(world, other)[n % 2], tags=tags, published_at=ago(n))
        for n, tags in enumerate(
            [["Iran"], ["Iran", "Rusia"], ["Rusia"], [], ["Bola"], ["Iran", "Bola"], [], ["Rusia"]]
        )
    ]
    make_article("Draf", category=world, tags=["Iran"], status=Article.Status.DRAFT)
    expected = {article.pk: rank_related(article) for article in made}
    Article.objects.update(related_ids=[])
    # The same few queries for any number of articles (up to 1,000 a round), not a scan each.
    with django_assert_num_queries(7):
        refresh_many([article.pk for article in made[:3]], neighbours=False)
    with django_assert_num_queries(7):
        refresh_many([article.pk for article in made], neighbours=False)
    for article in made:
        article.refresh_from_db()
        assert article.related_ids == expected[article.pk]
