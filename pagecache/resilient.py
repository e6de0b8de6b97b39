"""Django's Redis cache, made to degrade instead of failing the request when Redis is lost.

Every cache touch on the request path (stored pages, fragments, kept counts, the discussion
settings, sessions' cached copies, the read beacon's once-a-day marks) goes through Django's
cache API, so the rule is made once, here: while Redis does not answer, a read is a miss and a
write is dropped, and the site renders from the database as if the cache were empty. Reader
pages keep answering; a comment is stored and answered as stored; an editor's session is read
from the database (`cached_db`). The read beacon then counts nothing (it cannot tell a repeat).

After the first failure Redis is left alone for `RETRY_SECONDS` (answers come at once, not
after a timeout each). Writes dropped meanwhile may have been purges or deletions (a changed
article, an approved comment, a signed-out session), so when Redis answers again this process
first deletes every key of this cache (those under its KEY_PREFIX and VERSION, never another
program's, such as RQ's queues): nothing stale survives the outage. Logged once per outage.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 1.0
SCAN_BATCH = 1000


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = None  # time.monotonic() until which Redis is not tried
        self._lost_writes = False
        self._lock = threading.Lock()

    def _run(self, write, default, method, *args, **kwargs):
        if self._down_until is not None and time.monotonic() < self._down_until:
            self._lost_writes = self._lost_writes or write
            return default
        try:
            if self._lost_writes:
                self._forget_everything()
            result = method(*args, **kwargs)
        except (RedisError, OSError) as error:
            with self._lock:
                if self._down_until is None:
                    logger.error("cache at %s lost (%s): serving without it",
                                 self._servers[0], error)  # fmt: skip
                self._down_until = time.monotonic() + RETRY_SECONDS
                self._lost_writes = self._lost_writes or write
            return default
        if self._down_until is not None:
            with self._lock:
                if self._down_until is not None:
                    self._down_until = None
                    logger.warning("cache at %s answers again", self._servers[0])
        return result

    def _forget_everything(self):
        """Delete this cache's own keys (writes were dropped while Redis was away)."""
        with self._lock:
            if not self._lost_writes:
                return
            client = self._cache.get_client(write=True)
            batch = []
            for key in client.scan_iter(match=self.make_key("*"), count=SCAN_BATCH):
                batch.append(key)
                if len(batch) >= SCAN_BATCH:
                    client.delete(*batch)
                    batch = []
            if batch:
                client.delete(*batch)
            self._lost_writes = False
            logger.warning("cache at %s: forgot what it held (writes were lost)", self._servers[0])

    def add(self, *args, **kwargs):
        return self._run(True, False, super().add, *args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._run(False, default, super().get, key, default, version)

    def set(self, *args, **kwargs):
        return self._run(True, None, super().set, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._run(True, False, super().touch, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._run(True, False, super().delete, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._run(False, {}, super().get_many, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._run(False, False, super().has_key, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        return self._run(True, list(data), super().set_many, data, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._run(True, None, super().delete_many, *args, **kwargs)
