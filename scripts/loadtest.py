"""`make loadtest`: commenters and readers against production settings, with faults injected.

Everything runs on 127.0.0.1 and stops by itself: a throwaway PostgreSQL cluster (unless
DATABASE_URL is given), gunicorn with production settings, the task worker (restarted when it
exits, as a service manager would), a mail server in this process, 50 commenter threads and a
few reader threads. Three phases of --duration seconds each:

  steady    no fault: no 5xx at all;
  outage    PostgreSQL stopped in the middle for --outage seconds, then started again: 503s
            (never 500) while it is away, answers again by themselves afterwards;
  mailhang  the mail server accepts connections and never answers for the first half, then
            works: posts sent while it hangs answer within a second (EMAIL_TIMEOUT is 10 s: a
            post that waited on mail would show it), and every comment's mail arrives once.

  redislost Redis (the cache, sessions' copies and the page cache's fragments: CACHE_URL) killed
            with SIGKILL in the middle for --redis-outage seconds, then started again empty:
            no 5xx at all, reader pages keep their content (pagecache/resilient.py);
  fulldisk  the page cache's disk (PAGE_CACHE_URL, files on a small tmpfs) filled to the last
            byte for the middle half: no 5xx at all, pages served uncached (needs root to
            mount the tmpfs; skipped otherwise).

After each phase every acknowledged comment (a 302 to `#comment-N`) must be stored exactly once.
Exit status 0 when every check holds. The result table is Markdown, for the README.
"""

import argparse
import collections
import contextlib
import html
import http.client
import itertools
import os
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import psycopg

from scripts import servers
from scripts.fake_smtp import FakeSMTPServer

ROOT = Path(__file__).resolve().parent.parent

BIN = Path(sys.executable).parent
TOKEN = re.compile(r'name="token" value="([^"]+)"')
ARTICLE = re.compile(r'name="article" value="(\d+)"')
LOCATION = re.compile(r"#comment-(\d+)$")
ADMIN_LINK = re.compile(r"/admin/comments/comment/(\d+)/change/")


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class PostgresCluster:
    """A throwaway cluster owned by the postgres user, on 127.0.0.1:<port>."""

    def __init__(self, port):
        self.port = port
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name)
        if not versions:
            sys.exit(
                "PostgreSQL is not installed (apt-get install postgresql), or set DATABASE_URL."
            )
        self.bin = versions[-1]
        self.dir = Path(tempfile.mkdtemp(prefix="newsroom-loadtest-pg-"))
        shutil.chown(self.dir, "postgres")
        self.su(f"{self.bin}/initdb -D {self.dir}/data -A trust -U postgres")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def su(self, command):
        subprocess.run(["su", "postgres", "-c", command], check=True, stdout=subprocess.DEVNULL)

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.su(f"{self.bin}/pg_ctl -D {self.dir}/data -o '{options}' -l {self.dir}/log -w start")

    def stop(self):
        self.su(f"{self.bin}/pg_ctl -D {self.dir}/data -m fast -w stop")

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class RedisServer:
    """A redis-server on 127.0.0.1:<port> keeping nothing on disk; killed with SIGKILL."""

    def __init__(self, port):
        self.port = port
        self.dir = tempfile.mkdtemp(prefix="newsroom-loadtest-redis-")
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        output = Path(self.dir) / "redis.log"
        with open(output, "ab") as log:
            self.process = subprocess.Popen(
                ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", self.dir],
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        servers.wait_until_ready(self.process, self.port, 20, output)

    def kill(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def destroy(self):
        self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


class SmallDisk:
    """A tmpfs of `size` mounted for the run (root only), filled and freed on demand."""

    def __init__(self, size="64m"):
        self.path = Path(tempfile.mkdtemp(prefix="newsroom-loadtest-disk-"))
        self.filler = self.path / "filler"
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(self.path)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.mounted = mounted.returncode == 0

    def fill(self):
        """Write until the disk refuses (ENOSPC)."""
        with open(self.filler, "wb", buffering=0) as out, contextlib.suppress(OSError):
            while True:
                out.write(b"\0" * 65536)

    def free(self):
        self.filler.unlink(missing_ok=True)

    def destroy(self):
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.path)], check=False)
        shutil.rmtree(self.path, ignore_errors=True)


