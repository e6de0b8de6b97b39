"""Where a page's time goes, in this process (PAGE_CACHE off): prints {path: [cpu_ms, sql_ms]}
as JSON, each the median of BENCH_CPU_REQUESTS (20) after 3 warm-ups: the Python CPU time of a
request, and the wall time of its SQL queries (the database's work, as the client waits for
it). A busy machine inflates both far less than it inflates a request's wall time."""

import json
import os
import statistics
import sys
import time

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402


class SqlTimer:
    """connection.execute_wrapper: the wall time of every query, to the microsecond."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def main(paths):
    client = Client(HTTP_HOST="127.0.0.1")
    requests = int(os.environ.get("BENCH_CPU_REQUESTS", "20"))
    result = {}
    for path in paths:
        for _ in range(3):
            client.get(path)
        cpu, sql = [], []
        for _ in range(requests):
            timer = SqlTimer()
            with connection.execute_wrapper(timer):
                started = time.process_time()
                client.get(path)
                cpu.append(time.process_time() - started)
            sql.append(timer.seconds)
        result[path] = [round(statistics.median(v) * 1000, 1) for v in (cpu, sql)]
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
