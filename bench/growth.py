"""`make bench-growth`: the reader pages at two sizes on PostgreSQL, the page cache off.

Size A (1,000 articles, 20,000 comments) and size B (100,000 articles, 1,000,000 comments) are
built by bench/populate.py (INSERT ... SELECT generate_series) in the databases named by
GROWTH_DATABASE_URL_A and GROWTH_DATABASE_URL_B (postgres://postgres@127.0.0.1:5432/
newsroom_growth_a and ..._b), then VACUUM ANALYZE'd. Building drops and creates those
databases. One that already holds its size is kept (GROWTH_REBUILD=1 builds it again);
GROWTH_SIZES=A or B measures one size.

Each size is served by its own gunicorn (2 sync workers, production settings, PAGE_CACHE=off)
on 127.0.0.1, both at once (on ports the OS assigns; BENCH_PORT and the next one if set); each
page is fetched twice to warm up, then GROWTH_REQUESTS (20) times, alternating between the
sizes (a busy machine slows both alike): the p50 and the slowest (ms), the SQL queries of one
request (bench/queries.py), its Python CPU time and SQL time in one process (bench/work.py:
what a busy machine inflates least) and each worker's peak RSS (VmHWM) at the end. Prints a
Markdown table and writes it to bench-results/growth-<time>.md.
"""

import contextlib
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.demo_server import (  # noqa: E402
    BIN,
    SEED_PATH,
    gunicorn_process,
    manage,
    production_env,
)

PORT = int(os.environ.get("BENCH_PORT", "0"))  # 0: ports the OS assigns
REQUESTS = int(os.environ.get("GROWTH_REQUESTS", "20"))
SIZES = {
    "A": (1_000, 20_000, "postgres://postgres@127.0.0.1:5432/newsroom_growth_a"),
    "B": (100_000, 1_000_000, "postgres://postgres@127.0.0.1:5432/newsroom_growth_b"),
}


def database_url(size):
    return os.environ.get(f"GROWTH_DATABASE_URL_{size}", SIZES[size][2])


def query(url, sql):
    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(sql)
        return cursor.fetchall() if cursor.description else []


def holds(url, articles):
    """Whether the database at `url` already holds the size (its filler articles)."""
    try:
        rows = query(url, "SELECT count(*) FROM articles_article WHERE slug LIKE 'artikel-peng%'")
    except psycopg.Error:
        return False
    return rows[0][0] == articles


def build(size, env):
    articles, comments, url = SIZES[size][0], SIZES[size][1], database_url(size)
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    started = time.monotonic()
    manage(env, "migrate", "--noinput")
    subprocess.run(
        [str(BIN / "python"), "bench/populate.py"], cwd=ROOT, check=True,
        env={**env, "BENCH_ARTICLES": str(articles), "BENCH_COMMENTS": str(comments)},
    )  # fmt: skip
    query(url, "VACUUM ANALYZE")
    print(f"== size {size} built in {time.monotonic() - started:.0f} s", flush=True)


def pages(url):
    """(label, path) of the pages measured, found in the database of one size."""
    author = query(
        url,
        "SELECT p.slug FROM articles_authorprofile p JOIN auth_user u ON u.id = p.user_id "
        "WHERE u.username = 'rina'",
    )[0][0]
    hot = query(
        url,
        "SELECT to_char(published_at AT TIME ZONE 'Asia/Jakarta', 'YYYY/MM/DD/') || slug "
        "FROM articles_article WHERE slug = 'artikel-pengisi-1'",
    )[0][0]
    month = query(url, "SELECT to_char(now() AT TIME ZONE 'Asia/Jakarta', 'YYYY/MM')")[0][0]
    return [
        ("home", "/"),
        ("home, page 50", "/page/50/"),
        ("home, page 500", "/page/500/"),
        ("category with sub-category", "/category/olahraga/"),
        ("tag (30% of articles)", "/tag/umum/"),
        ("author (30% of articles)", f"/author/{author}/"),
        ("year archive", f"/{month[:4]}/"),
        ("month archive", f"/{month}/"),
        ("seed article, 200 comments", SEED_PATH),
        ("article, 5,000 comments", f"/{hot}/"),
        ("feed", "/feed/"),
        ("search, common word", "/search/?q=pemerintah"),
        ("sitemap index", "/sitemap.xml"),
        ("article sitemap", "/sitemap-articles.xml"),
    ]


def timed(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = response.read()
        status = response.status
    return (time.perf_counter() - started) * 1000, status, len(body)


def peak_rss_mb(master, field="VmHWM"):
    """Each gunicorn worker's peak resident memory (VmHWM; or `field`, e.g. VmRSS now), MB."""
    peaks = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != master:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError):
            continue
        for line in status.splitlines():
            if line.startswith(f"{field}:"):
                peaks.append(round(int(line.split()[1]) / 1024))
    return sorted(peaks)


