"""Settings shared by every environment; secrets and service addresses come from the environment."""

import os
from pathlib import Path

import dj_database_url
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
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL scheme not supported: {url!r}")


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
    "newsroom",
    "articles",
    "comments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "newsroom.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several readers and one writer without "database is locked" under a threaded server.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "locmem://newsroom"))}

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
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Newsroom <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGIN_URL = "admin:login"

# Session cookie stays SameSite=Lax: a cross-site POST arrives without a session.
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
# Marks a browser signed in to the admin, for the reader pages' "Edit" link script (not a secret:
# the link itself comes from an endpoint that checks the session).
NEWSROOM_STAFF_COOKIE = "newsroom_staff"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# The site itself.
NEWSROOM_SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")
NEWSROOM_SITE_TAGLINE = os.environ.get("SITE_TAGLINE", "")
NEWSROOM_PAGE_SIZE = 10
# How long shared caches may keep an anonymous reader page (seconds). A scheduled article
# shortens it so that no cache hides the article past its publication time.
NEWSROOM_READER_CACHE_SECONDS = int(os.environ.get("READER_CACHE_SECONDS", "300"))

# Discovery: search, feeds, structured data.
# PostgreSQL text search configuration for the stored search vector and the queries: it follows
# the site's language. After changing it run `manage.py rebuild_search_index`.
NEWSROOM_SEARCH_CONFIG = os.environ.get("SEARCH_CONFIG") or (
    "english" if LANGUAGE_CODE.startswith("en") else "indonesian"
)
# Longer queries are cut to this many characters (and the reader is told).
NEWSROOM_SEARCH_MAX_LENGTH = 200
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
    "loggers": {"django.server": {"level": "INFO"}},
}

# Comments. The form token must outlive the reader cache (a cached page's form still works),
# yet expire; a person takes at least a few seconds to write a comment.
NEWSROOM_COMMENT_TOKEN_MAX_AGE = int(os.environ.get("COMMENT_TOKEN_MAX_AGE", str(2 * 24 * 3600)))
NEWSROOM_COMMENT_MIN_FILL_SECONDS = int(os.environ.get("COMMENT_MIN_FILL_SECONDS", "3"))
NEWSROOM_COMMENT_FLOOD_SECONDS = 15
# How long a commenter may see their own held comment through the link they were sent to.
NEWSROOM_COMMENT_PREVIEW_SECONDS = 30 * 60
# Behind a proxy or CDN, the request header with the visitor's address, e.g.
# HTTP_X_FORWARDED_FOR; empty: REMOTE_ADDR (the flood rule keys on this address).
NEWSROOM_CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
