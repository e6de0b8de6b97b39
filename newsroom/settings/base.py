"""Settings shared by every environment; secrets and service addresses come from the environment."""

import datetime
import os
import re
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


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


def meta_key(header):
    """CLIENT_IP_HEADER as people write it (X-Forwarded-For) or as Django names it in
    request.META (HTTP_X_FORWARDED_FOR): the META name either way; "" when unset."""
    key = header.strip().upper().replace("-", "_")
    if not key:
        return ""
    if not re.fullmatch(r"[A-Z][A-Z0-9_]*", key):
        raise ImproperlyConfigured(
            f"CLIENT_IP_HEADER {header!r} is not a header name; write it like X-Forwarded-For."
        )
    return key if key.startswith("HTTP_") or key == "REMOTE_ADDR" else f"HTTP_{key}"


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "django_prose_editor",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "newsroom.tasks_app.TasksDatabaseConfig",  # django_tasks_db, its name translated
    "newsroom",
    "pagecache",
    "articles",
    "pages",
    "comments",
    "wordpress",
    "popularity",
]

MIDDLEWARE = [
    # First: a stored page is sent before any other middleware runs (see docs/design.md).
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that reads the database: who just wrote reads from the primary.
    "newsroom.db_router.PrimaryAfterWriteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "newsroom.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # WordPress's old addresses (/?p=12, /index.php/..., moved slugs) answer 301.
    "wordpress.middleware.WordPressRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "newsroom.middleware.StaffMarkerMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Outer: turns a matching ETag into a 304 after the cache headers below are set.
    "django.middleware.http.ConditionalGetMiddleware",
    "newsroom.middleware.ReaderCacheMiddleware",
    # Inner: a commenter's preview of their held comment is never stored by any cache.
    "comments.middleware.HeldCommentPreviewMiddleware",
    # Security headers (CSP, Permissions-Policy) on every response; inside the language
    # middleware so nonces reach the admin's templates.
    "newsroom.security.SecurityHeadersMiddleware",
    "newsroom.security.AdminQueryMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its page, in the admin's language.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
SILENCED_SYSTEM_CHECKS = []
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several readers and one writer without "database is locked" under a threaded server.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
    # Kept open like PostgreSQL's (DB_CONN_MAX_AGE): opening one costs a connect, the PRAGMAs
    # above and a close, about 1 ms, on every request otherwise.
    # The list indexes carry INCLUDE columns for PostgreSQL's index-only scans; SQLite keeps
    # the keys and ignores those, which is all it needs (articles/models.py, Meta.indexes).
    SILENCED_SYSTEM_CHECKS.append("models.W040")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A primary that does not answer is given up on quickly (a 503, not a hung worker).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

# A read replica (PostgreSQL streaming replication): reads go there, writes and the reads of
# whoever just wrote go to the primary; a replica that does not answer within
# DATABASE_REPLICA_CONNECT_TIMEOUT seconds is left alone for NEWSROOM_REPLICA_RETRY_SECONDS
# and reads fall back to the primary (newsroom/db_router.py).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = int(
            os.environ.get("DATABASE_REPLICA_CONNECT_TIMEOUT", "1")
        )
