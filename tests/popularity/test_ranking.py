"""The home page's "Most read" and "Most commented" lists."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from popularity import ranking
from popularity.models import HourlyReads
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def reads(article, count, hours_ago=0):
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    HourlyReads.objects.create(
        article=article, hour=hour - datetime.timedelta(hours=hours_ago), count=count
    )


def test_most_read_sums_the_last_two_days_most_first():
    """Reads of the last 48 hours count; older ones and unpublished articles do not."""
    steady, spike, old_news = make_article("Stabil"), make_article("Lonjakan"), make_article("Lama")
    draft = make_article("Draf", status=Article.Status.DRAFT)
    for hours in range(0, 40, 4):
        reads(steady, 10, hours)  # 100 in all
    reads(spike, 80)
    reads(old_news, 500, hours_ago=60)
    reads(draft, 900)
    assert [(a.title, n) for a, n in ranking.compute_most_read()] == [
        ("Stabil", 100),
        ("Lonjakan", 80),
    ]


def test_most_commented_counts_recent_approved_comments():
    """Approved comments of the last week count; held, spam and old ones do not."""
    busy, quiet, old = make_article("Ramai"), make_article("Sepi"), make_article("Lama")
    for _ in range(3):
        make_comment(busy)
    make_comment(quiet)
    make_comment(quiet, status="pending")
    make_comment(quiet, status="spam")
    make_comment(old, created_at=timezone.now() - datetime.timedelta(days=30))
    assert [(a.title, n) for a, n in ranking.compute_most_commented()] == [
        ("Ramai", 3),
        ("Sepi", 1),
    ]


def test_lists_are_computed_once_per_refresh_period(django_assert_num_queries):
    """Pages between two refreshes reuse the lists: no query; after the refresh, new numbers."""
    article = make_article("Dibaca")
    reads(article, 5)
    assert ranking.most_read() == [(article, 5)]
    assert ranking.most_commented() == []  # an empty list is kept too
    reads(article, 7, hours_ago=1)
    with django_assert_num_queries(0):
        assert ranking.most_read()[0][1] == 5
        assert ranking.most_commented() == []
    ranking.forget()  # what the cache's expiry does after NEWSROOM_POPULAR_REFRESH seconds
    assert ranking.most_read()[0][1] == 12


def test_home_shows_both_lists_and_hides_empty_ones(client):
    article = make_article("Banyak Dibaca")
    response = client.get("/")
    assert "Terpopuler" not in response.content.decode()
    reads(article, 1234)
    make_comment(article)
    ranking.forget()
    html = client.get("/").content.decode()
    assert "Terpopuler" in html
    assert "1234 kali dibaca" in html
    assert "Terbanyak dikomentari" in html
    assert "1 komentar" in html
