"""Settings shared by every environment; secrets and service addresses come from the environment.

Each integration has its module, read through the one parser in environment.py (`env`):
database.py, cache.py, storage.py, mail.py, tasks.py, security.py. This module gathers them and
holds the rest: the apps, middleware, templates, languages and the site's own switches. The
README's configuration table lists every variable read here (tests/test_settings.py checks it).
"""

from django.utils.translation import gettext_lazy as _

from .cache import *  # noqa: F403
from .database import *  # noqa: F403
from .environment import BASE_DIR, env
from .mail import *  # noqa: F403
from .security import *  # noqa: F403
from .storage import *  # noqa: F403
from .tasks import *  # noqa: F403
from .tasks import task_backend_apps

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
    # Before django_tasks_db: its db_worker command is newsroom's (leased claims).
    "newsroom",
    "django_tasks",
    "newsroom.tasks_app.TasksDatabaseConfig",  # django_tasks_db, its name translated
    "pagecache",
    "articles",
    "pages",
    "comments",
    "wordpress",
    "popularity",
    *task_backend_apps,
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

# Indonesian first, English second. The default language has no URL prefix (WordPress URLs
# keep working); English lives under /en/.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
# locale_vendor: Indonesian for third-party JavaScript that ships none (see its djangojs.po).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")
USE_TZ = True

# While the database cannot be reached, pages answer 503 with this Retry-After (seconds).
NEWSROOM_OUTAGE_RETRY_AFTER = env.int("OUTAGE_RETRY_AFTER", default=30)

# The site itself.
NEWSROOM_SITE_NAME = env.str("SITE_NAME", default="Newsroom")
NEWSROOM_SITE_TAGLINE = env.str("SITE_TAGLINE", default="")
NEWSROOM_PAGE_SIZE = 10
# How long shared caches may keep an anonymous reader page (seconds). A scheduled article
# shortens it so that no cache hides the article past its publication time.
NEWSROOM_READER_CACHE_SECONDS = env.int("READER_CACHE_SECONDS", default=300)
# The home page's "Most read" covers this many hours, "Most commented" this many days; both
# lists are recomputed at most every NEWSROOM_POPULAR_REFRESH seconds (kept in the cache).
NEWSROOM_POPULAR_HOURS = env.int("POPULAR_HOURS", default=48)
NEWSROOM_POPULAR_COMMENT_DAYS = env.int("POPULAR_COMMENT_DAYS", default=7)
NEWSROOM_POPULAR_REFRESH = env.int("POPULAR_REFRESH", default=300)
# Today's set of readers already counted (salted hashes, in the database) holds at most this
# many; past it, further first reads are not counted until the next day.
NEWSROOM_READS_PER_DAY = env.int("READS_PER_DAY", default=500000)

# Discovery: search, feeds, structured data.
# PostgreSQL text search configuration for the stored search vector and the queries: it follows
# the site's language. After changing it run `manage.py rebuild_search_index`.
NEWSROOM_SEARCH_CONFIG = env.str("SEARCH_CONFIG", default="") or (
    "english" if LANGUAGE_CODE.startswith("en") else "indonesian"
)
# Longer queries are cut to this many characters (and the reader is told).
NEWSROOM_SEARCH_MAX_LENGTH = 200
# The longest article body (characters of HTML) and excerpt the desk and its autosave take: far
# past any story (a long read is ~60,000), short of what makes sanitizing one request slow.
NEWSROOM_BODY_MAX_LENGTH = 200_000
NEWSROOM_EXCERPT_MAX_LENGTH = 5_000
# A search lists the best matches among the newest this many (ranking every match of a common
# word in 100,000 articles would read all their vectors); the reader is told when more matched.
NEWSROOM_SEARCH_RESULTS = env.int("SEARCH_RESULTS", default=200)
NEWSROOM_FEED_ITEMS = env.int("FEED_ITEMS", default=10)
# The publisher's logo in structured data (a static file; Google wants a raster image).
NEWSROOM_PUBLISHER_LOGO = "img/logo.png"

TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Django's own logging stays underneath (disable_existing_loggers False): its "django"
    # logger mails every 500, with the traceback, to ADMINS (AdminEmailHandler) when DEBUG is off.
    "loggers": {"django.server": {"level": "INFO"}},
}

# Comments. The form token must outlive the reader cache (a cached page's form still works),
# yet expire; a person takes at least a few seconds to write a comment.
NEWSROOM_COMMENT_TOKEN_MAX_AGE = env.int("COMMENT_TOKEN_MAX_AGE", default=2 * 24 * 3600)
# A page's form token is as old as the stored page: the page cache keeps pages half as long.
NEWSROOM_PAGE_CACHE_SECONDS = min(NEWSROOM_PAGE_CACHE_SECONDS, NEWSROOM_COMMENT_TOKEN_MAX_AGE // 2)  # noqa: F405
NEWSROOM_COMMENT_MIN_FILL_SECONDS = env.int("COMMENT_MIN_FILL_SECONDS", default=3)
NEWSROOM_COMMENT_FLOOD_SECONDS = 15
# How long a commenter may see their own held comment through the link they were sent to.
NEWSROOM_COMMENT_PREVIEW_SECONDS = 30 * 60
