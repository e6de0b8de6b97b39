"""CPU milliseconds per page, rendered in this process (PAGE_CACHE off): a figure that a busy
machine disturbs far less than requests/s. Run with the bench's environment (bench/run.py does);
prints {path: ms} as JSON, each the mean of BENCH_CPU_REQUESTS (20) after 3 warm-up requests."""

import json
import os
import sys
import time

import django

django.setup()

from django.test import Client  # noqa: E402


def main(paths):
    client = Client(HTTP_HOST="127.0.0.1")
    requests = int(os.environ.get("BENCH_CPU_REQUESTS", "20"))
    result = {}
    for path in paths:
        for _ in range(3):
            client.get(path)
        started = time.process_time()
        for _ in range(requests):
            client.get(path)
        result[path] = round((time.process_time() - started) / requests * 1000, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