NEWSROOM_READ_FROM_REPLICA = "replica" in DATABASES
DATABASE_ROUTERS = ["newsroom.db_router.PrimaryReplicaRouter"]
NEWSROOM_REPLICA_RETRY_SECONDS = int(os.environ.get("REPLICA_RETRY_SECONDS", "5"))
# After a POST, its sender reads from the primary this long (a cookie on the POST's response):
# longer than the replica's usual lag, short enough to spare the primary.
NEWSROOM_PRIMARY_STICKY_SECONDS = int(os.environ.get("PRIMARY_STICKY_SECONDS", "10"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (notification mail, image renditions) through Django's tasks API (the
# django-tasks backport). TASKS_BACKEND picks where tasks wait and who runs them:
#   database (default): a table in the site's own database; run `manage.py db_worker`.
#   rq: Redis (REDIS_URL) and RQ; run `manage.py rqworker --with-scheduler
#       --job-class django_tasks_rq.Job default` (pip install -e '.[rq]').
#   immediate: run inside the request, after commit (tests; never in production).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")}}

CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "locmem://newsroom"))}
# With a shared cache (Redis, Memcached) sessions are read from it, written through to the
# database: any app server reads them, and a cache restart signs nobody out.
if CACHES["default"]["BACKEND"].endswith(("RedisCache", "PyMemcacheCache")):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The full-page cache for anonymous reader pages (pagecache/). PAGE_CACHE=off turns it off.
# Its pages live in their own cache, shared by every worker: PAGE_CACHE_URL, else CACHE_URL when
# that is a shared server (Redis, Memcached), else files under PAGE_CACHE_DIR on this machine.
NEWSROOM_PAGE_CACHE = os.environ.get("PAGE_CACHE", "on").strip().lower() not in {
    "off", "0", "false", "no"
}  # fmt: skip
_page_cache_url = os.environ.get("PAGE_CACHE_URL") or (
    os.environ["CACHE_URL"]
    if os.environ.get("CACHE_URL", "").startswith(("redis", "memcached"))
    else "file://" + os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / "var" / "pagecache"))
)
CACHES["pages"] = cache_from_url(_page_cache_url)
NEWSROOM_PAGE_CACHE_ALIAS = "pages"
# How long a page may be kept (purges remove it earlier; a scheduled article cuts it short).
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
# Each worker keeps the pages it served last in memory too, up to this many bytes.
NEWSROOM_PAGE_CACHE_MEMORY_BYTES = int(os.environ.get("PAGE_CACHE_MEMORY_MB", "32")) * 2**20
# A cache in front of the site that takes `BAN` by surrogate key (deploy/varnish.vcl), e.g.
# http://127.0.0.1:6081/ ; empty: none. Pages then carry s-maxage for it.
NEWSROOM_PAGE_CACHE_PURGE_URL = os.environ.get("PAGE_CACHE_PURGE_URL", "")
NEWSROOM_PAGE_CACHE_PURGE_TIMEOUT = 2
# django-axes first: a locked-out address or username is refused before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian first, English second. The default language has no URL prefix (WordPress URLs
# keep working); English lives under /en/.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
# locale_vendor: Indonesian for third-party JavaScript that ships none (see its djangojs.po).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Media: files under MEDIA_ROOT on one machine; past one machine, an S3-compatible bucket
# (AWS_STORAGE_BUCKET_NAME, S3_ENDPOINT_URL for a store other than AWS; credentials from boto3's
# usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY). MEDIA_URL (e.g. https://media.example.com/,
# a CDN in front of the bucket) is where readers fetch media from.
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Django serves MEDIA_ROOT itself when DEBUG is on or SERVE_MEDIA=1 (the demo server, tests).
NEWSROOM_SERVE_MEDIA = env_bool("SERVE_MEDIA")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
NEWSROOM_MEDIA_IN_BUCKET = bool(os.environ.get("AWS_STORAGE_BUCKET_NAME"))
if NEWSROOM_MEDIA_IN_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # Public media at stable addresses (no signed, expiring query strings), and a new
            # upload never replaces an older file of the same name (revisions keep theirs).
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    if MEDIA_URL.startswith(("http://", "https://")):
        scheme, _sep, rest = MEDIA_URL.partition("//")
        STORAGES["default"]["OPTIONS"].update(custom_domain=rest.rstrip("/"), url_protocol=scheme)

# Without a mail server, messages are not printed (they carry commenters' personal data): one
# line per message goes to the log instead (newsroom/mail.py).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "newsroom.mail.WithheldEmailBackend")
# A mail server that accepts connections and never answers gives up after this many seconds
# (mail is sent by the task worker, never inside a request).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Newsroom <noreply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Who hears about a 500: "Name <a@example.com>, b@example.com". Empty: nobody is mailed, and
# the error page does not claim that anyone was told.
ADMINS = [
    (address.split("<")[0].strip() or address, address.split("<")[-1].rstrip(">").strip())
    for address in env_list("ADMINS")
]

LOGIN_URL = "admin:login"

# Session cookie stays SameSite=Lax: a cross-site POST arrives without a session.
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
# Marks a browser signed in to the admin, for the reader pages' "Edit" link script (not a secret:
# the link itself comes from an endpoint that checks the session).
NEWSROOM_STAFF_COOKIE = "newsroom_staff"
CSRF_COOKIE_SAMESITE = "Lax"
# The admin's language choice (/i18n/setlang/): no script reads it, no other site sends it.
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# While the database cannot be reached, pages answer 503 with this Retry-After (seconds).
NEWSROOM_OUTAGE_RETRY_AFTER = int(os.environ.get("OUTAGE_RETRY_AFTER", "30"))

