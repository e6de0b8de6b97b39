"""Parts of pages kept rendered between requests, purged by the same surrogate keys as pages.

With the page cache off (or on a miss), a page is rendered, but its costly shared parts need
not be: the article itself, the lists of a home or archive page, the navigation. Each part is
kept in the default cache with the keys of what it shows and their generations, exactly as a
stored page is (store.py): a purge of any of its keys makes it stale. A part records the keys
it was given and every key tagged on the request while it rendered, and tags them again when
it is reused, so the page still names everything it shows (Surrogate-Key, the page cache).

A hit costs two cache reads: the part and the epoch. Only after a purge (the epoch changed) are
the part's keys' generations read, once, and the part re-stamped with the new epoch.
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language

from . import store, tagging

logger = logging.getLogger(__name__)

# At most this long, even when nothing it shows changes (a purge removes it earlier).
FRAGMENT_SECONDS = 24 * 60 * 60


@dataclass
class Fragment:
    value: object
    keys: tuple
    gens: tuple
    layout_keys: tuple
    epoch: str
    expires: float


def _name(name):
    # Hashed: names hold addresses and slugs of any length (Memcached takes 250 characters).
    digest = hashlib.blake2b(name.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return f"frag:{get_language()}:{digest}"


def _current(found, epoch):
    """Whether a stored part still shows what the site would render now."""
    if found.expires <= time.time():
        return False
    if found.epoch == epoch:
        return True
    return store.generations(*found.keys, *found.layout_keys) == found.gens


def cached(request, name, render, *, keys=(), expires=None):
    """What `render()` returns, kept under `name` (per language) until a key it shows is purged.

    `keys`: what it shows, known before it renders; keys tagged on `request` while it renders
    are added. `expires`: a time.time() it must not outlive (the next scheduled article).
    """
    if request is not None:  # parts may hold absolute addresses (share links, feeds)
        name = f"{request.scheme}://{request.get_host()}|{name}"
    full_name = _name(name)
    found = cache.get(full_name)
    epoch = store.shared().get(store.EPOCH_KEY)
    if found is not None and epoch is not None and _current(found, epoch):
        if found.epoch != epoch:
            found.epoch = epoch
            _store(full_name, found)
        tagging.tag(request, *found.keys)
        tagging.tag_layout(request, *found.layout_keys)
        return found.value
    if epoch is None:
        epoch = store.current_epoch()
    value, shown, layout = _render_collecting(request, render)
    all_keys = tuple(sorted({str(k) for k in keys if k} | shown))
    layout = tuple(sorted(layout))
    tagging.tag(request, *all_keys)
    tagging.tag_layout(request, *layout)
    gens = store.generations(*all_keys, *layout)
    if store.shared().get(store.EPOCH_KEY) != epoch:
        return value  # something changed while it rendered: use it once, keep nothing
    until = time.time() + FRAGMENT_SECONDS
    if expires is not None:
        until = min(until, expires)
    _store(full_name, Fragment(value, all_keys, gens, layout, epoch, until))
    return value


def _render_collecting(request, render):
    """render() with the keys it tags on `request` collected apart (and kept on the request)."""
    if request is None:
        return render(), set(), set()
    saved_keys = getattr(request, "surrogate_keys", None) or set()
    saved_layout = getattr(request, "surrogate_layout_keys", None) or set()
    request.surrogate_keys, request.surrogate_layout_keys = set(), set()
    try:
        value = render()
        shown, layout = request.surrogate_keys, request.surrogate_layout_keys
    finally:
        request.surrogate_keys = saved_keys | request.surrogate_keys
        request.surrogate_layout_keys = saved_layout | request.surrogate_layout_keys
    return value, set(shown), set(layout)


def _store(full_name, fragment):
    timeout = max(1, int(fragment.expires - time.time()))
    try:
        cache.set(full_name, fragment, timeout)
    except Exception:  # a full or unreachable cache must not fail the page
        logger.exception("fragment cache: could not store %s", full_name)
