"""SQL queries per page for `make bench`: prints {path: count} as JSON (the environment's site)."""

import json
import sys

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main(paths):
    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for path in paths:
        client.get(path)  # the first request fills the small caches (settings, footer)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        counts[path] = len(queries)
    print(json.dumps(counts))


if __name__ == "__main__":
    main(sys.argv[1:])
