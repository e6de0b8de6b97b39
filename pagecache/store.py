"""Store and find whole pages; the generations and the epoch that invalidate them exactly.

A stored page records the keys of what it shows (`a:12`, `comments:12`, `cat:3`, ...) and, for
each key, the key's *generation* (a random token) when the page was rendered. A purge gives each
purged key a new generation, so every page that showed it stops matching: nothing has to list
the pages of a key, and no read-modify-write of a shared index can lose one (two workers storing
pages at once, or a purge racing a render).

Checking every key's generation on every hit would cost a read per key, so a single *epoch*
token changes on every purge: a page stamped with the current epoch is valid without further
reads. After a purge, each page is checked once against its keys' generations and re-stamped in
the worker's memory. A purge writes the epoch, then the generations, then the epoch again, and
a page is stored only when the epoch did not change while it was rendered: a render that read
the database before a purge never gets stored as current. (What calls `renew` on a change:
purging.py.)

Pages live in a Django cache (settings.NEWSROOM_PAGE_CACHE_ALIAS) shared by the workers, and in
a small per-process memory in front of it, so a hit costs one read of the epoch.
"""

import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches

from .http import Page, compress
from .keys import ALL

logger = logging.getLogger(__name__)

EPOCH_KEY = "pc:epoch"


def enabled():
    return settings.NEWSROOM_PAGE_CACHE


def shared():
    return caches[settings.NEWSROOM_PAGE_CACHE_ALIAS]


def _token():
    return uuid.uuid4().hex


def _gen_key(key):
    return f"pc:g:{key}"


def _page_key(fingerprint):
    # "pc:page:", not engine.py's "pc:p:": pages stored before the split unpickle as
    # pagecache.engine.Page, which no longer exists; under a new name they are simply not found.
    return f"pc:page:{fingerprint}"


class _Memory:
    """The most recently used pages of this process, bounded in bytes."""

    def __init__(self):
        self.pages = OrderedDict()
        self.bytes = 0
        self.lock = threading.Lock()

    def get(self, fingerprint):
        return self.pages.get(fingerprint)

    def put(self, fingerprint, page):
        limit = settings.NEWSROOM_PAGE_CACHE_MEMORY_BYTES
        if page.size > limit:
            return
        with self.lock:
            old = self.pages.pop(fingerprint, None)
            if old is not None:
                self.bytes -= old.size
            self.pages[fingerprint] = page
            self.bytes += page.size
            while self.bytes > limit and self.pages:
                _key, dropped = self.pages.popitem(last=False)
                self.bytes -= dropped.size

    def drop(self, fingerprint):
        with self.lock:
            old = self.pages.pop(fingerprint, None)
            if old is not None:
                self.bytes -= old.size

    def clear(self):
        with self.lock:
            self.pages.clear()
            self.bytes = 0


_memory = _Memory()


def lookup(info):
    """The stored page for this request when it is still current, else None."""
    fingerprint = info.fingerprint
    cache = shared()
    page = _memory.get(fingerprint)
    if page is None:
        found = cache.get_many([EPOCH_KEY, _page_key(fingerprint)])
        epoch, page = found.get(EPOCH_KEY), found.get(_page_key(fingerprint))
        if page is None or epoch is None:
            return None
        _memory.put(fingerprint, page)
    else:
        epoch = cache.get(EPOCH_KEY)
        if epoch is None:
            return None
    if page.expires <= time.time():
        _memory.drop(fingerprint)
        return None
    if page.epoch != epoch:
        current = cache.get_many([_gen_key(key) for key in page.keys])
        if any(current.get(_gen_key(k)) != g for k, g in zip(page.keys, page.gens, strict=True)):
            _memory.drop(fingerprint)
            return None
        page.epoch = epoch  # still current: later hits in this process need only the epoch
    return page


def current_epoch():
    """The epoch as a render starts (made when the cache has none)."""
    cache = shared()
    epoch = cache.get(EPOCH_KEY)
    if epoch is None:
        cache.add(EPOCH_KEY, _token(), None)
        epoch = cache.get(EPOCH_KEY)
    return epoch


def generations(*keys):
    """The keys' current generations: a part of a page cached under a name that includes them
    is purged with the pages (read them before reading the data the part shows). ALL's
    generation comes first: purging every page purges every part too."""
    return _generations((ALL, *keys))


def _generations(keys):
    cache = shared()
    names = [_gen_key(key) for key in keys]
    found = cache.get_many(names)
    missing = [name for name in names if name not in found]
    if missing:
        for name in missing:
            cache.add(name, _token(), None)
        found.update(cache.get_many(missing))
    # A cache that lost its data and cannot keep more (Redis away): a fresh generation matches
    # nothing later, so nothing is reused.
    return tuple(found.get(name) or _token() for name in names)


def renew(keys):
    """Give the keys new generations: every page and part stamped with the old ones stops
    matching. The epoch moves before and after, so a render that overlapped is not stored."""
    cache = shared()
    cache.set(EPOCH_KEY, _token(), None)
    token = _token()
    cache.set_many({_gen_key(key): token for key in keys}, None)
    cache.set(EPOCH_KEY, _token(), None)


def save(info, *, status, headers, body, keys, epoch, etag, expires, max_age):
    """Store a rendered page unless a purge ran while it was rendered. Returns the Page."""
    keys = tuple(sorted(keys))
    gens = _generations(keys)
    bodies = compress(body)
    page = Page(
        status=status,
        headers=headers,
        bodies=bodies,
        etag=etag or hashlib.blake2b(body, digest_size=12).hexdigest(),
        keys=keys,
        gens=gens,
        epoch=epoch,
        expires=expires,
        max_age=max_age,
        size=sum(len(b) for b in bodies.values()),
    )
    cache = shared()
    if epoch is None or cache.get(EPOCH_KEY) != epoch:
        return page  # something changed while the page was rendered: send it, keep nothing
    timeout = max(1, int(expires - time.time()))
    try:
        # set_many names what it could not store (a full disk, a lost Redis): then this
        # process does not keep the page either.
        if cache.set_many({_page_key(info.fingerprint): page}, timeout):
            return page
    except Exception:  # a full or unreachable cache must not fail the page
        logger.exception("page cache: could not store a page")
        return page
    _memory.put(info.fingerprint, page)
    return page


def clear():
    """Forget every stored page (this process's memory and the shared cache)."""
    shared().clear()
    _memory.clear()


def forget_this_process():
    """Forget the pages this process keeps in memory (the shared cache was emptied)."""
    _memory.clear()
