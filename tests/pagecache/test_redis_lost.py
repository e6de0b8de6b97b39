"""A Redis lost under the site (killed, or frozen) degrades to rendering: reader pages keep
answering, a comment is stored and answered as stored, a signed-in editor keeps working; once
Redis answers again nothing it held from before is served stale. A real redis-server, on a
socket of its own."""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.test import Client, override_settings

from comments.models import Comment
from comments.services import comment_set_status
from popularity.models import HourlyReads
from scripts import servers
from tests.factories import comment_form_data, make_article, make_comment

pytestmark = pytest.mark.django_db(transaction=True)


def real_clock_environment():
    """The environment without libfaketime: redis-server cannot run under it (its allocator's
    clock calls recurse), and like PostgreSQL's server it keeps the real clock while the suite
    runs at a faked date (CI's faketime passes); the site asks it for no time."""
    environment = dict(os.environ)
    for name in ("LD_PRELOAD", "FAKETIME", "FAKETIME_DONT_RESET", "DONT_FAKE_MONOTONIC"):
        environment.pop(name, None)
    return environment


class RedisServer:
    def __init__(self, folder):
        self.socket = Path(folder) / "redis.sock"
        self.process = None

    def start(self):
        output = self.socket.with_name("redis.log")
        with open(output, "ab") as log:
            self.process = subprocess.Popen(
                ["redis-server", "--port", "0", "--unixsocket", str(self.socket), "--save", "",
                 "--appendonly", "no"],
                stdout=log, stderr=subprocess.STDOUT, env=real_clock_environment(),
            )  # fmt: skip
        servers.wait_until_ready(self.process, self.socket, 20, output)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        if self.socket.exists():
            os.unlink(self.socket)


@pytest.fixture
def redis_process(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.kill()


@pytest.fixture
def redis_server(redis_process):
    """Redis as the default cache, the page cache and the sessions' cache (cached_db)."""
    location = f"unix://{redis_process.socket}"
    options = {"socket_connect_timeout": 1, "socket_timeout": 1}
    caches = {
        alias: {"BACKEND": "pagecache.resilient.ResilientRedisCache", "LOCATION": location,
                "KEY_PREFIX": alias, "OPTIONS": options}
        for alias in ("default", "pages")
    }  # fmt: skip
    with override_settings(
        CACHES=caches, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"
    ):
        yield redis_process
        if redis_process.process.poll() is not None:
            redis_process.start()  # putting the settings back empties the caches


def body(response):
    return response.content.decode()


def test_a_killed_redis_leaves_pages_comments_and_the_desk_working(redis_server, staff_client):
    article = make_article("Banjir di Jakarta")
    reader = Client()
    reader.get(article.get_absolute_url())
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    assert staff_client.get("/admin/").status_code == 200

    redis_server.kill()

    for path in ("/", article.get_absolute_url(), "/feed/"):
        response = reader.get(path)
        assert response.status_code == 200, path
        assert "Banjir di Jakarta" in body(response), path
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    posted = reader.post("/comments/post/", comment_form_data(article, comment="Tetap tersimpan."),
                         REMOTE_ADDR="198.51.100.9")  # fmt: skip
    assert posted.status_code == 302, body(posted)
    assert Comment.objects.count() == 1
    assert posted["Location"].endswith(f"#comment-{Comment.objects.get().pk}")
    assert staff_client.get("/admin/").status_code == 200  # the session comes from the database
    changelist = staff_client.get("/admin/comments/comment/")
    assert "Tetap tersimpan." in body(changelist)
    beacon = reader.post(f"/hit/{article.pk}/", HTTP_USER_AGENT="Mozilla/5.0")
    assert beacon.status_code == 204
    assert not HourlyReads.objects.exists()  # without the cache a repeat cannot be told apart


def test_purges_lost_while_redis_was_frozen_leave_nothing_stale_when_it_answers(redis_server):
    """Redis stopped (SIGSTOP) with a stored page; a comment is approved meanwhile (its purge
    is lost); Redis continues with its old data: the page shows the comment at once."""
    article = make_article("Gempa di Palu")
    held = make_comment(article, body="Komentar tertahan.", status=Comment.Status.PENDING)
    reader = Client()
    reader.get(article.get_absolute_url())
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    redis_server.process.send_signal(signal.SIGSTOP)
    try:
        comment_set_status(comments=Comment.objects.filter(pk=held.pk), status="approved")
        assert "Komentar tertahan." in body(reader.get(article.get_absolute_url()))
    finally:
        redis_server.process.send_signal(signal.SIGCONT)
    time.sleep(1.1)  # the cache is tried again after a second
    page = reader.get(article.get_absolute_url())
    assert "Komentar tertahan." in body(page)
