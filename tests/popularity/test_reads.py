"""Counting reads: a beacon per article page, bots, repeats and other sites left out, nobody
tracked."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article
from popularity import reads
from popularity.models import HourlyReads, ReadDay, SeenRead
from tests.factories import make_article

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


# What a browser sends with the article page's own beacon (sendBeacon is a same-origin POST).
OUR_PAGE = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}


def hit(client, article, address="198.51.100.7", agent=BROWSER, headers=None):
    headers = OUR_PAGE if headers is None else headers
    return client.post(f"/hit/{article.pk}/", REMOTE_ADDR=address, HTTP_USER_AGENT=agent, **headers)


def total(article):
    return sum(HourlyReads.objects.filter(article=article).values_list("count", flat=True))


def test_a_read_is_counted_in_its_hour_with_no_cookie_and_no_cache(client):
    """The beacon answers 204, stores one read in the current hour, sets no cookie."""
    article = make_article()
    response = hit(client, article)
    assert response.status_code == 204
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]
    row = HourlyReads.objects.get(article=article)
    assert row.count == 1
    assert row.hour == timezone.now().replace(minute=0, second=0, microsecond=0)


def test_repeats_from_one_address_count_once_and_other_addresses_count(client):
    """Reloading the page is not another read; another reader is."""
    article = make_article()
    for _ in range(3):
        assert hit(client, article).status_code == 204
    hit(client, article, address="203.0.113.9")
    hit(client, article, address="2001:db8::1")
    assert total(article) == 3
    assert HourlyReads.objects.filter(article=article).count() == 1  # one row, added to


def test_the_same_address_reading_another_article_counts(client):
    first, second = make_article(), make_article()
    hit(client, first)
    hit(client, second)
    assert total(first) == total(second) == 1


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "WhatsApp/2.23.20.0",
        "TelegramBot (like TwitterBot)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0.0.0",
        "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) Chrome-Lighthouse",
        "curl/8.5.0",
        "python-requests/2.32.3",
    ],
)
def test_bots_link_previews_and_scripts_are_not_readers(client, agent):
    article = make_article()
    assert hit(client, article, agent=agent).status_code == 204
    assert total(article) == 0


def test_the_address_is_kept_nowhere_but_as_a_salted_hash(client):
    """No table or cache has the address: today's set holds a hash of it under today's salt."""
    article = make_article()
    hit(client, article, address="198.51.100.77")
    stored = " ".join(str(key) for key in cache._cache)  # the local memory cache's keys
    assert "198.51.100.77" not in stored
    digests = list(SeenRead.objects.values_list("digest", flat=True))
    assert len(digests) == 1
    assert "198.51.100.77" not in digests[0]
    assert [field.name for field in SeenRead._meta.get_fields()] == ["digest", "day"]
    assert [field.name for field in HourlyReads._meta.get_fields()] == [
        "id",
        "article",
        "hour",
        "count",
    ]


def test_a_new_day_has_a_new_salt():
    """Yesterday's hashes cannot be matched with today's: each day draws its own salt."""
    today = timezone.localdate()
    assert reads._salt(today) == reads._salt(today)
    assert reads._salt(today) != reads._salt(today - datetime.timedelta(days=1))


def test_a_flood_from_one_address_counts_once_while_others_read(client):
    """20 beacons from one address among 400 other readers' (more than any worker's memory
    held): one read, and every other reader's one."""
    article = make_article()
    for n in range(400):
        hit(client, article, address=f"10.{n // 250}.{n % 250}.1")
        if n % 20 == 0:
            hit(client, article, address="198.51.100.7")
    assert total(article) == 401


def test_the_daily_set_is_shared_by_every_worker(client):
    """A worker that starts afresh (its memory and the local cache empty) still knows who read."""
    article = make_article()
    hit(client, article)
    reads._salts.clear()
    cache.clear()
    hit(client, article)
    assert total(article) == 1


def test_a_repeat_costs_two_queries(client, django_assert_num_queries):
    article = make_article()
    hit(client, article)
    with django_assert_num_queries(2):  # the article is public; the hash is in today's set
        assert hit(client, article).status_code == 204


