"""`make cluster-test`: start the local cluster (scripts/cluster.py), show that it works as one
site, measure it, stop it. Every check is an assertion; any failure exits non-zero with the
cluster's logs. Figures go to stdout and to cluster-results/cluster-test.md.

Checks, in order: shared invalidation (a comment approved through server 1 is on server 2 at
once, and through the load balancer), media (an image uploaded through server 1 is served with
its renditions through server 2), scheduling (an article appears on both at its time), a
commenter reading their own held comment while the replica's replay is paused, reads with the
replica stopped, one app server killed under wrk load and restarted, and throughput of the
cluster against a single server.
"""

import datetime
import html.parser
import http.client
import http.cookies
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

from scripts.cluster import BIN, EDITOR_PASSWORD, ROOT, Cluster

RESULTS = ROOT / "cluster-results"
COMMENT_MIN_FILL_SECONDS = 1
LIMIT_SECONDS = int(os.environ.get("CLUSTER_TEST_SECONDS", "600"))
report = []  # (check, result) for the summary


def note(check, result):
    report.append((check, result))
    print(f"  ok  {check}: {result}", flush=True)


# A small browser: cookies kept by hand (the site's are Secure; this is plain HTTP on loopback).


class Response:
    def __init__(self, status, headers, body, url):
        self.status, self.headers, self.body, self.url = status, headers, body, url

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name.lower(), "")


class Browser:
    def __init__(self, base):
        self.base = base
        self.cookies = {}

    def request(self, method, url, body=None, headers=None):
        url = urllib.parse.urljoin(self.base + "/", url)
        parts = urllib.parse.urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, path, body=body, headers=headers)
        raw = connection.getresponse()
        data = raw.read()
        received = {}
        for name, value in raw.getheaders():
            if name.lower() == "set-cookie":
                cookie = http.cookies.SimpleCookie(value)
                for key, morsel in cookie.items():
                    if morsel.value == "" or morsel["max-age"] in ("0", 0):
                        self.cookies.pop(key, None)
                    else:
                        self.cookies[key] = morsel.value
            received[name.lower()] = value
        connection.close()
        return Response(raw.status, received, data, url)

    def get(self, url, **headers):
        return self.request("GET", url, headers=headers)

    def post(self, url, fields, files=None, referer=None, **headers):
        if files:
            body, content_type = multipart(fields, files)
        else:
            body = urllib.parse.urlencode(fields, doseq=True).encode()
            content_type = "application/x-www-form-urlencoded"
        headers = {"Content-Type": content_type, **headers}
        if referer:
            headers["Referer"] = referer
        return self.request("POST", url, body=body, headers=headers)

    def login(self, username, password):
        page = self.get("/admin/login/")
        fields = form_fields(page.text, action_contains="login")
        fields.update(username=username, password=password, next="/admin/")
        response = self.post("/admin/login/", fields)
        assert response.status == 302, f"login failed: {response.status}"


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, values in fields.items():
        for value in values if isinstance(values, list) else [values]:
            out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                      f"{value}\r\n".encode())  # fmt: skip
    for name, (filename, content, content_type) in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


