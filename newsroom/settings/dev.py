"""Local development: `make run`."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
# Template and code edits do not purge stored pages: the page cache is off unless PAGE_CACHE=on.
NEWSROOM_PAGE_CACHE = env_bool("PAGE_CACHE", False)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# runserver answers each request in a new thread: a connection kept open would never be reused.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
