"""Part of `make bench-soak`: the given pages requested in turn in this one process, through the
whole WSGI application, SOAK_ROUNDS (200) times, under tracemalloc. Every 25 rounds it prints a
JSON line: the round, the process's RSS (MB), the memory Python's objects hold (traced, MB) and
the number of objects the garbage collector tracks. A leak grows the last two; memory the
allocator keeps after large pages shows in RSS only."""

import gc
import io
import json
import os
import sys
import tracemalloc

import django

django.setup()

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return 0


def request(application, path):
    address, _sep, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": address, "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr,
    }  # fmt: skip
    body = application(environ, lambda status, headers, exc_info=None: None)
    b"".join(body)
    body.close()


def main(paths):
    application = WSGIHandler()
    rounds = int(os.environ.get("SOAK_ROUNDS", "200"))
    tracemalloc.start()
    for number in range(1, rounds + 1):
        for path in paths:
            request(application, path)
        if number == 1 or number % 25 == 0:
            gc.collect()
            traced, _peak = tracemalloc.get_traced_memory()
            sample = [number, rss_mb(), round(traced / 2**20, 1), len(gc.get_objects())]
            print(json.dumps(sample), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
