"""Telling a cache in front of the site (Varnish, a CDN) that surrogate keys changed.

`NEWSROOM_PAGE_CACHE_PURGE_URL` (env PAGE_CACHE_PURGE_URL) names it; empty: none. The request
is `BAN <url>` with `X-Ban-Surrogate-Key: <regex over the Surrogate-Key header>`, which
deploy/varnish.vcl turns into a ban on every stored page carrying any of the keys.
"""

import logging
import re
import urllib.error
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)

KEYS_PER_REQUEST = 50  # keeps the header well under proxies' limits


def active():
    return bool(settings.NEWSROOM_PAGE_CACHE_PURGE_URL)


def ban_pattern(keys):
    """A regex matching a space-separated Surrogate-Key header holding any of `keys`.

    It has no spaces itself (`\\s`), so Varnish's ban expression needs no quoting."""
    return r"(^|\s)(" + "|".join(re.escape(key) for key in keys) + r")(\s|$)"


def purge(keys):
    url = settings.NEWSROOM_PAGE_CACHE_PURGE_URL
    if not url:
        return
    for start in range(0, len(keys), KEYS_PER_REQUEST):
        pattern = ban_pattern(keys[start : start + KEYS_PER_REQUEST])
        request = urllib.request.Request(
            url, method="BAN", headers={"X-Ban-Surrogate-Key": pattern}
        )
        try:
            with urllib.request.urlopen(
                request, timeout=settings.NEWSROOM_PAGE_CACHE_PURGE_TIMEOUT
            ):
                pass
        except (urllib.error.URLError, OSError) as exc:
            # The page stays in the cache in front until its s-maxage ends; say so.
            logger.warning("page cache: purge at %s failed: %s", url, exc)
