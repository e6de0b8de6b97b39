"""Purges: what changed leaves every cache, now and again once its transaction commits.

`purge` gives the keys new generations (store.py) and queues the BAN for a cache in front
(backends.py); `deferred_purges` gathers a batch's purges into one.
"""

import contextlib
import contextvars
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

from . import backends, gather, store
from .keys import ALL

# A deferred_purges() block that gathers more keys than this purges ALL instead.
DEFERRED_PURGE_LIMIT = 1000
PURGED_AT_KEY = "pc:purged-at"


class _Deferred:
    """The keys gathered by a deferred_purges() block; `everything` once there are too many."""

    def __init__(self, limit):
        self.limit = limit
        self.keys = set()
        self.everything = False

    def add(self, keys):
        if self.everything:
            return
        self.keys.update(keys)
        if len(self.keys) > self.limit:
            self.keys, self.everything = {ALL}, True

    def discard(self):
        """Nothing the block wrote stays (it was rolled back): purge nothing at its end."""
        self.keys = set()


_deferred = contextvars.ContextVar("pagecache_deferred", default=None)


@contextlib.contextmanager
def deferred_purges(limit=None):
    """Gather the purges of a block of many writes (an import) and purge once at its end.

    Inside the block `purge` and `purge_on_commit` only note their keys; at the end each noted
    key is purged once (and again after the commit when the block ended inside a transaction).
    Past `limit` keys (default DEFERRED_PURGE_LIMIT) the block purges ALL, every page and
    fragment, and from then on `purging_all()` is true, so callers may skip working out their
    keys. Nested blocks join the outermost one. The purge runs even when the block raises (what
    was committed is covered). Yields the gathered keys; their `discard()` forgets them (a dry
    run that rolls back).
    """
    if _deferred.get() is not None:
        yield _deferred.get()
        return
    gathered = _Deferred(DEFERRED_PURGE_LIMIT if limit is None else limit)
    token = _deferred.set(gathered)
    try:
        yield gathered
    finally:
        _deferred.reset(token)
        if gathered.keys:
            purge_on_commit(*gathered.keys)


def purging_all():
    """True inside a deferred_purges() block that will purge every page at its end."""
    gathered = _deferred.get()
    return gathered is not None and gathered.everything


def purge(*keys, front=True):
    """These things changed: every page that shows any of them leaves the caches.

    `front`: also queue the BAN for a cache in front (False when a purge after the commit
    follows, which queues it)."""
    keys = sorted({str(key) for key in keys if key})
    if not keys:
        return
    gathered = _deferred.get()
    if gathered is not None:
        gathered.add(keys)
        return
    # Generations are kept with the page cache off too: fragments (`generations`) use them.
    # First, so that whoever sees the new generations also sees when they changed.
    store.shared().set(PURGED_AT_KEY, time.time(), None)
    store.renew(keys)
    if front:
        backends.purge(keys)


def last_purge():
    """When anything was last purged (a time.time()), 0 if never.

    With a read replica, pages and fragments rendered shortly after a purge read from the
    primary (newsroom/db_router.py): one rendered from a replica that has not replayed the
    change yet would be stored as current and stay stale until the next purge."""
    return store.shared().get(PURGED_AT_KEY) or 0


def purge_on_commit(*keys):
    """Purge now and, inside a transaction, again once it commits.

    The purge after the commit is the one that counts: a page rendered from the data before the
    commit may have been stored after the first purge. The first one serves code that reads its
    own writes before any commit (a test's transaction never commits).
    """
    keys = tuple(keys)
    in_transaction = transaction.get_connection().in_atomic_block
    purge(*keys, front=not in_transaction)
    if _deferred.get() is not None:
        return  # noted: the block purges once at its end
    if in_transaction:
        # robust: what committed stands and is answered as done, whatever the cache does.
        gather.on_commit("purges", keys, lambda gathered: purge(*gathered), robust=True)


def forget_everything():
    """After the database was replaced (a restore): every cache the site uses forgets all.

    Each configured cache is emptied (pages, fragments, settings, sessions' copies), ALL
    gets a new generation and the epoch moves (other processes' memories then drop their
    pages), and the cache in front is sent a BAN of ALL at once, not through the task
    queue (the restored queue is the backup's). Returns what could not be done, as sentences
    (empty when everything forgot)."""
    problems = []
    for alias in settings.CACHES:
        try:
            caches[alias].clear()
        except Exception as error:  # reported to whoever restores: Redis away, a disk error
            problems.append(f"The {alias!r} cache could not be emptied ({error}).")
    store.forget_this_process()
    purge(ALL, front=False)
    try:
        backends.send([ALL])
    except OSError as error:
        problems.append(
            f"The cache in front ({settings.NEWSROOM_PAGE_CACHE_PURGE_URL}) did not take the BAN "
            f"of every page ({error}): it may serve old pages until their s-maxage ends."
        )
    return problems