class _FormParser(html.parser.HTMLParser):
    """The fields a browser would submit from the first form with this id or action."""

    def __init__(self, action_contains=None, form_id=None):
        super().__init__(convert_charrefs=True)
        self.action_contains, self.form_id = action_contains, form_id
        self.fields, self.inside, self.done = {}, False, False
        self.textarea = self.select = None
        self.select_value = None

    def add(self, name, value):
        self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and not self.inside:
            self.inside = (self.form_id and a.get("id") == self.form_id) or (
                self.action_contains is not None and self.action_contains in (a.get("action") or "")
            )
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.add(name, a.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""
        elif tag == "select" and name:
            self.select, self.select_value = name, None
        elif tag == "option" and self.select and (self.select_value is None or "selected" in a):
            self.select_value = (a.get("value", ""), "selected" in a)

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            self.add(self.textarea, self.text.lstrip("\n"))
            self.textarea = None
        elif tag == "select" and self.select:
            if self.select_value is not None:
                self.add(self.select, self.select_value[0])
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_fields(page, action_contains=None, form_id=None):
    parser = _FormParser(action_contains, form_id)
    parser.feed(page)
    assert parser.fields, f"no form {form_id or action_contains!r} on the page"
    return {k: v if len(v) > 1 else v[0] for k, v in parser.fields.items()}


# Helpers on the running cluster ------------------------------------------------------------------


def wrk(url, seconds, connections=8):
    """Run wrk; returns requests/s, total requests, failures (non-2xx/3xx plus socket errors)."""
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    )
    out = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    failed = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(n) for n in errors.groups()) if errors else 0
    )
    p50 = re.search(r"50%\s+(\S+)", out).group(1)
    p99 = re.search(r"99%\s+(\S+)", out).group(1)
    return {"rate": rate, "total": total, "failed": failed, "p50": p50, "p99": p99}


