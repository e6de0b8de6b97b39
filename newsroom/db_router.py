"""Reads from the read replica, writes to the primary, and nobody loses sight of their own write.

Configured by the environment only: with `DATABASE_REPLICA_URL` set, the `replica` database
exists and `NEWSROOM_READ_FROM_REPLICA` is on (newsroom/settings/base.py). Then:

- writes, and every read inside a transaction on the primary, go to the primary;
- a request pinned to the primary reads from it too: a POST (or any unsafe method), and the
  requests of whoever made one in the last `NEWSROOM_PRIMARY_STICKY_SECONDS` (a short-lived
  cookie set on the POST's own response, so cached reader pages never carry it). A commenter
  redirected to their held comment, an editor back on the list after saving, read what they
  just wrote even while the replica lags;
- other reads go to the replica while it answers. Its connection is checked once per request
  (Django's health check, with a short connect_timeout); when it fails, reads go to the primary
  and the replica is not tried again for `NEWSROOM_REPLICA_RETRY_SECONDS`.

The pin is a context variable, so it holds for one request in a thread or an asyncio task.
"""

import contextvars
import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
COOKIE = "newsroom_primary"

_pinned = contextvars.ContextVar("newsroom_pinned_to_primary", default=False)
# This process's memory of a failed replica: no new attempt before this time.time().
_replica_down_until = 0.0


@contextmanager
def pinned_to_primary():
    """Every read inside goes to the primary (a request that wrote, or will)."""
    token = _pinned.set(True)
    try:
        yield
    finally:
        _pinned.reset(token)


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


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return None  # related objects come from where their instance came from
        if not replica_enabled():
            return None
        if _pinned.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA if replica_available() else PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class PrimaryAfterWriteMiddleware:
    """Pins a request to the primary when it writes or its sender wrote a moment ago.

    Goes before any middleware that reads the database (sessions, authentication). The cookie
    is set only on responses to unsafe methods (a POST and its redirect), never on a GET, so
    anonymous reader pages stay cookie-free and cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_enabled():
            return self.get_response(request)
        writes = request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
        if not writes and COOKIE not in request.COOKIES:
            return self.get_response(request)
        with pinned_to_primary():
            response = self.get_response(request)
        if writes:
            response.set_cookie(
                COOKIE,
                "1",
                max_age=settings.NEWSROOM_PRIMARY_STICKY_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
