"""Counting a read: one per address, article and day, bots left out, nobody identified.

The address is never stored: the cache keeps, for a day, a hash of the address, the day and
the article under a salt that is itself random, kept in the cache and replaced each day. Once
the salt is gone nobody, us included, can tell which address read what. The database keeps
only a number per article and hour.
"""

import datetime
import hashlib
import re
import secrets

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from comments.services import client_ip

from .models import HourlyReads

# User agents of crawlers, link previews, monitors, scripts and headless browsers (tests,
# Lighthouse): their visits are not reads.
BOT_AGENTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|preview|facebookexternalhit|whatsapp|telegram|embedly"
    r"|headless|lighthouse|pagespeed|monitor|uptime|curl|wget|python|httpclient|okhttp|java/"
    r"|go-http|libwww|scrapy|phantomjs|selenium|puppeteer|playwright",
    re.IGNORECASE,
)
DAY = 24 * 3600


def is_bot(user_agent):
    return not user_agent.strip() or bool(BOT_AGENTS.search(user_agent))


def _salt(day):
    """Today's random salt, shared through the cache by every server; gone after two days."""
    key = f"popularity:salt:{day.isoformat()}"
    return cache.get_or_set(key, lambda: secrets.token_hex(16), 2 * DAY)


def first_read_today(article_id, address, now=None):
    """True the first time this address reads this article today (WIB), False after."""
    day = timezone.localdate(now)
    digest = hashlib.sha256(
        f"{_salt(day)}|{day.isoformat()}|{article_id}|{address}".encode()
    ).hexdigest()
    return cache.add(f"popularity:seen:{digest}", True, DAY)


def record_read(article_id, now=None):
    """Add one read to the article's current hour, atomically (F() or a new row)."""
    now = now or timezone.now()
    hour = now.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)
    updated = HourlyReads.objects.filter(article_id=article_id, hour=hour).update(
        count=F("count") + 1
    )
    if updated:
        return
    try:
        with transaction.atomic():
            HourlyReads.objects.create(article_id=article_id, hour=hour, count=1)
    except IntegrityError:  # another server made the row first: add to it
        HourlyReads.objects.filter(article_id=article_id, hour=hour).update(count=F("count") + 1)


def count_read(request, article_id):
    """Count a visitor's read of `article_id` unless a bot or a repeat; True when counted."""
    if is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return False
    address = client_ip(request)
    if address is None or not first_read_today(article_id, address):
        return False
    record_read(article_id)
    return True