# The site itself.
NEWSROOM_SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")
NEWSROOM_SITE_TAGLINE = os.environ.get("SITE_TAGLINE", "")
NEWSROOM_PAGE_SIZE = 10
# How long shared caches may keep an anonymous reader page (seconds). A scheduled article
# shortens it so that no cache hides the article past its publication time.
NEWSROOM_READER_CACHE_SECONDS = int(os.environ.get("READER_CACHE_SECONDS", "300"))
# The home page's "Most read" covers this many hours, "Most commented" this many days; both
# lists are recomputed at most every NEWSROOM_POPULAR_REFRESH seconds (kept in the cache).
NEWSROOM_POPULAR_HOURS = int(os.environ.get("POPULAR_HOURS", "48"))
NEWSROOM_POPULAR_COMMENT_DAYS = int(os.environ.get("POPULAR_COMMENT_DAYS", "7"))
NEWSROOM_POPULAR_REFRESH = int(os.environ.get("POPULAR_REFRESH", "300"))

# Discovery: search, feeds, structured data.
# PostgreSQL text search configuration for the stored search vector and the queries: it follows
# the site's language. After changing it run `manage.py rebuild_search_index`.
NEWSROOM_SEARCH_CONFIG = os.environ.get("SEARCH_CONFIG") or (
    "english" if LANGUAGE_CODE.startswith("en") else "indonesian"
)
# Longer queries are cut to this many characters (and the reader is told).
NEWSROOM_SEARCH_MAX_LENGTH = 200
# A search lists the best matches among the newest this many (ranking every match of a common
# word in 100,000 articles would read all their vectors); the reader is told when more matched.
NEWSROOM_SEARCH_RESULTS = int(os.environ.get("SEARCH_RESULTS", "200"))
NEWSROOM_FEED_ITEMS = int(os.environ.get("FEED_ITEMS", "10"))
# The publisher's logo in structured data (a static file; Google wants a raster image).
NEWSROOM_PUBLISHER_LOGO = "img/logo.png"

TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's own logging stays underneath (disable_existing_loggers False): its "django"
    # logger mails every 500, with the traceback, to ADMINS (AdminEmailHandler) when DEBUG is off.
    "loggers": {"django.server": {"level": "INFO"}},
}

# Comments. The form token must outlive the reader cache (a cached page's form still works),
# yet expire; a person takes at least a few seconds to write a comment.
NEWSROOM_COMMENT_TOKEN_MAX_AGE = int(os.environ.get("COMMENT_TOKEN_MAX_AGE", str(2 * 24 * 3600)))
# A page's form token is as old as the stored page: the page cache keeps pages half as long.
NEWSROOM_PAGE_CACHE_SECONDS = min(NEWSROOM_PAGE_CACHE_SECONDS, NEWSROOM_COMMENT_TOKEN_MAX_AGE // 2)
NEWSROOM_COMMENT_MIN_FILL_SECONDS = int(os.environ.get("COMMENT_MIN_FILL_SECONDS", "3"))
NEWSROOM_COMMENT_FLOOD_SECONDS = 15
# How long a commenter may see their own held comment through the link they were sent to.
NEWSROOM_COMMENT_PREVIEW_SECONDS = 30 * 60
# Behind a proxy or CDN, the request header with the visitor's address (X-Forwarded-For, as
# request.META names it: HTTP_X_FORWARDED_FOR); empty: REMOTE_ADDR (the flood rule keys on it).
NEWSROOM_CLIENT_IP_HEADER = meta_key(os.environ.get("CLIENT_IP_HEADER", ""))

# Admin login throttle (django-axes): after AXES_FAILURE_LIMIT failed logins from one address,
# or for one username, both are refused for LOGIN_COOLOFF_MINUTES; a success clears the
# username's count. Editors unlock in the admin (Axes > Access attempts) or with
# `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS` / `axes_reset`.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_VERBOSE = False  # no start-up banner in every manage.py command
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.security.lockout_response"
# The same address rule as the comments' flood check (CLIENT_IP_HEADER behind a proxy).
AXES_CLIENT_IP_CALLABLE = "comments.services.client_ip"
# The attempts table keeps no password, and only failures (not every successful login).
AXES_DISABLE_ACCESS_LOG = True

# Content-Security-Policy (django-csp). Reader pages: nothing inline, nothing from elsewhere but
# images (imported articles embed remote pictures). The nonce is only sent when a page asked
# for one: the admin's rich-text editor, for its import map; reader pages never do.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "https:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# Browser features no page of the site uses.
NEWSROOM_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Editors' notification mail (a background task): a failed delivery is tried again after
# MAIL_RETRY_SECONDS, doubling each time up to an hour, NEWSROOM_MAIL_ATTEMPTS tries in all.
NEWSROOM_MAIL_ATTEMPTS = int(os.environ.get("MAIL_ATTEMPTS", "8"))
NEWSROOM_MAIL_RETRY_SECONDS = int(os.environ.get("MAIL_RETRY_SECONDS", "30"))
NEWSROOM_MAIL_RETRY_MAX_SECONDS = 3600
