"""The page cache's files: Django's FileBasedCache, culled now and then, not on every write."""

import random

from django.core.cache.backends.filebased import FileBasedCache


class PageFileCache(FileBasedCache):
    """Django's file cache lists its whole folder on every write to decide whether to cull, so a
    purge of N keys cost N listings of every stored page (an import of 100 WordPress posts spent
    97% of its time there). Here the check runs on about one write in `cull_every`."""

    cull_every = 200

    def _cull(self):
        if random.randrange(self.cull_every) == 0:
            super()._cull()
