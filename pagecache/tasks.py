"""The BAN to the cache in front, sent by the task worker and retried with back-off.

While Varnish (or a CDN's purge endpoint) does not answer, its copies of changed pages stay
until their s-maxage ends; each failed BAN is tried again after
NEWSROOM_PAGE_CACHE_PURGE_RETRY_SECONDS doubling (capped at NEWSROOM_MAIL_RETRY_MAX_SECONDS'
hour), NEWSROOM_PAGE_CACHE_PURGE_ATTEMPTS times in all. A BAN is idempotent: one sent twice
bans nothing more.
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import backends

logger = logging.getLogger(__name__)


def retry_delay(attempt):
    """Seconds to wait after failed attempt `attempt` (1, 2, ...): doubling, capped."""
    base = settings.NEWSROOM_PAGE_CACHE_PURGE_RETRY_SECONDS
    return min(base * 2 ** (attempt - 1), settings.NEWSROOM_PAGE_CACHE_PURGE_RETRY_MAX_SECONDS)


@task()
def ban(keys, attempt=1):
    """BAN `keys` at the cache in front; when it does not answer, queue another try later."""
    try:
        backends.send(keys)
    except OSError as error:
        problem = f"{type(error).__name__}: {error}"
    else:
        return True
    url = settings.NEWSROOM_PAGE_CACHE_PURGE_URL
    last = attempt >= settings.NEWSROOM_PAGE_CACHE_PURGE_ATTEMPTS
    if last or not ban.get_backend().supports_defer:
        # The pages stay in the cache in front until their s-maxage ends; say so.
        logger.error("page cache: purge at %s failed (attempt %d, %s); giving up.",
                     url, attempt, problem)  # fmt: skip
        return False
    delay = retry_delay(attempt)
    logger.warning("page cache: purge at %s failed (attempt %d, %s); trying again in %d s.",
                   url, attempt, problem, delay)  # fmt: skip
    later = ban.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
    later.enqueue(keys, attempt + 1)
    return False