def shell(cluster, code):
    """Run Python in the site's context (primary only, as a command would); returns its stdout."""
    env = {k: v for k, v in cluster.env.items() if k != "DATABASE_REPLICA_URL"}
    result = subprocess.run(
        [BIN / "python", "manage.py", "shell", "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return result.stdout.strip().splitlines()[-1]


def article_urls(page):
    return list(dict.fromkeys(re.findall(r'href="(/\d{4}/\d{2}/\d{2}/[\w-]+/)"', page)))


def post_comment(browser, article_url, text, email, **headers):
    page = browser.get(article_url)
    assert page.status == 200, f"{article_url}: {page.status}"
    fields = form_fields(page.text, form_id="commentform")
    fields.update(name="Pengunjung Klaster", email=email, comment=text, url="")
    time.sleep(COMMENT_MIN_FILL_SECONDS + 0.2)
    response = browser.post("/comments/post/", fields, **headers)
    assert response.status == 302, f"comment refused: {response.status} {response.text[:300]}"
    found = re.search(r"unapproved=(\d+)", response.header("location"))
    assert found, f"expected a held comment, went to {response.header('location')}"
    return int(found.group(1)), response


def page_cache_state(response):
    return response.header("x-page-cache") or "none"


# The checks --------------------------------------------------------------------------------------


def check_shared_invalidation(cluster, article_url):
    one, two, lb = cluster.url("app1"), cluster.url("app2"), cluster.url("lb")
    visitor = Browser(one)
    text = f"Komentar lewat server satu {uuid.uuid4().hex[:8]}"
    comment_id, _ = post_comment(visitor, article_url, text, "klaster1@example.com",
                                 **{"X-Forwarded-For": "203.0.113.7"})  # fmt: skip
    reader2, reader_lb = Browser(two), Browser(lb)
    for reader in (reader2, reader_lb):
        reader.get(article_url)
    before2, before_lb = reader2.get(article_url), reader_lb.get(article_url)
    assert text not in before2.text, "held comment shown"
    assert text not in before_lb.text, "held comment shown"
    editor = Browser(one)
    editor.login("editor", EDITOR_PASSWORD)
    changelist = editor.get("/admin/comments/comment/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', changelist.text).group(1)
    approved = editor.post(
        "/admin/comments/comment/",
        {"csrfmiddlewaretoken": token, "action": "approve", "_selected_action": comment_id,
         "index": "0", "select_across": "0"},
    )  # fmt: skip
    assert approved.status == 302, f"approve action: {approved.status}"
    started = time.monotonic()
    after2 = Browser(two).get(article_url)
    after_lb = Browser(lb).get(article_url)
    elapsed = time.monotonic() - started
    assert text in after2.text, "approved comment missing on server 2"
    assert text in after_lb.text, "approved comment missing through the load balancer"
    note(
        "comment approved on server 1, shown by server 2 and the LB at once",
        f"server 2's page was {page_cache_state(before2)} before, "
        f"{page_cache_state(after2)} after; both read in {elapsed * 1000:.0f} ms",
    )
    return editor


def check_media(cluster, editor, article_url):
    from PIL import Image

    slug = article_url.rstrip("/").rsplit("/", 1)[1]
    article_id = int(shell(cluster, f"from articles.models import Article; "
                                    f"print(Article.objects.get(slug='{slug}').pk)"))  # fmt: skip
    change = f"/admin/articles/article/{article_id}/change/"
    form = editor.get(change)
    assert form.status == 200, f"change form: {form.status}"
    fields = form_fields(form.text, form_id="article_form")
    buffer = io.BytesIO()
    Image.new("RGB", (1400, 800), (30, 90, 160)).save(buffer, "JPEG", quality=85)
    fields.update(featured_image_alt="Gambar dari server satu", _save="Simpan")
    fields.pop("featured_image-clear", None)
    saved = editor.post(change, fields, files={"featured_image": ("klaster.jpg", buffer.getvalue(),
                                                                  "image/jpeg")},
                        referer=cluster.url("app1") + change)  # fmt: skip
    assert saved.status == 302, f"article save refused: {saved.status}\n{saved.text[:2000]}"
    started = time.monotonic()
    reader = Browser(cluster.url("app2"))
    while True:
        page = reader.get(article_url)
        srcset = re.findall(r'srcset="([^"]*klaster[^"]*renditions[^"]*)"', page.text)
        if srcset or time.monotonic() - started > 60:
            break
        time.sleep(0.5)
    assert srcset, "renditions never showed on server 2"
    waited = time.monotonic() - started
    urls = {part.strip().split(" ")[0] for entry in srcset for part in entry.split(",")}
    media = f"{cluster.url('lb')}/media/"
    for url in urls:
        assert url.startswith(media), f"media URL not on the media host: {url}"
        fetched = Browser(cluster.url("lb")).get(url)
        assert fetched.status == 200, f"{url}: {fetched.status}"
        assert fetched.header("content-type").startswith("image/"), url
    note(
        "image uploaded through server 1, served with renditions through server 2",
        f"{len(urls)} rendition files fetched from {media}; renditions on server 2's page "
        f"{waited:.1f} s after the save (made by a task worker)",
    )
    return article_id


# Seconds between saving a scheduled article and its time: the lead must outlast the "not yet"
# reads, which a busy machine slows; when it does not, the check is made again with a longer one.
SCHEDULE_LEADS = (15, 45, 120)
SCHEDULE_PATIENCE = 120  # seconds after its time for the article to show on both servers


def schedule_article(cluster, title, lead):
    """A scheduled article `lead` seconds from now; returns (its URL, its time as a timestamp)."""
    code = (
        "import datetime\n"
        "from django.contrib.auth import get_user_model\n"
        "from django.utils import timezone\n"
        "from articles.models import Article, Category\n"
        f"when = timezone.now().replace(microsecond=0) + datetime.timedelta(seconds={lead})\n"
        f"a = Article.objects.create(title={title!r}, slug={slugify(title)!r}, "
        "author=get_user_model().objects.get(username='editor'), "
        "category=Category.objects.first(), status=Article.Status.SCHEDULED, published_at=when, "
        "body='<p>Muncul tepat waktu.</p>')\n"
        "print(a.get_absolute_url(), when.timestamp())"
    )
    url, when = shell(cluster, code).split()
    return url, float(when)


def slugify(title):
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def shown(browser, url, title):
    """(the article's status, whether the home page lists it) on `browser`'s server."""
    return browser.get(url).status, title in browser.get("/").text


def check_scheduled(cluster):
    servers = {name: Browser(cluster.url(name)) for name in ("app1", "app2")}
    for lead in SCHEDULE_LEADS:
        title = f"Terjadwal di klaster {uuid.uuid4().hex[:6]}"
        url, when = schedule_article(cluster, title, lead)
        before = {name: shown(browser, url, title) for name, browser in servers.items()}
        if time.time() < when:  # every read answered before its time: they count
            break
    else:
        raise AssertionError(f"the reads before the time took over {SCHEDULE_LEADS[-1]} s")
    for name, (status, on_home) in before.items():
        assert status == 404, f"{name} shows the article early"
        assert not on_home, f"{name}'s home page shows it early"
    time.sleep(max(0, when - time.time()))
    late = {}
    while len(late) < len(servers) and time.time() < when + SCHEDULE_PATIENCE:
        for name, browser in servers.items():
            if name not in late and shown(browser, url, title) == (200, True):
                late[name] = time.time() - when
        time.sleep(0.2)
    missing = sorted(set(servers) - set(late))
    assert not missing, f"{missing}: not on the article URL and home page {SCHEDULE_PATIENCE} s on"
    note(
        "scheduled article on both servers at its time",
        f"404 before ({lead} s lead); on the article URL and the home page of both "
        f"{max(late.values()):.1f} s after",
    )


def check_tasks_run_once(cluster, article_id, count=40):
    """Both workers take tasks from the one queue; each task runs exactly once."""
    since = cluster.psql(cluster.ports.primary, "SELECT now()")
    # Real work: check the article's renditions in the bucket (they exist: only HEADs and the
    # image's header are read), store them, purge its pages.
    shell(cluster, "from articles.models import Article\n"
                   "from articles.tasks import make_featured_renditions\n"
                   f"a = Article.objects.get(pk={article_id})\n"
                   f"for _ in range({count}): "
                   "make_featured_renditions.enqueue(a.pk, a.featured_image.name)\n"
                   "print('queued')")  # fmt: skip
    sql = (
        "SELECT status || ' ' || worker_ids::text FROM django_tasks_database_dbtaskresult "
        f"WHERE enqueued_at > '{since}' AND task_path LIKE '%make_featured_renditions'"
    )
    started = time.monotonic()
    while True:
        rows = [row.split(" ", 1) for row in cluster.psql(cluster.ports.primary, sql).splitlines()]
        done = [workers for status, workers in rows if status == "SUCCESSFUL"]
        if len(done) == count or time.monotonic() - started > 60:
            break
        time.sleep(0.5)
    assert len(rows) == count, f"{len(rows)} tasks stored, {count} queued"
    assert len(done) == count, f"{len(done)} of {count} tasks done: {rows[:5]}"
    claims = [json.loads(workers) for workers in done]
    assert all(len(ids) == 1 for ids in claims), "a task was claimed twice"
    workers = {ids[0] for ids in claims}
    note(
        f"{count} tasks queued, two db_workers polling the same table",
        f"each ran once (one claim each, by {len(workers)} of the 2 workers), "
        f"all done in {time.monotonic() - started:.1f} s",
    )


def check_replica_lag(cluster, article_url):
    replica, primary = cluster.ports.replica, cluster.ports.primary
    cluster.psql(replica, "SELECT pg_wal_replay_pause()")
    try:
        visitor = Browser(cluster.url("lb"))
        text = f"Komentar saat replika tertinggal {uuid.uuid4().hex[:8]}"
        comment_id, posted = post_comment(visitor, article_url, text, "klaster2@example.com")
        assert "newsroom_primary" in visitor.cookies, "no pin to the primary after posting"
        sql = f"SELECT count(*) FROM comments_comment WHERE id = {comment_id}"
        assert cluster.psql(primary, sql) == "1"
        assert cluster.psql(replica, sql) == "0", "the replica was not behind"
        preview = visitor.get(posted.header("location"))
        assert preview.status == 200, "own held comment not shown"
        assert text in preview.text, "own held comment not shown"
        assert f'id="comment-{comment_id}"' in preview.text
        note("commenter sees their held comment with the replica's replay paused",
             "the comment was on the primary only; the redirect read from the primary "
             "(newsroom_primary cookie, 10 s)")  # fmt: skip
    finally:
        cluster.psql(replica, "SELECT pg_wal_replay_resume()")


def check_replica_down(cluster, article_url):
    cluster.pg_stop("replica")
    reader = Browser(cluster.url("lb"))
    statuses, slowest = [], 0.0
    for i in range(30):
        started = time.monotonic()
        # Pages no cache holds yet: each one reads the database.
        url = f"/search/?q=berita+{i}" if i % 2 else f"{article_url}?r={i}"
        statuses.append(reader.get(url).status)
        slowest = max(slowest, time.monotonic() - started)
    assert all(status == 200 for status in statuses), f"statuses with the replica down: {statuses}"
    note("replica stopped: reads fall back to the primary",
         f"30 uncached pages through the LB, all 200, slowest {slowest * 1000:.0f} ms")  # fmt: skip


def check_kill_under_load(cluster, article_url):
    import threading

    lb = cluster.url("lb")
    outcome = {}
    load = threading.Thread(target=lambda: outcome.update(wrk(lb + article_url, 10)))
    load.start()
    time.sleep(3)
    cluster.kill("app1")
    load.join()
    assert outcome["failed"] <= 8, f"{outcome['failed']} requests failed (8 in flight at most)"
    upstreams = {Browser(lb).get(article_url + "?u").header("x-upstream") for _ in range(6)}
    assert all(str(cluster.ports.app2) in u for u in upstreams), upstreams
    cluster.start_app("app1")
    started = time.monotonic()
    rejoined = False
    while time.monotonic() - started < 20 and not rejoined:
        upstream = Browser(lb).get(article_url).header("x-upstream")
        rejoined = upstream.endswith(str(cluster.ports.app1))
        time.sleep(0.2)
    assert rejoined, "server 1 never got traffic again after its restart"
    note(
        "server 1 killed under wrk load (8 connections, 10 s)",
        f"{outcome['total']} requests, {outcome['failed']} failed; the LB sent the rest to "
        f"server 2; server 1 back in rotation {time.monotonic() - started:.1f} s after restart",
    )


def check_throughput(cluster, article_url):
    figures = {}
    targets = (("one app server", cluster.url("app1")), ("cluster (LB)", cluster.url("lb")))
    pages = (("article (page cache)", article_url), ("search (database)", "/search/?q=indonesia"))
    for label, base in targets:
        for page, path in pages:
            figures[(label, page)] = wrk(base + path, 5, connections=8)
            assert figures[(label, page)]["failed"] == 0, (label, page, figures[(label, page)])
    for (label, page), f in figures.items():
        note(
            f"throughput, {label}, {page}",
            f"{f['rate']:.0f} req/s, p50 {f['p50']}, p99 {f['p99']} (wrk -t2 -c8 -d5s)",
        )


class OutOfTime(Exception):
    pass


def out_of_time(*_):
    raise OutOfTime(f"make cluster-test took over {LIMIT_SECONDS} s")


def main():
    started = time.monotonic()
    # Bounded: past the limit (or on SIGTERM) the `with` block still stops everything.
    signal.signal(signal.SIGALRM, out_of_time)
    signal.signal(signal.SIGTERM, out_of_time)
    signal.alarm(LIMIT_SECONDS)
    os.environ.setdefault("COMMENT_MIN_FILL_SECONDS", str(COMMENT_MIN_FILL_SECONDS))
    with Cluster() as cluster:
        home = Browser(cluster.url("lb")).get("/")
        assert home.status == 200, home.status
        article_url = article_urls(home.text)[0]
        editor = check_shared_invalidation(cluster, article_url)
        article_id = check_media(cluster, editor, article_url)
        check_scheduled(cluster)
        check_tasks_run_once(cluster, article_id)
        check_replica_lag(cluster, article_url)
        check_replica_down(cluster, article_url)
        check_kill_under_load(cluster, article_url)
        check_throughput(cluster, article_url)
    elapsed = time.monotonic() - started
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"# make cluster-test, {stamp}, {os.cpu_count()} CPUs, {elapsed:.0f} s in all", ""]
    lines += ["| check | result |", "|---|---|"]
    lines += [f"| {check} | {result} |" for check, result in report]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "cluster-test.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"\nAll checks passed; report in {RESULTS / 'cluster-test.md'}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(ROOT)))
    main()
