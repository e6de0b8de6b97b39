"""`make bench`: the site under load, beside WordPress and nginx, in one run.

A throwaway SQLite database (or PostgreSQL when BENCH_DATABASE_URL names one) with the seed
article and its 200 comments plus BENCH_ARTICLES filler articles (1,000), served by gunicorn
(2 workers, production settings; scripts/demo_server.py) three ways:

- hit:  the page cache on and warm (what readers get);
- off:  PAGE_CACHE=off (every request renders; the other caches warm);
- cold: PAGE_CACHE=off and CACHE_URL=dummy:// (every cache empty on every request).

Each page is loaded with `wrk -t2 -c16 -d<BENCH_SECONDS>s` (server and load share the machine).
Beside it, when they answer: the WordPress lab (shared/anchors/wordpress, 127.0.0.1:8081) on
the same page types, and nginx serving the article's bytes as a static file (the ceiling).
Writes bench-results/<time>.md and .json and prints the Markdown.
"""

import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.demo_server import (  # noqa: E402
    BIN,
    SEED_PATH,
    gunicorn,
    manage,
    production_env,
)
from scripts.servers import on_port, running  # noqa: E402

# 0 (the default): ports the OS assigns.
PORT = int(os.environ.get("BENCH_PORT", "0"))
NGINX_PORT = int(os.environ.get("BENCH_NGINX_PORT", "0"))
WORDPRESS = os.environ.get("BENCH_WORDPRESS", "http://127.0.0.1:8081")
WORDPRESS_ENV = Path("/var/lib/wplab/article.env")
DURATION = int(os.environ.get("BENCH_SECONDS", "15"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "1000"))
PAGES = [
    ("home", "/"),
    ("article, 200 comments", SEED_PATH),
    ("category", "/category/berita-internasional/"),
    ("tag", "/tag/rusia/"),
    ("feed", "/feed/"),
    ("sitemap of articles", "/sitemap-articles.xml"),
]
ARTICLE = "article, 200 comments"
MODES = [
    ("hit", {"PAGE_CACHE": "on"}),
    ("off", {"PAGE_CACHE": "off"}),
    ("cold", {"PAGE_CACHE": "off", "CACHE_URL": "dummy://"}),
]


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers, response.read()


def wrk(url):
    """req/s, p50 and p99 (ms) and non-2xx count from wrk, after a 3 s warm-up."""
    subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", "-d3s", url], capture_output=True)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--timeout", "30s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip

    def ms(label):
        value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", out).groups()
        return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": ms("50%"),
        "p99": ms("99%"),
        "non2xx": int(errors.group(1)) if errors else 0,
    }


