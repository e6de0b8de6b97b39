"""Serving stored pages before the rest of the site runs, and storing new ones.

`PageCacheMiddleware` goes first in MIDDLEWARE: a hit returns before any other middleware, a
miss stores what the site answered when it may be shared. `PageCacheApplication` wraps the WSGI
application (newsroom/wsgi.py) so that a hit does not even build a Django request.
"""

import gzip
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from . import http, store, tagging

# Headers each answer gets from the stored page (per variant), never copied from the response.
_OWN_HEADERS = {
    "cache-control",
    "content-encoding",
    "content-length",
    "etag",
    "vary",
    "set-cookie",
    "x-page-cache",
}


def _to_django(status, headers, body):
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    if status == 304:
        del response["Content-Type"]
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not store.enabled():
            response = self.get_response(request)
            add_key_headers(request, response)
            return compressed(request, response)
        info = http.RequestInfo.from_environ(request.META)
        if info is None:
            response = self.get_response(request)
            add_key_headers(request, response)
            return compressed(request, response)
        page = store.lookup(info)
        if page is not None:
            return _to_django(*page.render(info, "hit"))
        epoch = store.current_epoch()
        response = self.get_response(request)
        add_key_headers(request, response)
        if info.method != "GET" or not storable(request, response):
            return compressed(request, response)
        page = store.save(
            info,
            status=response.status_code,
            headers=[(k, v) for k, v in response.items() if k.lower() not in _OWN_HEADERS],
            body=response.content,
            keys=tagging.keys_of(request),
            epoch=epoch,
            etag=response.get("ETag", "").strip('"').removeprefix("W/").strip('"'),
            expires=expires_at(response),
            max_age=_max_age(response),
        )
        return _to_django(*page.render(info, "miss"))


# What is worth compressing when a page is sent as rendered (not from the cache, whose pages
# carry their gzip and brotli variants made once).
_TEXT_TYPES = ("text/", "application/rss+xml", "application/atom+xml", "application/xml",
               "application/json", "application/javascript", "application/ld+json")  # fmt: skip
# gzip level 4: the seed article's 125 KB in about 0.6 ms (level 6: 1 ms for 6% fewer bytes).
LIVE_GZIP_LEVEL = 4


def compressed(request, response):
    """A page sent as rendered goes out gzipped when the browser accepts it.

    Only pages any reader may be sent (public, no cookie): a signed-in editor's page carries
    secrets (the CSRF token) that compression would expose to a BREACH-style attack, and those
    stay as they are."""
    if response.streaming:
        return response
    # One piece: a response written piece by piece (a feed's XML, element by element) would
    # otherwise leave in as many socket writes as it has pieces (500 for /feed/, 3 ms of CPU).
    response.content = response.content
    if (
        response.has_header("Content-Encoding")
        or len(response.content) < http.COMPRESS_MIN_BYTES
        or not response.get("Content-Type", "").startswith(_TEXT_TYPES)
        or not _shareable(response)
        or response.cookies
        or "gzip" not in http.accepted_codings(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    ):
        return response
    body = gzip.compress(response.content, compresslevel=LIVE_GZIP_LEVEL, mtime=0)
    response.content = body
    response["Content-Length"] = str(len(body))
    response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ["Accept-Encoding"])
    etag = response.get("ETag")
    if etag and not etag.startswith("W/"):
        response["ETag"] = "W/" + etag  # the bytes differ from the plain page's
    return response


def add_key_headers(request, response):
    """Surrogate-Key (Varnish, Fastly) and Cache-Tag (Cloudflare) on pages a cache may keep."""
    keys = tagging.keys_of(request)
    if not keys or not _shareable(response):
        return
    ordered = sorted(keys)
    response["Surrogate-Key"] = " ".join(ordered)
    response["Cache-Tag"] = ",".join(ordered)
    patch_vary_headers(response, ["Accept-Encoding"])


def _directives(response):
    return {
        part.strip().split("=", 1)[0].lower()
        for part in response.get("Cache-Control", "").split(",")
        if part.strip()
    }


def _shareable(response):
    directives = _directives(response)
    return "public" in directives and not directives & {"private", "no-store", "no-cache"}


def storable(request, response):
    """A page every anonymous reader may be sent as it is."""
    if response.status_code != 200 or response.streaming:
        return False
    if not tagging.keys_of(request):
        return False  # only pages that said what they show can be purged exactly
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    if not _shareable(response):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return not vary & {"cookie", "*", "authorization"}


def _max_age(response):
    for part in response.get("Cache-Control", "").split(","):
        name, _sep, value = part.strip().partition("=")
        if name.lower() == "max-age" and value.isdigit():
            return int(value)
    return 0


def expires_at(response):
    """Now plus NEWSROOM_PAGE_CACHE_SECONDS, cut to the response's `fresh_until` when it has one
    (the reader-cache middleware's time of the next scheduled article)."""
    expires = time.time() + settings.NEWSROOM_PAGE_CACHE_SECONDS
    fresh_until = getattr(response, "fresh_until", None)
    return min(expires, fresh_until) if fresh_until is not None else expires


class PageCacheApplication:
    """WSGI: answer hits straight from the cache; everything else goes to Django."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if store.enabled():
            info = http.RequestInfo.from_environ(environ)
            page = store.lookup(info) if info is not None else None
            if page is not None:
                status, headers, body = page.render(info, "hit")
                start_response(http.STATUS_LINES[status], headers)
                return [body]
        return self.application(environ, start_response)
