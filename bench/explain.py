"""Where a page's SQL time goes: `python bench/explain.py PATH...` with DATABASE_URL set.

Renders each path in-process (the page cache off), then prints every query of the second
request with its time, and EXPLAIN (ANALYZE, BUFFERS) of those slower than EXPLAIN_MS (5 ms).
"""

import os
import sys

import django

os.environ["PAGE_CACHE"] = "off"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SLOW_MS = float(os.environ.get("EXPLAIN_MS", "5"))


def main(paths):
    client = Client(HTTP_HOST="127.0.0.1")
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        print(f"== {path}: {status}, {len(queries)} queries")
        for entry in queries.captured_queries:
            ms = float(entry["time"]) * 1000
            print(f"-- {ms:.1f} ms: {entry['sql'][:300]}")
            if ms >= SLOW_MS and entry["sql"].startswith("SELECT"):
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + entry["sql"])
                    print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main(sys.argv[1:])