def test_addresses_of_one_ipv6_network_are_one_reader(client):
    """A /64 is one household or phone: 50 addresses in it count once."""
    article = make_article()
    for n in range(50):
        hit(client, article, address=f"2001:db8:1:2::{n + 1:x}")
    hit(client, article, address="2001:db8:1:3::1")
    assert total(article) == 2


def test_a_flood_from_many_addresses_stops_at_the_daily_bound(client, settings):
    """Today's set never holds more than NEWSROOM_READS_PER_DAY hashes: past it, reads wait
    for tomorrow rather than the set growing."""
    settings.NEWSROOM_READS_PER_DAY = 30
    article = make_article()
    for n in range(100):
        hit(client, article, address=f"203.0.113.{n + 1}")
    assert total(article) == 30
    assert SeenRead.objects.count() == 30
    assert ReadDay.objects.get().seen == 30


def test_a_new_day_forgets_yesterdays_set(client):
    """Yesterday's hashes and salt are deleted when today's first read is counted."""
    article = make_article()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ReadDay.objects.create(day=yesterday, salt="a" * 32, seen=1)
    SeenRead.objects.create(day=yesterday, digest="b" * 32)
    hit(client, article)
    assert list(ReadDay.objects.values_list("day", flat=True)) == [timezone.localdate()]
    assert SeenRead.objects.get().day == timezone.localdate()


@pytest.mark.parametrize(
    "headers",
    [
        {},  # a script with no browser headers at all
        {"HTTP_ORIGIN": "https://evil.example", "HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://evil.example"},  # a browser without Sec-Fetch-Site
        {"HTTP_REFERER": "https://evil.example/promo.html"},
        {"HTTP_ORIGIN": "null", "HTTP_SEC_FETCH_SITE": "cross-site"},  # a sandboxed frame
        {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "http://testserver.evil.example", "HTTP_SEC_FETCH_SITE": "same-site"},
    ],
)
def test_a_beacon_from_another_site_is_not_counted(client, headers):
    """One line of JavaScript on any other page cannot buy "Terpopuler": it still gets a 204."""
    article = make_article()
    for n in range(5):
        assert (
            hit(client, article, address=f"203.0.113.{n + 1}", headers=headers).status_code == 204
        )
    assert total(article) == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_REFERER": "http://testserver/2026/01/berita/"},  # an older browser: no Origin
        {"HTTP_ORIGIN": "http://testserver"},
    ],
)
def test_a_beacon_from_our_own_page_without_every_header_counts(client, headers):
    article = make_article()
    hit(client, article, headers=headers)
    assert total(article) == 1


def test_only_public_articles_are_counted_and_only_by_post(client):
    draft = make_article(status=Article.Status.DRAFT)
    assert hit(client, draft).status_code == 404
    assert client.post("/hit/999999/", HTTP_USER_AGENT=BROWSER).status_code == 404
    huge = "/hit/99999999999999999999999/"  # past any integer column: still a 404, not a 500
    assert client.post(huge, HTTP_USER_AGENT=BROWSER).status_code == 404
    article = make_article()
    assert client.get(f"/hit/{article.pk}/", HTTP_USER_AGENT=BROWSER).status_code == 405
    assert total(article) == total(draft) == 0


def test_counting_adds_to_the_hours_row_atomically():
    """Two servers counting in the same hour add to one row (F() expressions, no lost update)."""
    article = make_article()
    now = timezone.now()
    reads.record_read(article.pk, now)
    reads.record_read(article.pk, now)
    reads.record_read(article.pk, now + datetime.timedelta(hours=1))
    assert sorted(HourlyReads.objects.values_list("count", flat=True)) == [1, 2]


def test_article_page_carries_the_beacon_and_stays_cacheable(client):
    """The page names the beacon's address; it is public and sets no cookie (a shared cache
    may keep it)."""
    article = make_article()
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert f'data-read-beacon="/hit/{article.pk}/"' in html
    assert '<script src="/static/js/article.js" defer></script>' in html
    assert response["Cache-Control"].startswith("public")
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