def comment_bytes(html):
    """(bytes of the page's comment list, comments in it): from `<ol class="comment-list"` to
    its own `</ol>`, the same cut on both sites' article pages."""
    text = html.decode("utf-8")
    start = text.find('<ol class="comment-list"')
    if start < 0:
        return None
    depth = 0
    for match in re.finditer(r"<(/?)ol\b", text[start:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            end = start + text.index(">", start + match.end()) + 1
            return len(text[start:end].encode()), text[start:end].count('<li id="comment-')
    return None


def answers(url):
    try:
        fetch(url)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False
    return True


def per_page(script, env):
    """{path: value} from a bench script run in the site's environment."""
    out = subprocess.run(
        [str(BIN / "python"), script, *(path for _label, path in PAGES)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return json.loads(out)


def measure_site(workdir, env):
    results = {label: {} for label, _path in PAGES}
    for mode, overrides in MODES:
        mode_env = {**env, **overrides}
        with gunicorn(PORT, mode_env) as base:
            for label, path in PAGES:
                headers, body = fetch(base + path)
                gz_headers, gz = fetch(base + path, **{"Accept-Encoding": "gzip"})
                print(f"== Newsroom {mode}: {label}", flush=True)
                row = results[label]
                row[mode] = wrk(base + path)
                row.setdefault("bytes", len(body))
                row.setdefault("bytes_gzip", len(gz))
                # What a browser gets on the wire in this mode (gzip when it was compressed).
                row[mode]["wire_bytes"] = len(gz)
                row[mode]["encoding"] = gz_headers.get("Content-Encoding", "identity")
                if label == ARTICLE:
                    row.setdefault("per_comment", comment_bytes(body))
                if mode == "hit":
                    row[mode]["cache"] = headers.get("X-Page-Cache")
            if mode == "hit":
                (workdir / "static").mkdir()
                (workdir / "static" / "article.html").write_bytes(fetch(base + SEED_PATH)[1])
    off = {**env, "PAGE_CACHE": "off"}
    counts, cpu = per_page("bench/queries.py", off), per_page("bench/work.py", off)
    for label, path in PAGES:
        results[label]["queries"] = counts[path]
        results[label]["cpu_ms_off"] = cpu[path][0]  # [CPU ms, SQL ms]
    return results


def measure_nginx(workdir):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        return None
    os.chmod(workdir, 0o755)
    os.chmod(workdir / "static", 0o755)
    conf = workdir / "nginx.conf"
    with on_port(NGINX_PORT) as port:
        conf.write_text(
            f"daemon off; worker_processes 2; pid {workdir}/nginx.pid; error_log stderr;\n"
            "events { worker_connections 256; }\n"
            f"http {{ access_log off; client_body_temp_path {workdir}/tmp;"
            f" server {{ listen 127.0.0.1:{port}; root {workdir}/static;"
            " default_type text/html; } }\n"
        )
        url = f"http://127.0.0.1:{port}/article.html"
        with running([nginx, "-c", str(conf), "-p", str(workdir)], url, seconds=10):
            print(f"== nginx at {url}: the article as a static file", flush=True)
            return wrk(url)


def measure_wordpress():
    if not WORDPRESS_ENV.exists() or not answers(WORDPRESS + "/"):
        return None
    paths = dict(
        line.strip().split("=", 1)
        for line in WORDPRESS_ENV.read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )
    paths = {k: v.strip("\"'") for k, v in paths.items()}
    urls = {
        "home": "/",
        "article, 200 comments": paths.get("ARTICLE_PATH"),
        "category": paths.get("CATEGORY_PATH"),
        "tag": "/tag/rusia/",
        "feed": "/feed/",
    }
    results = {}
    for label, path in urls.items():
        if not path:
            continue
        _headers, body = fetch(WORDPRESS + path)
        print(f"== WordPress: {label}", flush=True)
        results[label] = {**wrk(WORDPRESS + path), "bytes": len(body)}
        if label == ARTICLE:
            results[label]["per_comment"] = comment_bytes(body)
    return results


def cell(r):
    return f"{r['rps']:,.0f} ({r['p50']:.1f} / {r['p99']:.1f})" if r else "-"


def ratio(a, b):
    return f"{a['rps'] / b['rps']:.1f}x" if a and b and b["rps"] else "-"


def report(site, wordpress, nginx, started):
    wordpress = wordpress or {}
    lines = [
        f"Newsroom bench, {started:%Y-%m-%d %H:%M} UTC, {platform.node() or 'this machine'}: "
        f"{os.cpu_count()} cores shared by server and load ({platform.platform()}), load average "
        f"{os.getloadavg()[0]:.1f} at the start. gunicorn 2 sync workers, production settings, "
        f"SQLite, {ARTICLES + 1:,} articles; wrk -t2 -c{CONNECTIONS} -d{DURATION}s, no "
        "Accept-Encoding (bytes as sent uncompressed). Cells: req/s (p50 / p99 ms).",
        "",
        "| page | Newsroom cache hit | cache off | cold | WordPress | hit / WP | off / WP "
        "| cold / WP | bytes (gzip) | WP bytes | queries (off) | CPU ms (off) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, row in site.items():
        wp = wordpress.get(label)
        wp_bytes = f"{wp['bytes']:,}" if wp else "-"
        lines.append(
            f"| {label} | {cell(row.get('hit'))} | {cell(row.get('off'))} | "
            f"{cell(row.get('cold'))} | {cell(wp)} | {ratio(row.get('hit'), wp)} | "
            f"{ratio(row.get('off'), wp)} | {ratio(row.get('cold'), wp)} | "
            f"{row['bytes']:,} ({row['bytes_gzip']:,}) | {wp_bytes} | "
            f"{row['queries']} | {row['cpu_ms_off']} |"
        )
    ours, theirs = (
        site[ARTICLE].get("per_comment"),
        (wordpress.get(ARTICLE) or {}).get("per_comment"),
    )
    if ours and ours[1]:
        line = (
            f"Comment list on the article: {ours[0]:,} bytes for {ours[1]} comments "
            f"({ours[0] / ours[1]:,.0f} a comment)"
        )
        if theirs and theirs[1]:
            line += (
                f"; WordPress {theirs[0]:,} bytes for {theirs[1]} ({theirs[0] / theirs[1]:,.0f} a "
                f"comment): {100 * (ours[0] / ours[1]) / (theirs[0] / theirs[1]):.0f}% of it"
            )
        lines += ["", line + "."]
    off = site[ARTICLE].get("off", {})
    lines += [
        "",
        f"On the wire with the page cache off (Accept-Encoding: gzip): the article is sent "
        f"{off.get('encoding', '-')}, {off.get('wire_bytes', 0):,} bytes.",
    ]
    if nginx:
        article = site[ARTICLE]
        lines += [
            "",
            f"nginx serving the article's bytes as a static file: {cell(nginx)}; the cache hit "
            f"reaches {100 * article['hit']['rps'] / nginx['rps']:.0f}% of it.",
        ]
    if not wordpress:
        lines += ["", f"WordPress lab not answering at {WORDPRESS}: no side-by-side figures."]
    return "\n".join(lines) + "\n"


def main():
    if PORT and answers(f"http://127.0.0.1:{PORT}/"):
        sys.exit(f"Port {PORT} is already serving something; stop it or set BENCH_PORT=0.")
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (apt-get install wrk).")
    started = datetime.datetime.now(datetime.UTC)
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    env = production_env(workdir, BENCH_ARTICLES=str(ARTICLES))
    if os.environ.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    try:
        print("== building a throwaway database", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        subprocess.run([str(BIN / "python"), "bench/populate.py"], cwd=ROOT, env=env, check=True)
        site = measure_site(workdir, env)
        nginx = measure_nginx(workdir)
        wordpress = measure_wordpress()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    text = report(site, wordpress, nginx, started)
    out_dir = ROOT / "bench-results"
    out_dir.mkdir(exist_ok=True)
    stem = out_dir / f"{started:%Y%m%d-%H%M%S}"
    stem.with_suffix(".md").write_text(text)
    stem.with_suffix(".json").write_text(
        json.dumps(
            {
                "started": started.isoformat(),
                "machine": {"cores": os.cpu_count(), "platform": platform.platform()},
                "articles": ARTICLES + 1,
                "wrk": {"connections": CONNECTIONS, "seconds": DURATION},
                "newsroom": site,
                "wordpress": wordpress,
                "nginx_static_article": nginx,
            },
            indent=2,
        )
    )
    print(text)
    print(f"Written to {stem.relative_to(ROOT)}.md and .json")


if __name__ == "__main__":
    main()