class Supervised:
    """A child process started again whenever it exits, until stopped (like Restart=always)."""

    def __init__(self, command, env, name):
        self.command, self.env, self.name = command, env, name
        self.stopping = threading.Event()
        self.process = None
        self.restarts = 0
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stopping.is_set():
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            self.process.wait()
            if not self.stopping.is_set():
                self.restarts += 1
                self.stopping.wait(1)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.stopping.set()
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.post_statuses = collections.Counter()
        self.post_seconds = []
        self.read_statuses = collections.Counter()
        self.wrong_pages = 0
        self.last_ok = 0.0  # when a reader last got a 200 page
        self.post_times = []  # (when sent, seconds to answer)
        self.fault = None  # (start, end) of the fault, monotonic
        self.restarted = None  # when PostgreSQL came back (outage phase)
        self.errors = collections.Counter()
        self.acknowledged = {}  # comment id -> the marker in its text
        self.unacknowledged_markers = set()

    def add(self, kind, status, seconds=None):
        with self.lock:
            self.statuses[status] += 1
            if kind == "post":
                self.post_statuses[status] += 1
                self.post_seconds.append(seconds)
            else:
                self.read_statuses[status] += 1


class Client:
    """One keep-alive HTTP connection to the site (a browser's, more or less)."""

    def __init__(self, port, forwarded_for):
        self.port = port
        self.forwarded_for = forwarded_for
        self.connection = None

    def request(self, method, path, body=None):
        headers = {"X-Forwarded-For": self.forwarded_for, "User-Agent": "newsroom-loadtest"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                return response.status, response.getheader("Location", ""), response.read()
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = None
                if attempt == 2 or body is not None:
                    raise
        raise AssertionError("unreachable")


def commenter(*args):
    try:
        _commenter(*args)
    except Exception as error:
        args[4].errors[f"commenter crashed: {error!r}"] += 1
        raise


def _commenter(number, port, article_paths, deadline, stats, min_fill, serial):
    time.sleep(random.uniform(0, min_fill + 1.5))  # people do not all arrive at once
    while time.monotonic() < deadline:
        n = next(serial)
        address = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
        client = Client(port, address)
        path = random.choice(article_paths)
        try:
            status, _location, body = client.request("GET", path)
        except (OSError, http.client.HTTPException) as error:
            stats.errors[f"commenter-get {type(error).__name__}"] += 1
            time.sleep(1)
            continue
        stats.add("read", status)
        if status != 200:
            time.sleep(1)
            continue
        html = body.decode()
        token, article = TOKEN.search(html), ARTICLE.search(html)
        time.sleep(min_fill + random.uniform(0.3, 1.5))  # a person takes a while to write
        marker = f"lt-{number}-{n}-{secrets.token_hex(4)}"
        form = {
            "article": article.group(1),
            "token": token.group(1),
            "name": f"Pembaca {number}",
            "email": f"pembaca{n}@example.com",
            "url": "",
            "comment": f"Komentar uji beban {marker}.",
            "parent": "",
            "contact_phone": "",
        }
        client = Client(port, address)  # the server closed the idle keep-alive connection
        started = time.monotonic()
        try:
            status, location, _body = client.request(
                "POST", "/comments/post/", urllib.parse.urlencode(form)
            )
        except (OSError, http.client.HTTPException) as error:
            stats.errors[f"commenter-post {type(error).__name__}"] += 1
            with stats.lock:
                stats.unacknowledged_markers.add(marker)
            continue
        stats.add("post", status, time.monotonic() - started)
        with stats.lock:
            stats.post_times.append((started, time.monotonic() - started))
        acknowledged = LOCATION.search(location) if status == 302 else None
        with stats.lock:
            if acknowledged:
                stats.acknowledged[int(acknowledged.group(1))] = marker
            else:
                stats.unacknowledged_markers.add(marker)


options_reader_pause = 0.2  # seconds between a reader's pages (--reader-pause)


def reader(port, pages, deadline, stats):
    client = Client(port, "192.0.2.200")
    while time.monotonic() < deadline:
        path, expected = random.choice(pages)
        try:
            status, _location, body = client.request("GET", path)
        except (OSError, http.client.HTTPException) as error:
            stats.errors[f"reader {type(error).__name__}"] += 1
            time.sleep(0.5)
            continue
        stats.add("read", status)
        if status == 200:
            with stats.lock:
                stats.last_ok = time.monotonic()
                stats.wrong_pages += expected.encode() not in body
        time.sleep(options_reader_pause)


def percentile(values, q):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def verify(database_url, stats):
    """Every acknowledged comment stored exactly once, with its own text."""
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT id, body FROM comments_comment WHERE body LIKE 'Komentar uji beban lt-%%'"
        ).fetchall()
    by_marker = collections.Counter(body.split()[-1].rstrip(".") for _id, body in rows)
    bodies = dict(rows)
    missing = [pk for pk, marker in stats.acknowledged.items() if marker not in bodies.get(pk, "")]
    doubled = [m for m in stats.acknowledged.values() if by_marker[m] != 1]
    stored_unacknowledged = sum(1 for m in stats.unacknowledged_markers if by_marker[m])
    return {"missing": missing, "doubled": doubled, "stored_unacked": stored_unacknowledged}


