"""Store, find and purge whole pages; exact invalidation by surrogate keys.

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
the database before a purge never gets stored as current.

Pages live in a Django cache (settings.NEWSROOM_PAGE_CACHE_ALIAS) shared by the workers, and in
a small per-process memory in front of it, so a hit costs one read of the epoch.
"""

import contextlib
import contextvars
import gzip
import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import parse_cookie

try:  # Brotli is optional: without it, gzip is the compressed variant.
    import brotli
except ImportError:  # pragma: no cover - brotli is a dependency; this keeps it optional
    brotli = None

from . import backends, gather

logger = logging.getLogger(__name__)

EPOCH_KEY = "pc:epoch"
# Every stored page and every fragment carries this key too: purging it forgets them all.
ALL_KEY = "all"
# A deferred_purges() block that gathers more keys than this purges ALL_KEY instead.
DEFERRED_PURGE_LIMIT = 1000
PURGED_AT_KEY = "pc:purged-at"
PREVIEW_PARAMETER = "unapproved"  # a held comment's private preview link (comments app)
COMPRESS_MIN_BYTES = 256
# Brotli's quality 8 makes the seed article 15% smaller than gzip in about 10 ms; 11 would save
# 23% but take a third of a second each time the page is stored (see docs/design.md).
BROTLI_QUALITY = 8
STATUS_LINES = {200: "200 OK", 304: "304 Not Modified"}


def enabled():
    return settings.NEWSROOM_PAGE_CACHE


def shared():
    return caches[settings.NEWSROOM_PAGE_CACHE_ALIAS]


def _token():
    return uuid.uuid4().hex


def _gen_key(key):
    return f"pc:g:{key}"


def _page_key(fingerprint):
    return f"pc:p:{fingerprint}"


# What views call ---------------------------------------------------------------------------------


def tag(request, *keys):
    """Record that the page being rendered for `request` shows these things."""
    if request is None:
        return
    recorded = getattr(request, "surrogate_keys", None)
    if recorded is None:
        recorded = request.surrogate_keys = set()
    recorded.update(str(key) for key in keys if key)


def tag_layout(request, *keys):
    """Keys of parts most pages show (navigation, footer). Unlike `tag`, they do not make a page
    storable: only a view that names what its page shows opts it into the cache."""
    if request is None:
        return
    recorded = getattr(request, "surrogate_layout_keys", None)
    if recorded is None:
        recorded = request.surrogate_layout_keys = set()
    recorded.update(keys)


def keys_of(request):
    """Every key the page for `request` recorded; empty when its view named none."""
    keys = getattr(request, "surrogate_keys", None)
    if not keys:
        return set()
    return keys | getattr(request, "surrogate_layout_keys", set()) | {ALL_KEY}


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
            self.keys, self.everything = {ALL_KEY}, True

    def discard(self):
        """Nothing the block wrote stays (it was rolled back): purge nothing at its end."""
        self.keys = set()


_deferred = contextvars.ContextVar("pagecache_deferred", default=None)


@contextlib.contextmanager
def deferred_purges(limit=None):
    """Gather the purges of a block of many writes (an import) and purge once at its end.

    Inside the block `purge` and `purge_on_commit` only note their keys; at the end each noted
    key is purged once (and again after the commit when the block ended inside a transaction).
    Past `limit` keys (default DEFERRED_PURGE_LIMIT) the block purges ALL_KEY, every page and
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
    cache = shared()
    # First, so that whoever sees the new generations also sees when they changed.
    cache.set(PURGED_AT_KEY, time.time(), None)
    cache.set(EPOCH_KEY, _token(), None)
    token = _token()
    cache.set_many({_gen_key(key): token for key in keys}, None)
    cache.set(EPOCH_KEY, _token(), None)
    if front:
        backends.purge(keys)


def last_purge():
    """When anything was last purged (a time.time()), 0 if never.

    With a read replica, pages and fragments rendered shortly after a purge read from the
    primary (newsroom/db_router.py): one rendered from a replica that has not replayed the
    change yet would be stored as current and stay stale until the next purge."""
    return shared().get(PURGED_AT_KEY) or 0


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


# The request, as both the WSGI wrapper and the middleware see it ---------------------------------


@dataclass(frozen=True)
class RequestInfo:
    method: str
    fingerprint: str
    accept_encoding: str
    if_none_match: str

    @classmethod
    def from_environ(cls, environ):
        """The cache's view of a request (a WSGI environ or request.META); None: never cached."""
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            return None
        query = environ.get("QUERY_STRING", "")
        if PREVIEW_PARAMETER in query:
            return None
        cookie = environ.get("HTTP_COOKIE")
        # A session may be a signed-in user's: such requests always go to the site.
        if cookie and settings.SESSION_COOKIE_NAME in parse_cookie(cookie):
            return None
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        raw = "\n".join(
            (_scheme(environ), host.lower(), environ.get("PATH_INFO", "/"), query)
        ).encode("utf-8", "surrogateescape")
        return cls(
            method=method,
            fingerprint=hashlib.blake2b(raw, digest_size=16).hexdigest(),
            accept_encoding=environ.get("HTTP_ACCEPT_ENCODING", ""),
            if_none_match=environ.get("HTTP_IF_NONE_MATCH", ""),
        )


