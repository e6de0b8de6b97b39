"""Local development: `make run`."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
# Template and code edits do not purge stored pages: the page cache is off unless PAGE_CACHE=on
# (the same parser as everywhere: only the default differs).
NEWSROOM_PAGE_CACHE = env.bool("PAGE_CACHE", default=False)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# runserver answers each request in a new thread: a connection kept open would never be reused.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
