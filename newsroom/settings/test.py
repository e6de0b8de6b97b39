"""The test suite: fast hashing, local memory cache, in-memory email, no network."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The read replica is the test database itself (Django's test mirror); routing to it is off but
# for the router's own tests, which turn NEWSROOM_READ_FROM_REPLICA on.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
NEWSROOM_READ_FROM_REPLICA = False
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
NEWSROOM_PAGE_CACHE = True
NEWSROOM_PAGE_CACHE_PURGE_URL = ""
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, after commit; tests of the worker switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
NEWSROOM_SERVE_MEDIA = True  # the browser tests' live server shows the demo pictures
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "CRITICAL"}}
# Static files from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The login throttle is off except in tests/security/test_login_throttle.py, which turns it on:
# other tests log in with client.login() (no request for axes to key on) and need no extra queries.
AXES_ENABLED = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A database file, as in production: SQLite's file locks (BEGIN IMMEDIATE and the busy
    # timeout) are what serialize simultaneous writers, and the race tests need them; the
    # shared-cache in-memory database refuses a second writer at once ("table is locked").
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405
