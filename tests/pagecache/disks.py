"""A real full file system: a small tmpfs, mounted for the test and filled to the last byte."""

import contextlib
import errno
import subprocess
import tempfile
from pathlib import Path


@contextlib.contextmanager
def small_disk(path, size="512k"):
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


def fill(disk):
    """Write a new filler file until the disk refuses (ENOSPC); returns it (delete it to free)."""
    fd, name = tempfile.mkstemp(dir=disk, prefix="filler-")
    filler = Path(name)
    with open(fd, "wb", buffering=0) as out:
        while True:
            try:
                out.write(b"\0" * 4096)
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise
                return filler
