"""Caches: the shared cache (CACHE_URL), sessions beside it, and the full-page cache's own
(pagecache/)."""

from django.core.exceptions import ImproperlyConfigured

from .environment import BASE_DIR, env


def cache_from_url(url):
    """Turn CACHE_URL (locmem://, redis://host:6379/0, memcached://host:11211) into CACHES."""
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": url[9:]}
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("memcached://"):
        return {
            "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
            "LOCATION": url[len("memcached://") :],
        }
    if url.startswith("file://"):
        # Files in a directory: shared by the worker processes of one machine, no server.
        return {
            "BACKEND": "pagecache.filecache.PageFileCache",
            "LOCATION": url[len("file://") :],
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL scheme not supported: {url!r}")


_cache_url = env.str("CACHE_URL", default="locmem://newsroom")
CACHES = {"default": cache_from_url(_cache_url)}
# With a shared cache (Redis, Memcached) sessions are read from it, written through to the
# database: any app server reads them, and a cache restart signs nobody out.
if CACHES["default"]["BACKEND"].endswith(("RedisCache", "PyMemcacheCache")):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The full-page cache for anonymous reader pages (pagecache/). PAGE_CACHE=off turns it off.
# Its pages live in their own cache, shared by every worker: PAGE_CACHE_URL, else CACHE_URL when
# that is a shared server (Redis, Memcached), else files under PAGE_CACHE_DIR on this machine.
NEWSROOM_PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
_page_cache_url = env.str("PAGE_CACHE_URL", default="") or (
    _cache_url
    if _cache_url.startswith(("redis", "memcached"))
    else "file://" + env.str("PAGE_CACHE_DIR", default=str(BASE_DIR / "var" / "pagecache"))
)
CACHES["pages"] = cache_from_url(_page_cache_url)
# A lost Redis degrades to rendering instead of failing requests (pagecache/resilient.py); it is
# given up on after a second without an answer.
for _cache in CACHES.values():
    if _cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        _cache["BACKEND"] = "pagecache.resilient.ResilientRedisCache"
        _cache.setdefault("OPTIONS", {}).setdefault("socket_connect_timeout", 1)
        _cache["OPTIONS"].setdefault("socket_timeout", 1)
NEWSROOM_PAGE_CACHE_ALIAS = "pages"
# How long a page may be kept (purges remove it earlier; a scheduled article cuts it short;
# base.py keeps it under half the comment form token's lifetime).
NEWSROOM_PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)
# Each worker keeps the pages it served last in memory too, up to this many bytes.
NEWSROOM_PAGE_CACHE_MEMORY_BYTES = env.int("PAGE_CACHE_MEMORY_MB", default=32) * 2**20
# A cache in front of the site that takes `BAN` by surrogate key (deploy/varnish.vcl), e.g.
# http://127.0.0.1:6081/ ; empty: none. Pages then carry s-maxage for it.
NEWSROOM_PAGE_CACHE_PURGE_URL = env.str("PAGE_CACHE_PURGE_URL", default="")
NEWSROOM_PAGE_CACHE_PURGE_TIMEOUT = 2
# The BAN goes out from a task after the commit (pagecache/tasks.py); while the cache in front
# does not answer it is tried again after 10 s, doubling up to an hour, 12 tries in all.
NEWSROOM_PAGE_CACHE_PURGE_ATTEMPTS = 12
NEWSROOM_PAGE_CACHE_PURGE_RETRY_SECONDS = 10
NEWSROOM_PAGE_CACHE_PURGE_RETRY_MAX_SECONDS = 3600
