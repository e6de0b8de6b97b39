"""Notification mail is background work: queued in the database, sent by the worker, retried.

These tests use the real database task backend and run its worker (`db_worker --batch`'s
Worker), against a mail server on 127.0.0.1 that first hangs and then works.
"""

import datetime
import logging

import pytest
import time_machine
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from comments.models import Comment
from scripts.fake_smtp import FakeSMTPServer
from tests.factories import comment_form_data, make_article, make_staff

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """What `manage.py db_worker --batch` does: run every task that is due, then stop."""
    Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    ).run()  # fmt: skip


@pytest.fixture
def smtp_settings(settings):
    def point_at(server):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_TIMEOUT = 1

    return point_at


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS, NEWSROOM_MAIL_RETRY_SECONDS=60)
def test_a_hanging_mail_server_never_touches_the_request_and_mail_goes_once_it_works(
    smtp_settings,
):
    """The post answers with its redirect without contacting the mail server; the worker
    times out (EMAIL_TIMEOUT), tries again later with back-off, and delivers once it works."""
    make_staff("moderator", email="moderator@example.com")
    article = make_article()
    with FakeSMTPServer(hanging=True) as hanging:
        smtp_settings(hanging)
        response = Client().post(
            "/comments/post/", comment_form_data(article), REMOTE_ADDR="198.51.100.40"
        )
        assert response.status_code == 302
        comment = Comment.objects.get()
        assert response["Location"].endswith(f"#comment-{comment.pk}")
        assert hanging.connections == 0  # the request never waited on the mail server
        assert DBTaskResult.objects.ready().count() == 1

        run_worker()  # one attempt: accepted, no answer, gives up after EMAIL_TIMEOUT
        assert hanging.connections == 1
        assert hanging.messages == []
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["args"] == [comment.pk, "http://testserver", "id", 2]
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=50)

    with FakeSMTPServer() as working:
        smtp_settings(working)
        run_worker()  # not due yet: nothing sent
        assert working.connections == 0
        with time_machine.travel(timezone.now() + datetime.timedelta(seconds=61)):
            run_worker()
        assert len(working.messages) == 1
        message = working.messages[0]
    assert "<moderator@example.com>" in message["to"]
    assert f"/admin/comments/comment/{comment.pk}/change/" in message["data"]
    assert DBTaskResult.objects.filter(status="READY").count() == 0


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS, NEWSROOM_MAIL_ATTEMPTS=2, NEWSROOM_MAIL_RETRY_SECONDS=0)
def test_retries_are_bounded(smtp_settings, caplog):
    """A mail server that never comes back: NEWSROOM_MAIL_ATTEMPTS tries, then an error log."""
    caplog.set_level(logging.WARNING, logger="comments.notifications")
    make_staff("moderator", email="moderator@example.com")
    article = make_article()
    Client().post("/comments/post/", comment_form_data(article), REMOTE_ADDR="198.51.100.41")
    with FakeSMTPServer(hanging=True) as hanging:
        smtp_settings(hanging)
        run_worker()
        assert hanging.connections == 2
    assert "trying again" in caplog.text
    assert "giving up" in caplog.text
    assert DBTaskResult.objects.filter(status="READY").count() == 0


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_sends_what_the_request_queued():
    make_staff("moderator", email="moderator@example.com")
    article = make_article()
    Client().post("/comments/post/", comment_form_data(article), REMOTE_ADDR="198.51.100.42")
    assert mail.outbox == []
    run_worker()
    assert len(mail.outbox) == 1
    assert "moderator@example.com" in mail.outbox[0].to
