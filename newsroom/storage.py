"""Media on this machine's disk, never left half-written."""

import os

from django.core.files.storage import FileSystemStorage


class WholeFileStorage(FileSystemStorage):
    """Django's FileSystemStorage writes an upload in chunks to its final name; a disk that
    fills up midway leaves a truncated file there. Here such a file is removed before the error
    goes on (the form says the disk is full: articles.forms)."""

    def _save(self, name, content):
        path = self.path(name)
        existed = os.path.lexists(path)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed and os.path.lexists(path):
                os.remove(path)
            raise
