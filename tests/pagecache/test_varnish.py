"""Debian's Varnish in front of the site (deploy/varnish.vcl): a publish or an approved comment
shows through Varnish at once, because the site bans the changed surrogate keys."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from comments.models import Comment, DiscussionSettings
from comments.services import comment_set_status
from pagecache import keys as surrogate
from tests.factories import make_article, make_comment

ROOT = Path(__file__).resolve().parent.parent.parent
# Under faketime (CI's passes ahead of today) varnishd never starts answering: the faked clock
# reaches its manager and child through LD_PRELOAD. CI runs it at the real time.
pytestmark = [
    pytest.mark.varnish,
    pytest.mark.real_clock("varnishd never starts answering under faketime"),
    pytest.mark.django_db(transaction=True),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def varnishd():
    return shutil.which("varnishd") or "/usr/sbin/varnishd"


@pytest.fixture
def varnish(live_server, settings):
    """Varnish on a free port in front of the live server; yields its base URL."""
    backend_port = live_server.url.rsplit(":", 1)[1]
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-varnish-"))
    os.chmod(workdir, 0o755)  # varnishd compiles the VCL as its own unprivileged user
    vcl = (ROOT / "deploy" / "varnish.vcl").read_text()
    vcl = vcl.replace('.port = "8000";', f'.port = "{backend_port}";')
    (workdir / "site.vcl").write_text(vcl)
    port = free_port()
    process = subprocess.Popen(
        [varnishd(), "-F", "-a", f"127.0.0.1:{port}", "-f", str(workdir / "site.vcl"),
         "-n", str(workdir / "state"), "-s", "malloc,32m"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    settings.NEWSROOM_PAGE_CACHE_PURGE_URL = base + "/"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"varnishd exited: {process.stderr.read().decode()}")
            try:
                with urllib.request.urlopen(base + "/robots.txt", timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()
        shutil.rmtree(workdir, ignore_errors=True)


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers, response.read().decode()


def cached(base, path):
    """Fetch until Varnish serves the page from its store; returns the page."""
    get(base + path)
    headers, body = get(base + path)
    assert headers["X-Varnish-Cache"] == "hit", path
    return body


def test_publish_and_approve_show_through_varnish_at_once(varnish):
    DiscussionSettings.load()
    a = make_article("Artikel A")
    b = make_article("Artikel B")
    held = make_comment(a, body="Komentar yang ditahan", status=Comment.Status.PENDING)
    headers, _body = get(varnish + a.get_absolute_url())
    assert "s-maxage" in headers["Cache-Control"]
    assert surrogate.article_comments(a.pk) in headers["Surrogate-Key"].split()
    assert "Berita Baru" not in cached(varnish, "/")
    cached(varnish, a.get_absolute_url())
    cached(varnish, b.get_absolute_url())

    make_article("Berita Baru")
    headers, home = get(varnish + "/")
    assert "Berita Baru" in home
    assert headers["X-Varnish-Cache"] == "miss"
    cached(varnish, b.get_absolute_url())  # B links to its new neighbour: it was banned too

    comment_set_status(comments=Comment.objects.filter(pk=held.pk), status="approved")
    assert "Komentar yang ditahan" in get(varnish + a.get_absolute_url())[1]
    # Article B shows nothing of A's comments: Varnish keeps serving its stored copy.
    assert get(varnish + b.get_absolute_url())[0]["X-Varnish-Cache"] == "hit"
