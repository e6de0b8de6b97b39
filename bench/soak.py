"""`make bench-soak`: does a worker's memory grow under a long load? The page cache off.

Serves size B of `make bench-growth` (100,000 articles, 1,000,000 comments on PostgreSQL; built
by `make bench-growth` first, GROWTH_DATABASE_URL_B) with gunicorn (2 sync workers, production
settings, PAGE_CACHE=off) and loads it for SOAK_SECONDS (300) with wrk (-t2 -c8), every reader
page of the growth bench in turn (a Lua script walks the list), while each worker's resident
memory (VmRSS) is read every SOAK_EVERY seconds (30). Then the same pages in one process under
tracemalloc (bench/memory.py, SOAK_ROUNDS rounds): whether Python's own memory grows, apart from
what the allocator keeps. Prints a Markdown table and writes it to bench-results/soak-<time>.md.
"""

import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.growth import SIZES, database_url, holds, pages, peak_rss_mb  # noqa: E402
from scripts.demo_server import BIN, gunicorn_process, production_env  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "0"))  # 0: a port the OS assigns
SECONDS = int(os.environ.get("SOAK_SECONDS", "300"))
EVERY = int(os.environ.get("SOAK_EVERY", "30"))

WALK = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def main():
    url = database_url("B")
    if not holds(url, SIZES["B"][0]):
        sys.exit("Size B is not built: run make bench-growth first (GROWTH_DATABASE_URL_B).")
    paths = [path for _, path in pages(url)]
    with tempfile.TemporaryDirectory(prefix="newsroom-soak-") as tmp:
        script = Path(tmp) / "walk.lua"
        script.write_text(WALK % ", ".join(f'"{path}"' for path in paths))
        env = production_env(tmp, DATABASE_URL=url, PAGE_CACHE="off")
        with gunicorn_process(PORT, env) as (base_url, server):
            print(f"== gunicorn at {base_url}/", flush=True)
            master = server.pid
            load = subprocess.Popen(
                ["wrk", "-t2", "-c8", f"-d{SECONDS}s", "-s", str(script), base_url],
                stdout=subprocess.PIPE, text=True,
            )  # fmt: skip
            samples, started = [], time.monotonic()
            while load.poll() is None:
                samples.append((round(time.monotonic() - started), peak_rss_mb(master, "VmRSS")))
                time.sleep(EVERY)
            summary = load.stdout.read()
            peaks = peak_rss_mb(master)
        # The same pages in one process under tracemalloc: does Python's own memory grow?
        walk = subprocess.run(
            [BIN / "python", "bench/memory.py", *paths],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        in_process = [json.loads(line) for line in walk.splitlines() if line.startswith("[")]
    now = datetime.datetime.now(datetime.UTC)
    lines = [
        f"Newsroom soak bench, {now:%Y-%m-%d %H:%M} UTC, load average "
        f"{os.getloadavg()[0]:.1f} at the end. Size B on PostgreSQL, gunicorn 2 sync workers, "
        f"production settings, PAGE_CACHE=off; wrk -t2 -c8 -d{SECONDS}s over {len(paths)} "
        "reader pages in turn. Command: make bench-soak (bench/soak.py).",
        "",
        "| seconds | worker RSS (MB) |",
        "|---|---|",
        *(f"| {at} | {', '.join(map(str, rss))} |" for at, rss in samples),
        "",
        f"Peak RSS per worker (VmHWM): {', '.join(map(str, peaks))} MB.",
        "",
        f"The same pages in one process, {len(paths)} requests a round (bench/memory.py, "
        "tracemalloc on):",
        "",
        "| round | RSS (MB, tracemalloc's records included) | traced by Python (MB) | objects |",
        "|---|---|---|---|",
        *(f"| {n} | {rss} | {traced} | {objects:,} |" for n, rss, traced, objects in in_process),
        "",
        "```",
        summary.strip(),
        "```",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    out = ROOT / "bench-results" / f"soak-{now:%Y%m%d-%H%M%S}.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report)
    print(f"Written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