def run_phase(name, options, env, site_paths, cluster, smtp, database_url, redis, disk):
    stats = Stats()
    deadline = time.monotonic() + options.duration
    serial = itertools.count(random.randrange(1, 10_000_000))
    article_paths, pages = site_paths
    threads = [
        threading.Thread(
            target=commenter,
            args=(i, options.port, article_paths, deadline, stats, options.min_fill, serial),
        )
        for i in range(options.commenters)
    ] + [
        threading.Thread(target=reader, args=(options.port, pages, deadline, stats))
        for _ in range(options.readers)
    ]
    notes = []
    for thread in threads:
        thread.start()
    if name == "mailhang":
        smtp.hanging = True
        fault_start = time.monotonic()
        time.sleep(options.duration / 2)
        smtp.hanging = False
        stats.fault = (fault_start, time.monotonic())
        smtp.release.set()
        notes.append(f"mail server hanging for the first {options.duration / 2:.0f} s")
    elif name == "outage" and cluster is not None:
        # A fifth of the phase at least before and after (a short phase stops it for less).
        down = min(options.outage, 0.6 * options.duration)
        time.sleep(options.duration / 2 - down / 2)
        log(f"{name}: stopping PostgreSQL")
        cluster.stop()
        time.sleep(down)
        cluster.start()
        stats.restarted = time.monotonic()
        log(f"{name}: PostgreSQL started again")
        notes.append(f"PostgreSQL stopped for {down:g} s mid-phase")
    elif name == "redislost":
        away = min(options.redis_outage, options.duration / 2)
        time.sleep(options.duration / 2 - away / 2)
        log(f"{name}: killing Redis (SIGKILL)")
        redis.kill()
        time.sleep(away)
        redis.start()
        log(f"{name}: Redis started again, empty")
        notes.append(f"Redis killed for {away:.0f} s mid-phase")
    elif name == "fulldisk":
        time.sleep(options.duration / 4)
        log(f"{name}: filling the page cache's disk")
        disk.fill()
        time.sleep(options.duration / 2)
        disk.free()
        log(f"{name}: disk freed")
        notes.append(f"page cache's disk full for {options.duration / 2:.0f} s mid-phase")
    for thread in threads:
        thread.join()
    mail = None
    if name == "mailhang":
        mail = wait_for_mail(set(stats.acknowledged), smtp, options.mail_wait)
    result = verify(database_url, stats)
    return stats, result, mail, notes


def wait_for_mail(wanted, smtp, seconds):
    """Every comment acknowledged in the phase has reached the mail server, once."""
    deadline = time.monotonic() + seconds
    while True:
        with smtp.lock:
            delivered = collections.Counter(
                int(pk) for m in smtp.messages for pk in set(ADMIN_LINK.findall(m["data"]))
            )
        missing = wanted - set(delivered)
        if not missing or time.monotonic() > deadline:
            return {
                "comments": len(wanted),
                "mailed": len(wanted) - len(missing),
                "twice": sum(1 for pk in wanted if delivered[pk] > 1),
            }
        time.sleep(1)


