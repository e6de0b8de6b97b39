"""The page cache's HTTP: a request as the cache sees it, and a stored page as it is sent.

Both the WSGI wrapper and the middleware (middleware.py) read requests through `RequestInfo`
and answer hits with `Page.render`: the variant the `Accept-Encoding` allows, its `ETag`, a
`304` for `If-None-Match`.
"""

import gzip
import hashlib
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.http import parse_cookie

try:  # Brotli is optional: without it, gzip is the compressed variant.
    import brotli
except ImportError:  # pragma: no cover - brotli is a dependency; this keeps it optional
    brotli = None

from . import backends

PREVIEW_PARAMETER = "unapproved"  # a held comment's private preview link (comments app)
COMPRESS_MIN_BYTES = 256
# Brotli's quality 8 makes the seed article 15% smaller than gzip in about 10 ms; 11 would save
# 23% but take a third of a second each time the page is stored (see docs/design.md).
BROTLI_QUALITY = 8
STATUS_LINES = {200: "200 OK", 304: "304 Not Modified"}


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


def compress(body):
    """{coding: bytes}: the page as sent, gzip and (when available) brotli, each made once."""
    bodies = {"identity": body}
    if len(body) >= COMPRESS_MIN_BYTES:
        bodies["gzip"] = gzip.compress(body, compresslevel=6, mtime=0)
        if brotli is not None:
            bodies["br"] = brotli.compress(body, quality=BROTLI_QUALITY)
    return bodies
