"""Debian's Varnish in front of the site (deploy/varnish.vcl): a publish or an approved comment
shows through Varnish at once, because the site bans the changed surrogate keys."""

import os
import shutil
import tempfile
import urllib.request
from pathlib import Path

import pytest

from comments.models import Comment, DiscussionSettings
from comments.services import comment_set_status
from pagecache import keys as surrogate
from scripts import servers
from tests.factories import make_article, make_comment

ROOT = Path(__file__).resolve().parent.parent.parent
# Under faketime (CI's passes ahead of today) varnishd never starts answering: the faked clock
# reaches its manager and child through LD_PRELOAD. CI runs it at the real time.
pytestmark = [
    pytest.mark.varnish,
    pytest.mark.real_clock("varnishd never starts answering under faketime"),
    pytest.mark.django_db(transaction=True),
]


def varnishd():
    return shutil.which("varnishd") or "/usr/sbin/varnishd"


@pytest.fixture
def varnish(live_server, settings):
    """Varnish on a port the OS assigns, in front of the live server; yields its base URL."""
    backend_port = live_server.url.rsplit(":", 1)[1]
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-varnish-"))
    os.chmod(workdir, 0o755)  # varnishd compiles the VCL as its own unprivileged user
    vcl = (ROOT / "deploy" / "varnish.vcl").read_text()
    vcl = vcl.replace('.port = "8000";', f'.port = "{backend_port}";')
    (workdir / "site.vcl").write_text(vcl)
    try:
        with servers.reserve_port() as reservation:
            base = f"http://127.0.0.1:{reservation.port}"
            command = [
                varnishd(), "-F", "-a", f"127.0.0.1:{reservation.port}",
                "-f", str(workdir / "site.vcl"), "-n", str(workdir / "state"), "-s", "malloc,32m",
            ]  # fmt: skip
            settings.NEWSROOM_PAGE_CACHE_PURGE_URL = base + "/"
            with servers.running(command, base + "/robots.txt"):
                yield base
    finally:
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
