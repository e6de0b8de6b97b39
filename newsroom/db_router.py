"""Reads from the read replica, writes to the primary, and nobody loses sight of their own write.

Configured by the environment only: with `DATABASE_REPLICA_URL` set, the `replica` database
exists and `NEWSROOM_READ_FROM_REPLICA` is on (newsroom/settings/database.py). Then:

- only a reader's request reads from the replica: a GET or HEAD from someone who has not
  written in the last `NEWSROOM_PRIMARY_STICKY_SECONDS`;
- a write request (a POST...) and the requests of whoever made one a moment ago (a short-lived
  cookie set on the write's own response, so cached reader pages never carry it) read from the
  primary: a commenter redirected to their held comment, an editor back on the list after
  saving, see what they just wrote even while the replica lags;
- so do reads inside a transaction on the primary, and everything outside a request (the task
  worker, management commands), which mostly act on what was just written;
- and so does every request for a few seconds after pages changed (a page cache purge): what
  it renders is stored as current, so it must not come from a replica that lags;
- the replica's connection is checked once per request (Django's health check, a short
  connect_timeout); when it fails, reads go to the primary and the replica is not tried again
  for `NEWSROOM_REPLICA_RETRY_SECONDS`.

The choice is a context variable, so it holds for one request in a thread or an asyncio task.
"""

import contextvars
import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connections

import pagecache

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
COOKIE = "newsroom_primary"

_replica_allowed = contextvars.ContextVar("newsroom_replica_allowed", default=False)
# This process's memory of a failed replica: no new attempt before this time.time().
_replica_down_until = 0.0


@contextmanager
def reads_from_replica():
    """Reads inside may go to the replica (a reader's request that wrote nothing lately)."""
    token = _replica_allowed.set(True)
    try:
        yield
    finally:
        _replica_allowed.reset(token)


def replica_enabled():
    return settings.NEWSROOM_READ_FROM_REPLICA and REPLICA in connections.settings


def replica_available():
    """True when the replica answers; a failure is remembered for a few seconds."""
    global _replica_down_until
    if time.time() < _replica_down_until:
        return False
    connection = connections[REPLICA]
    try:
        # A persistent connection is checked once per request; a new one connects and answers
        # one query now (SQLite, for one, only fails on the first query).
        connection.close_if_health_check_failed()
        if connection.connection is None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
    except DatabaseError as exc:
        _replica_down_until = time.time() + settings.NEWSROOM_REPLICA_RETRY_SECONDS
        logger.warning(
            "read replica unavailable, reading from the primary for %ss: %s",
            settings.NEWSROOM_REPLICA_RETRY_SECONDS,
            exc,
        )
        connection.close()
        return False
    return True


def forget_replica_failure():
    global _replica_down_until
    _replica_down_until = 0.0


def changed_lately():
    """Something shown on pages changed within the replica's lag (a page cache purge).

    A page or fragment rendered now is stored as current until the next purge, so it must not
    come from a replica that has not replayed the change yet: it is read from the primary.
    Under a stream of changes the replica does less, and no cache keeps a stale page."""
    elapsed = time.time() - pagecache.last_purge()
    return elapsed < settings.NEWSROOM_PRIMARY_STICKY_SECONDS


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return None  # related objects come from where their instance came from
        if not replica_enabled():
            return None
        if not _replica_allowed.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA if replica_available() else PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class PrimaryAfterWriteMiddleware:
    """Lets a reader's request read from the replica; pins whoever writes to the primary.

    Goes before any middleware that reads the database (sessions, authentication). The cookie
    is set only on responses to unsafe methods (a POST and its redirect), never on a GET, so
    anonymous reader pages stay cookie-free and cacheable; nor on a 204 (the read-counting
    beacon leads nowhere and promises readers no cookie) or a refusal (4xx: nothing written).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_enabled():
            return self.get_response(request)
        if request.method in ("GET", "HEAD", "OPTIONS"):
            if COOKIE in request.COOKIES or changed_lately():
                return self.get_response(request)  # the replica may not have it yet
            with reads_from_replica():
                return self.get_response(request)
        response = self.get_response(request)
        if response.status_code == 204 or response.status_code >= 400:
            # Nothing to read next (a beacon), or nothing was written: no pin, no cookie.
            return response
        response.set_cookie(
            COOKIE,
            "1",
            max_age=settings.NEWSROOM_PRIMARY_STICKY_SECONDS,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response
