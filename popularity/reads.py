"""Counting a read: one per address, article and day, from our own pages only, bots left out,
nobody identified.

The address is never stored: today's set (`SeenRead`, in the database, so every worker and
server shares it) keeps a hash of the address and the article under a salt that is itself random,
kept in `ReadDay` and replaced each day; the next day's first read deletes both. Once the salt is
gone nobody, us included, can tell which address read what. The set holds at most
`NEWSROOM_READS_PER_DAY` hashes: past that, reads wait for the next day rather than it growing.
The database keeps only a number per article and hour.
"""

import datetime
import hashlib
import ipaddress
import re
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http.request import split_domain_port
from django.utils import timezone

from comments.services import client_ip

from .models import HourlyReads, ReadDay, SeenRead

# User agents of crawlers, link previews, monitors, scripts and headless browsers (tests,
# Lighthouse): their visits are not reads.
BOT_AGENTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|preview|facebookexternalhit|whatsapp|telegram|embedly"
    r"|headless|lighthouse|pagespeed|monitor|uptime|curl|wget|python|httpclient|okhttp|java/"
    r"|go-http|libwww|scrapy|phantomjs|selenium|puppeteer|playwright",
    re.IGNORECASE,
)

# Each worker remembers the day's salt once read (it never changes within the day).
_salts = {}


def is_bot(user_agent):
    return not user_agent.strip() or bool(BOT_AGENTS.search(user_agent))


def from_our_pages(request):
    """True when the beacon was sent by one of our own pages, not another site's script.

    A browser says where a request comes from: `Sec-Fetch-Site` (modern browsers; anything
    but same-origin is refused) and `Origin`, or `Referer` where an older one sends no Origin;
    their host must be ours. A request with none of them is a script's, not a reader's.
    """
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER")
    if not source:
        return False
    # Host names compared without the port: a proxy in front may pass Host without it.
    try:
        theirs = urlsplit(source).hostname
    except ValueError:
        return False
    ours, _port = split_domain_port(request.get_host())
    return bool(theirs) and theirs == ours.lower()


def reader_key(address):
    """The address as one reader: an IPv6 address by its /64 (one home or phone has a whole
    network and can take a new address at will)."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _day_row(day):
    """Today's ReadDay, made (with a new salt) on the day's first read, which also deletes the
    days before: their hashes and salts."""
    row, created = ReadDay.objects.get_or_create(day=day, defaults={"salt": secrets.token_hex(16)})
    if created:
        SeenRead.objects.filter(day__lt=day).delete()
        ReadDay.objects.filter(day__lt=day).delete()
    _salts.clear()
    _salts[day] = row.salt
    return row


def _salt(day):
    """The day's random salt, shared by every server through the database."""
    return _salts.get(day) or _day_row(day).salt


def _digest(salt, article_id, reader):
    return hashlib.sha256(f"{salt}|{article_id}|{reader}".encode()).hexdigest()[:32]


def first_read_today(article_id, address, now=None):
    """True the first time this reader reads this article today (WIB), False after, and False
    once today's set is full."""
    day = timezone.localdate(now)
    reader = reader_key(address)
    for _attempt in range(2):  # a second time only if this worker's salt was out of date
        salt = _salt(day)
        digest = _digest(salt, article_id, reader)
        if SeenRead.objects.filter(digest=digest).exists():
            return False
        # Claim a place in today's set (never past the bound), under the salt just used.
        claimed = ReadDay.objects.filter(
            day=day, salt=salt, seen__lt=settings.NEWSROOM_READS_PER_DAY
        ).update(seen=F("seen") + 1)
        if claimed:
            break
        if _day_row(day).salt == salt:
            return False  # today's set is full
    else:
        return False
    try:
        with transaction.atomic():
            SeenRead.objects.create(digest=digest, day=day)
    except IntegrityError:  # the same reader's other beacon, a moment earlier
        return False
    return True


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
    """Count a visitor's read of `article_id` unless a bot, another site or a repeat; True when
    counted."""
    if is_bot(request.META.get("HTTP_USER_AGENT", "")) or not from_our_pages(request):
        return False
    address = client_ip(request)
    if address is None or not first_read_today(article_id, address):
        return False
    record_read(article_id)
    return True
