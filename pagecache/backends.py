"""Telling a cache in front of the site (Varnish, a CDN) that surrogate keys changed.

`NEWSROOM_PAGE_CACHE_PURGE_URL` (env PAGE_CACHE_PURGE_URL) names it; empty: none. The request
is `BAN <url>` with `X-Ban-Surrogate-Key: <regex over the Surrogate-Key header>`, which
deploy/varnish.vcl turns into a ban on every stored page carrying any of the keys.

A request never waits on it: `purge` queues the BAN as a task (`pagecache.tasks.ban`) once the
transaction commits, and the task worker sends it, trying again with back-off while the cache
in front does not answer.
"""

import logging
import re
import urllib.request

from django.conf import settings
from django.db import transaction

from . import gather

logger = logging.getLogger(__name__)

KEYS_PER_REQUEST = 50  # keeps the header well under proxies' limits


def active():
    return bool(settings.NEWSROOM_PAGE_CACHE_PURGE_URL)


def ban_pattern(keys):
    """A regex matching a space-separated Surrogate-Key header holding any of `keys`.

    It has no spaces itself (`\\s`), so Varnish's ban expression needs no quoting."""
    return r"(^|\s)(" + "|".join(re.escape(key) for key in keys) + r")(\s|$)"


def purge(keys):
    """Queue the BAN of `keys` for after the commit (at once outside a transaction); the purges
    of one transaction make one task."""
    if not active() or not keys:
        return
    if not transaction.get_connection().in_atomic_block:
        _enqueue(keys)
        return
    # robust: a queue that cannot take the task is logged; the write that purged stands.
    gather.on_commit("bans", keys, _enqueue, robust=True)


def _enqueue(keys):
    from .tasks import ban  # the task module imports this one

    try:
        ban.enqueue(sorted(keys))
    except Exception:  # the queue is away: the front keeps its copies until their s-maxage
        logger.exception("page cache: could not queue the purge of %d keys", len(keys))


def send(keys):
    """BAN `keys` now; raises OSError (urllib's URLError among them) when nobody answers."""
    url = settings.NEWSROOM_PAGE_CACHE_PURGE_URL
    if not url:
        return
    for start in range(0, len(keys), KEYS_PER_REQUEST):
        pattern = ban_pattern(keys[start : start + KEYS_PER_REQUEST])
        request = urllib.request.Request(
            url, method="BAN", headers={"X-Ban-Surrogate-Key": pattern}
        )
        with urllib.request.urlopen(request, timeout=settings.NEWSROOM_PAGE_CACHE_PURGE_TIMEOUT):
            pass