def site_paths(database_url):
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT title, slug, published_at AT TIME ZONE 'Asia/Jakarta' FROM articles_article "
            "WHERE status = 'published' AND comments_open ORDER BY published_at DESC "
            "LIMIT 8"
        ).fetchall()
    articles = [(f"/{when:%Y/%m/%d}/{slug}/", title) for title, slug, when in rows]
    pages = [(path, html.escape(title)) for path, title in articles]
    pages += [("/", "</html>"), ("/feed/", "<rss"), ("/en/", "</html>")]
    return [path for path, _title in articles], pages


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds per phase")
    parser.add_argument("--phases", default="steady,outage,mailhang,redislost,fulldisk")
    parser.add_argument("--commenters", type=int, default=50)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--outage", type=int, default=6, help="seconds PostgreSQL is stopped")
    parser.add_argument("--redis-outage", type=int, default=10, help="seconds Redis is away")
    parser.add_argument("--mail-wait", type=int, default=120, help="seconds to wait for mail")
    parser.add_argument(
        "--port", type=int, default=0,
        help="gunicorn; +1 mail, +2 PostgreSQL, +3 Redis (0, the default: ports the OS assigns)",
    )  # fmt: skip
    parser.add_argument("--min-fill", type=float, default=3.0)
    parser.add_argument("--reader-pause", type=float, default=0.2, help="seconds between pages")
    options = parser.parse_args()
    global options_reader_pause
    options_reader_pause = options.reader_pause
    phases = options.phases.split(",")

    # Every port is held for the whole run: PostgreSQL and Redis come back on theirs. The mail
    # server, in this process, binds port 0 itself.
    reservations = contextlib.ExitStack()
    given = options.port
    port = {
        name: given + offset if given
        else reservations.enter_context(servers.reserve_port()).port
        for offset, name in enumerate(("site", "mail", "postgres", "redis")) if name != "mail"
    }  # fmt: skip
    options.port = port["site"]
    cluster = None
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        cluster = PostgresCluster(port["postgres"])
        cluster.start()
        database_url = cluster.url
    elif "outage" in phases:
        log("DATABASE_URL given: the outage phase needs the throwaway cluster; skipped")
        phases.remove("outage")
    smtp = FakeSMTPServer(port=given and given + 1).start()
    # Redis is the cache (sessions' copies, fragments, counts) and the page cache's pages live
    # in files on a disk of their own, for the phases that take each away.
    redis = RedisServer(port["redis"])
    redis.start()
    disk = SmallDisk()
    if "fulldisk" in phases and not disk.mounted:
        log("fulldisk: a tmpfs cannot be mounted here (needs root); skipped")
        phases.remove("fulldisk")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": tempfile.mkdtemp(prefix="newsroom-loadtest-media-"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",
        "COMMENT_MIN_FILL_SECONDS": str(int(options.min_fill)),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "0",
        "EMAIL_TIMEOUT": "10",  # production's: a post that waited on mail would show it
        "MAIL_RETRY_SECONDS": "5",
        "TASKS_BACKEND": "database",
        "LOG_LEVEL": "ERROR",
        "DEMO_EDITOR_PASSWORD": secrets.token_urlsafe(12),
        "CACHE_URL": redis.url,
        "PAGE_CACHE_URL": f"file://{disk.path / 'pagecache'}",
    }

    def manage(*args):
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip

    # Tracebacks of the 503s during the outage go here, not to the terminal.
    server_log = tempfile.NamedTemporaryFile(prefix="newsroom-loadtest-", suffix=".log")  # noqa: SIM115
    gunicorn = workers = None
    failures = []
    rows = []
    try:
        log("migrate, seed_demo, collectstatic")
        manage("migrate", "--noinput")
        manage("seed_demo")
        manage("collectstatic", "--noinput", "--clear")
        paths = site_paths(database_url)
        gunicorn = subprocess.Popen(
            [
                BIN / "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{options.port}",
                "--workers", "2", "--threads", "4", "--log-level", "warning",
            ],
            cwd=ROOT, env=env, stderr=server_log,
        )  # fmt: skip
        worker_command = [sys.executable, "manage.py", "db_worker", "--queue-name", "*"]
        workers = [
            Supervised([*worker_command, "--interval", "0.5"], env, "db_worker").start()
            for _ in range(2)
        ]
        servers.wait_until_ready(gunicorn, f"http://127.0.0.1:{options.port}/", 60, server_log.name)
        database = f", PostgreSQL on {cluster.port}" if cluster else ""
        log(f"the site at http://127.0.0.1:{options.port}/, mail on {smtp.port}, "
            f"Redis on {redis.port}{database}")  # fmt: skip
        for name in phases:
            log(f"phase {name}: {options.commenters} commenters, {options.readers} readers, "
                f"{options.duration} s")  # fmt: skip
            stats, result, mail, notes = run_phase(
                name, options, env, paths, cluster, smtp, database_url, redis, disk
            )
            rows.append(report_row(name, stats, result, mail, notes))
            if stats.errors:
                log(f"{name}: connection errors: {dict(stats.errors)}")
            failures += check(name, stats, result, mail)
    finally:
        for worker in workers or []:
            worker.stop()
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(30)
        smtp.stop()
        server_log.close()
        if cluster is not None:
            cluster.destroy()
        redis.destroy()
        disk.destroy()
        shutil.rmtree(env["MEDIA_ROOT"], ignore_errors=True)
        reservations.close()
    print()
    print(
        "| phase | posts | acknowledged (302) | stored once | other answers to posts "
        "| post p50 / p99 / max | reads | read answers | mail |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(row)
    print()
    if failures:
        for failure in failures:
            print(f"FAILED: {failure}")
        return 1
    print("All checks held.")
    return 0


def report_row(name, stats, result, mail, notes):
    posts = sum(stats.post_statuses.values())
    acknowledged = len(stats.acknowledged)
    others = ", ".join(
        f"{status}: {count}" for status, count in sorted(stats.post_statuses.items())
        if status != 302
    ) or "none"  # fmt: skip
    seconds = stats.post_seconds
    latency = (
        f"{statistics.median(seconds) * 1000:.0f} / {percentile(seconds, 0.99) * 1000:.0f} / "
        f"{max(seconds) * 1000:.0f} ms"
        if seconds
        else "-"
    )
    reads = ", ".join(f"{s}: {c}" for s, c in sorted(stats.read_statuses.items()))
    mail_text = "-"
    if mail:
        mail_text = f"{mail['mailed']}/{mail['comments']} mailed, {mail['twice']} twice"
    if stats.fault:
        during = [t for when, t in stats.post_times if stats.fault[0] <= when <= stats.fault[1]]
        if during:
            latency += f" (while hanging: max {max(during) * 1000:.0f} ms)"
    stored = acknowledged - len(result["missing"]) - len(set(result["doubled"]))
    label = name + (f" ({'; '.join(notes)})" if notes else "")
    return (
        f"| {label} | {posts} | {acknowledged} | {stored} | {others} | {latency} | "
        f"{sum(stats.read_statuses.values())} | {reads} | {mail_text} |"
    )


def check(name, stats, result, mail):
    failures = []
    fives = {s: c for s, c in stats.statuses.items() if s >= 500}
    if name == "outage":
        if set(fives) - {503}:
            failures.append(f"{name}: server errors other than 503: {fives}")
        if stats.restarted is not None and stats.last_ok <= stats.restarted:
            failures.append(f"{name}: no page answered 200 after PostgreSQL came back")
    elif fives:
        failures.append(f"{name}: server errors: {fives}")
    if result["missing"]:
        failures.append(f"{name}: acknowledged but not stored: {result['missing'][:10]}")
    if result["doubled"]:
        failures.append(f"{name}: stored more than once: {result['doubled'][:10]}")
    if not stats.acknowledged:
        failures.append(f"{name}: no comment was acknowledged")
    if stats.wrong_pages:
        failures.append(f"{name}: {stats.wrong_pages} pages without their expected content")
    if name == "mailhang" and stats.fault:
        during = [t for when, t in stats.post_times if stats.fault[0] <= when <= stats.fault[1]]
        if not during:
            failures.append(f"{name}: no post was sent while the mail server hung")
        elif max(during) >= 1.0:
            failures.append(f"{name}: a post took {max(during):.2f} s while the mail server hung")
        if mail and mail["mailed"] != mail["comments"]:
            failures.append(f"{name}: {mail['comments'] - mail['mailed']} comments never mailed")
    return failures


if __name__ == "__main__":
    sys.exit(main())
