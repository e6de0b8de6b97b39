"""The page cache's files: Django's FileBasedCache, culled now and then, not on every write, and
never failing a request when its disk is full."""

import logging
import random
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

logger = logging.getLogger(__name__)


class PageFileCache(FileBasedCache):
    """Django's file cache lists its whole folder on every write to decide whether to cull, so a
    purge of N keys cost N listings of every stored page (an import of 100 WordPress posts spent
    97% of its time there). Here the check runs on about one write in `cull_every`.

    A write the disk cannot take (full, `OSError` 28; read-only; quota) is dropped, and the
    key's old value is deleted with it (deleting needs no space): a purge's new generation or
    epoch that cannot be written must not leave the old one current. Pages are then served
    uncached (no epoch: nothing is stored or found) until writes succeed
    again; logged once a minute at most."""

    cull_every = 200
    log_every = 60  # seconds: a disk that stays full is not logged on every request
    _logged_at = None
    _lock = threading.Lock()

    def _cull(self):
        if random.randrange(self.cull_every) == 0:
            super()._cull()

    def _store(self, key, value, timeout, version):
        try:
            super().set(key, value, timeout, version)
        except OSError as error:
            self.delete(key, version=version)
            now = time.monotonic()
            with self._lock:
                last = PageFileCache._logged_at
                if last is None or now - last >= self.log_every:
                    PageFileCache._logged_at = now
                    logger.error("page cache at %s cannot store (%s): serving pages uncached",
                                 self._dir, error)  # fmt: skip
            return False
        return True

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._store(key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """The keys that could not be stored (Django's set_many contract)."""
        return [key for key, value in data.items() if not self._store(key, value, timeout, version)]

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self.has_key(key, version):
            return False
        return self._store(key, value, timeout, version)
