"""A worker killed mid-task (`kill -9`) loses its claim after TASK_CLAIM_TIMEOUT: the task is
queued again exactly once, and `manage.py stuck_tasks` shows and clears such tasks; a worker that
is only slow keeps its claim, so its task never runs twice."""

import datetime
import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from comments.models import Comment
from newsroom import task_claims
from newsroom.management.commands.db_worker import LeasingWorker
from scripts.fake_smtp import FakeSMTPServer
from tests.comments.test_tasks import DATABASE_TASKS
from tests.factories import comment_form_data, make_article, make_staff

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("mail_to_moderator"),
]


@pytest.fixture
def mail_to_moderator(settings):
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_USE_TLS = False
    make_staff("moderator", email="moderator@example.com")


def point_mail_at(settings, server, timeout=1):
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        server.port,
        timeout,
    )


def post_comment():
    response = Client().post(
        "/comments/post/", comment_form_data(make_article()), REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302
    return DBTaskResult.objects.get(task_path="comments.notifications.notify_editors")


def run_worker():
    LeasingWorker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    ).run()  # fmt: skip


def run_worker_in_thread():
    try:
        run_worker()
    finally:
        connection.close()  # this thread's own


def database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def later(seconds):
    return time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds), tick=False)


def stuck_tasks(*args):
    out = io.StringIO()
    call_command("stuck_tasks", *args, stdout=out)
    return out.getvalue()


def test_a_task_whose_worker_was_killed_is_taken_back_once_and_its_mail_sent(settings, tmp_path):
    """`manage.py db_worker` claims the notification and hangs in SMTP; `kill -9` leaves it
    RUNNING. Within the timeout nothing is stuck; past it, `stuck_tasks` lists it and
    `--clear` queues it again; the next worker sends the mail, once."""
    with FakeSMTPServer(hanging=True) as hanging:
        point_mail_at(settings, hanging)
        task = post_comment()
        env = {
            **os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.base",
            "SECRET_KEY": "test", "DATABASE_URL": database_url(), "CACHE_URL": "locmem://",
            "PAGE_CACHE_DIR": str(tmp_path / "pages"), "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(hanging.port), "EMAIL_USE_TLS": "0", "EMAIL_TIMEOUT": "60",
            "LOG_LEVEL": "WARNING",
        }  # fmt: skip
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while hanging.connections == 0:  # the worker is inside the task, talking SMTP
                assert worker.poll() is None, worker.stderr.read().decode()
                assert time.monotonic() < deadline
                time.sleep(0.05)
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            worker.stderr.close()
    task.refresh_from_db()
    assert task.status == "RUNNING"
    assert stuck_tasks() == "No stuck tasks.\n"  # its worker may still be alive

    with later(settings.NEWSROOM_TASK_CLAIM_TIMEOUT + 1):
        listed = stuck_tasks()
        assert str(task.pk) in listed
        assert "comments.notifications.notify_editors" in listed
        assert "Queued again: 1; failed: 0." in stuck_tasks("--clear")
        assert stuck_tasks() == "No stuck tasks.\n"
    task.refresh_from_db()
    assert task.status == "READY"

    with FakeSMTPServer() as working:
        point_mail_at(settings, working)
        run_worker()
        run_worker()
    assert len(working.messages) == 1
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert len(task.worker_ids) == 2


def test_a_task_whose_retry_stopped_too_fails_instead_of_running_a_third_time(settings):
    """Taken back exactly once: the second stale claim marks it FAILED; no worker runs it."""
    with FakeSMTPServer() as working:
        point_mail_at(settings, working)
        task = post_comment()
        task.claim("killed-1")
        with later(settings.NEWSROOM_TASK_CLAIM_TIMEOUT + 1):
            assert task_claims.take_back_stale() == {task.pk: "READY"}
            task.refresh_from_db()
            task.claim("killed-2")
        with later(2 * settings.NEWSROOM_TASK_CLAIM_TIMEOUT + 2):
            assert task_claims.take_back_stale() == {task.pk: "FAILED"}
            run_worker()
        assert working.messages == []
    task.refresh_from_db()
    assert task.status == "FAILED"
    assert task.exception_class_path == task_claims.STALE_CLASS


@override_settings(NEWSROOM_TASK_CLAIM_TIMEOUT=1)
@pytest.mark.real_clock(
    "the lease thread's timed waits (a quarter of a 1 s timeout) lose their renewals under"
    " libfaketime's shifted clock, and the claim is taken back as if its worker had died"
)
def test_a_slow_worker_keeps_its_claim_so_its_task_runs_once(settings):
    """A task that outlasts the timeout (SMTP hanging 3 s, timeout 1 s) is renewed by its
    living worker: taking back stale claims meanwhile finds nothing, and it ran on one worker."""
    with FakeSMTPServer(hanging=True) as hanging:
        point_mail_at(settings, hanging, timeout=3)
        task = post_comment()
        worker = threading.Thread(target=run_worker_in_thread)
        worker.start()
        taken = {}
        while worker.is_alive():
            taken.update(task_claims.take_back_stale())
            time.sleep(0.1)
        worker.join()
        assert hanging.connections == 1
    assert taken == {}
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert task.worker_ids == ["test-worker"]
    # Its failed delivery is queued as the next attempt, as ever.
    assert Comment.objects.count() == 1
    assert DBTaskResult.objects.filter(status="READY").count() == 1