def measure(envs):
    """Every size served at once (each on its own port), each page's requests alternating
    between them: a busy machine slows both sizes alike, so B/A stays meaningful."""
    sizes = list(envs)
    paths = {size: pages(database_url(size)) for size in sizes}
    servers, bases = {}, {}
    rows = {size: {} for size in sizes}
    with contextlib.ExitStack() as running:
        for n, size in enumerate(sizes):
            bases[size], servers[size] = running.enter_context(
                gunicorn_process(PORT and PORT + n, envs[size])
            )
            print(f"== size {size} at {bases[size]}/", flush=True)
        for index, (label, _path) in enumerate(paths[sizes[0]]):
            live, first, times = [], {}, {}
            for size in sizes:
                path = paths[size][index][1]
                try:
                    first[size] = timed(bases[size] + path)[0]
                except urllib.error.HTTPError as error:  # /page/500/ at size A: no such page
                    rows[size][label] = {"path": path, "status": error.code}
                    continue
                timed(bases[size] + path)
                live.append(size)
                times[size] = []
            for _ in range(REQUESTS):
                for size in live:
                    ms, status, size_bytes = timed(bases[size] + paths[size][index][1])
                    times[size].append(ms)
            for size in live:
                rows[size][label] = {
                    "path": paths[size][index][1],
                    "status": status,
                    "bytes": size_bytes,
                    "first_ms": round(first[size], 1),
                    "p50_ms": round(statistics.median(times[size]), 1),
                    "max_ms": round(max(times[size]), 1),
                }
                print(f"== {size} {label}: {rows[size][label]}", flush=True)
        rss = {size: peak_rss_mb(servers[size].pid) for size in sizes}
    results = {}
    for size in sizes:
        out = subprocess.run(
            [str(BIN / "python"), "bench/queries.py", *(path for _label, path in paths[size])],
            cwd=ROOT, env=envs[size], capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        counts = json.loads(out)
        out = subprocess.run(
            [str(BIN / "python"), "bench/work.py", *(path for _label, path in paths[size])],
            cwd=ROOT, env=envs[size], capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        work = json.loads(out)
        for label, path in paths[size]:
            found = "p50_ms" in rows[size][label]
            rows[size][label]["queries"] = counts[path] if found else None
            rows[size][label]["cpu_ms"], rows[size][label]["sql_ms"] = work[path]
        results[size] = {"pages": rows[size], "rss_mb": rss[size]}
    return results


def report(results, started, load):
    sizes = list(results)
    head = f"Newsroom growth bench, {started:%Y-%m-%d %H:%M} UTC, {platform.node()}: "
    head += f"{os.cpu_count()} cores shared, load average {load:.1f} at the start. "
    head += "PostgreSQL, gunicorn 2 sync workers, production settings, PAGE_CACHE=off; "
    head += f"p50 of {REQUESTS} sequential requests after two warm-ups (ms). "
    head += ", ".join(f"{s}: {SIZES[s][0]:,} articles, {SIZES[s][1]:,} comments" for s in sizes)
    lines = [head + ". Command: make bench-growth (bench/growth.py).", ""]
    columns = [f"{s} p50 (first)" for s in sizes] + (["B/A"] if len(sizes) == 2 else [])
    columns += [f"{s} queries" for s in sizes] + [f"{s} CPU + SQL ms" for s in sizes]
    lines += ["| page | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for label in results[sizes[0]]["pages"]:
        rows = [results[s]["pages"][label] for s in sizes]
        cells = [
            f"{r['p50_ms']:,.1f} ({r['first_ms']:,.0f})" if "p50_ms" in r else f"{r['status']}"
            for r in rows
        ]
        if len(rows) == 2:
            both = all("p50_ms" in r for r in rows)
            cells.append(f"{rows[1]['p50_ms'] / rows[0]['p50_ms']:.2f}x" if both else "-")
        cells += [str(r["queries"] if r["queries"] is not None else "-") for r in rows]
        cells += [f"{r['cpu_ms']} + {r['sql_ms']}" if "p50_ms" in r else "-" for r in rows]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("")
    for s in sizes:
        lines.append(f"Peak RSS per worker at {s}: {', '.join(map(str, results[s]['rss_mb']))} MB.")
    return "\n".join(lines) + "\n"


def main():
    started = datetime.datetime.now(datetime.UTC)
    load = os.getloadavg()[0]
    envs = {}
    with tempfile.TemporaryDirectory(prefix="newsroom-growth-") as tmp:
        for size in os.environ.get("GROWTH_SIZES", "A,B").split(","):
            env = production_env(tmp, DATABASE_URL=database_url(size), PAGE_CACHE="off")
            if os.environ.get("GROWTH_REBUILD") or not holds(database_url(size), SIZES[size][0]):
                build(size, env)
            envs[size] = env
        manage(env, "collectstatic", "--noinput")
        results = measure(envs)
    text = report(results, started, load)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    path = out / f"growth-{started:%Y%m%d-%H%M%S}.md"
    path.write_text(text)
    print(text)
    print(f"Written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
