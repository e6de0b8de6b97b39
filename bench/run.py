"""`make bench`: serve a throwaway copy of the site with gunicorn (production settings) and
measure requests/s and latency of the pages readers hit most. Prints a markdown table and
writes it to bench-results/. Bounded: about two minutes."""

import concurrent.futures
import datetime
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PORT = int(os.environ.get("BENCH_PORT", "8101"))
DURATION = int(os.environ.get("BENCH_SECONDS", "15"))
CONNECTIONS = 16
SEED = "/2026/11/23/rusia-dan-iran-perkuat-aliansi-hadapi-tekanan-as/"
URLS = [
    ("/", "home"),
    (SEED, "article (200 comments)"),
    ("/category/berita-internasional/", "category"),
    ("/feed/", "feed"),
]


def run(*args, env):
    subprocess.run([str(BIN / "python"), *args], cwd=ROOT, env=env, check=True)


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read()
    return time.perf_counter() - started, len(body)


def with_wrk(url):
    subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", "-d3s", url], capture_output=True)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--timeout", "30s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip

    def ms(label):
        value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": ms("50%"),
        "p99": ms("99%"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def with_python(url):
    """No wrk: CONNECTIONS threads fetching for DURATION seconds."""
    deadline = time.monotonic() + DURATION

    def worker():
        times = []
        while time.monotonic() < deadline:
            times.append(fetch(url)[0] * 1000)
        return times

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(CONNECTIONS) as pool:
        results = [f.result() for f in [pool.submit(worker) for _ in range(CONNECTIONS)]]
    times = sorted(t for r in results for t in r)
    return {
        "rps": len(times) / (time.monotonic() - started),
        "p50": statistics.median(times),
        "p99": times[min(len(times) - 1, int(len(times) * 0.99))],
        "errors": 0,
    }


def main():
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "MEDIA_ROOT": str(workdir / "media"),
    }
    base = f"http://127.0.0.1:{PORT}"
    try:
        fetch(base + "/")
    except (urllib.error.URLError, ConnectionError):
        pass
    else:
        sys.exit(f"Port {PORT} is already serving something; stop it or set BENCH_PORT.")
    server = None
    try:
        print("== building a throwaway database", flush=True)
        run("manage.py", "migrate", "--noinput", "-v0", env=env)
        run("manage.py", "collectstatic", "--noinput", "-v0", env=env)
        run("bench/populate.py", env=env)
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "newsroom.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}",
             "--log-level", "warning"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        for _ in range(300):
            if server.poll() is not None:
                sys.exit("gunicorn did not start.")
            try:
                fetch(base + "/")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        tool = "wrk" if shutil.which("wrk") else "python"
        rows = []
        for path, label in URLS:
            try:
                single = sorted(fetch(base + path) for _ in range(5))
            except urllib.error.HTTPError as exc:
                print(f"== {path}: HTTP {exc.code}, skipped", flush=True)
                continue
            print(f"== {label}: {tool}, {CONNECTIONS} connections, {DURATION}s", flush=True)
            result = (with_wrk if tool == "wrk" else with_python)(base + path)
            rows.append((path, label, single[2][1], single[2][0] * 1000, result))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
    table = [
        f"Newsroom bench, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC: gunicorn "
        f"2 workers, production settings, SQLite; {tool} -c{CONNECTIONS} -d{DURATION}s "
        f"(server and load share {os.cpu_count()} cores).",
        "",
        "| URL | bytes | single request ms (median of 5) | req/s | p50 ms | p99 ms | non-2xx |",
        "|---|---|---|---|---|---|---|",
    ]
    for path, label, size, single_ms, r in rows:
        table.append(
            f"| `{path}` ({label}) | {size:,} | {single_ms:.1f} | {r['rps']:.1f} | "
            f"{r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} |"
        )
    text = "\n".join(table) + "\n"
    out_dir = ROOT / "bench-results"
    out_dir.mkdir(exist_ok=True)
    out_file = out_dir / f"{datetime.datetime.now().astimezone():%Y%m%d-%H%M%S}.md"
    out_file.write_text(text)
    print(text)
    print(f"Written to {out_file.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
