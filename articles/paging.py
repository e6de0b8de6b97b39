"""Paging lists of 100,000 articles at a bounded cost, at WordPress's /page/N/ addresses.

Two things grow with a list: the rows skipped to reach page N, and the count that numbers the
pages. `ListPaginator` reads a page's ids first, in the list's order (an index scan that reads
no article bodies for the rows it skips), then fetches those few rows whole; and it caches the
count under the generations of the list's page-cache keys (purged whenever an article enters or
leaves the list: articles/cachekeys.py) and the next scheduled time (when a scheduled article
joins the list by itself), so it is counted once per change, not on every request.
"""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from pagecache import generations

from . import cachekeys

# The count changes only with the keys above; this only bounds how long an unused one stays.
COUNT_SECONDS = 24 * 3600


def list_version(request, base, keys):
    """What a list's kept facts (its count, ...) are stored under: a digest of its address
    (`base`, without /page/N/), its keys' generations and the next scheduled time. None when
    the list has no page-cache keys (search results): nothing of it is kept. Read it once per
    request (each generation is a cache read)."""
    if not keys:
        return None
    scheduled = cachekeys.next_scheduled_time(request)
    parts = [base, *generations(*keys), scheduled.isoformat() if scheduled else ""]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def fact_key(version, what):
    """The cache key of one fact (`what`: "count", ...) of the list at `version`."""
    return None if version is None else f"list:{what}:{version}"


def kept(key, compute):
    """compute(), kept under `key` (a fact_key) until the list changes; None: not kept."""
    if key is None:
        return compute()
    found = cache.get(key)
    if found is None:
        found = (compute(),)  # a tuple: None (no next month) is kept too
        cache.set(key, found, COUNT_SECONDS)
    return found[0]


class ListPaginator(Paginator):
    """Django's paginator, with a page's rows fetched by id and the count cached by `key`."""

    def __init__(self, object_list, per_page, *, key=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.key = key

    @cached_property
    def count(self):
        return kept(self.key, lambda: super(ListPaginator, self).count)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.rows(bottom, top), number, self)

    def rows(self, bottom, top):
        """The list's rows [bottom:top]: their ids in the list's order, then those rows."""
        rows = self.object_list
        if not isinstance(rows, QuerySet) or bottom == 0:
            return rows[bottom:top]
        ids = rows.values("pk")[bottom:top]
        return rows.filter(pk__in=ids)