def _scheme(environ):
    proxy = settings.SECURE_PROXY_SSL_HEADER
    if proxy and environ.get(proxy[0]) is not None:
        return "https" if environ[proxy[0]].split(",")[0].strip() == proxy[1] else "http"
    return environ.get("wsgi.url_scheme", "http")


# Stored pages -------------------------------------------------------------------------------------


@dataclass
class Page:
    status: int
    headers: list
    bodies: dict  # content coding ("identity", "gzip", "br") -> bytes
    etag: str  # quoted-string contents, without quotes; the variant adds a suffix
    keys: tuple
    gens: tuple
    epoch: str
    expires: float  # time.time() when the page stops being served
    max_age: int  # the browsers' max-age when stored
    size: int = field(default=0)

    def variant(self, accept_encoding):
        accepted = accepted_codings(accept_encoding)
        for coding in ("br", "gzip"):
            if coding in accepted and coding in self.bodies:
                return coding
        return "identity"

    def etag_for(self, coding):
        return f'"{self.etag}"' if coding == "identity" else f'"{self.etag}-{coding}"'

    def not_modified(self, if_none_match):
        if not if_none_match:
            return False
        wanted = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        if "*" in wanted:
            return True
        return any(self.etag_for(coding) in wanted for coding in self.bodies)

    def render(self, info, state):
        """(status, headers, body) for this request: the variant it accepts, or a 304."""
        coding = self.variant(info.accept_encoding)
        now = time.time()
        remaining = max(0, int(self.expires - now))
        control = f"public, max-age={min(self.max_age, remaining)}"
        if backends.active():
            control += f", s-maxage={remaining}"
        headers = [
            ("Cache-Control", control),
            ("ETag", self.etag_for(coding)),
            ("Vary", "Accept-Encoding"),
            ("X-Page-Cache", state),
        ]
        if self.not_modified(info.if_none_match):
            return 304, headers, b""
        body = self.bodies[coding]
        headers = self.headers + headers + [("Content-Length", str(len(body)))]
        if coding != "identity":
            headers.append(("Content-Encoding", coding))
        return self.status, headers, b"" if info.method == "HEAD" else body


def accepted_codings(header):
    accepted = set()
    for part in header.lower().split(","):
        coding, _sep, params = part.partition(";")
        coding = coding.strip()
        q = params.strip()
        if q.startswith("q="):
            try:
                if float(q[2:]) <= 0:
                    continue
            except ValueError:
                continue
        if coding == "*":
            accepted.update(("gzip", "br"))
        elif coding:
            accepted.add(coding)
    return accepted


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
    is purged with the pages (read them before reading the data the part shows). ALL_KEY's
    generation comes first: purging every page purges every part too."""
    return _generations((ALL_KEY, *keys))


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


def compress(body):
    """{coding: bytes}: the page as sent, gzip and (when available) brotli, each made once."""
    bodies = {"identity": body}
    if len(body) >= COMPRESS_MIN_BYTES:
        bodies["gzip"] = gzip.compress(body, compresslevel=6, mtime=0)
        if brotli is not None:
            bodies["br"] = brotli.compress(body, quality=BROTLI_QUALITY)
    return bodies


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


def forget_everything():
    """After the database was replaced (a restore): every cache the site uses forgets all.

    Each configured cache is emptied (pages, fragments, settings, sessions' copies), ALL_KEY
    gets a new generation and the epoch moves (other processes' memories then drop their
    pages), and the cache in front is sent a BAN of ALL_KEY at once, not through the task
    queue (the restored queue is the backup's). Returns what could not be done, as sentences
    (empty when everything forgot)."""
    problems = []
    for alias in settings.CACHES:
        try:
            caches[alias].clear()
        except Exception as error:  # reported to whoever restores: Redis away, a disk error
            problems.append(f"The {alias!r} cache could not be emptied ({error}).")
    _memory.clear()
    purge(ALL_KEY, front=False)
    try:
        backends.send([ALL_KEY])
    except OSError as error:
        problems.append(
            f"The cache in front ({settings.NEWSROOM_PAGE_CACHE_PURGE_URL}) did not take the BAN "
            f"of every page ({error}): it may serve old pages until their s-maxage ends."
        )
    return problems


def tagged(*keys):
    """A view decorator: the view's pages show `keys` (for views that are not ours to edit)."""

    def decorator(view):
        def wrapper(request, *args, **kwargs):
            tag(request, *keys)
            return view(request, *args, **kwargs)

        wrapper.__name__ = getattr(view, "__name__", "view")
        wrapper.__doc__ = view.__doc__
        return wrapper

    return decorator
