"""Password reset: the mail goes through the task worker, a known and an unknown address get
the same answer from the same work, and requests are limited per address and per account.

The hanging test uses the real database task backend and its worker against a mail server on
127.0.0.1 that accepts connections and never answers (scripts/fake_smtp.py).
"""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsroom import password_reset
from scripts.fake_smtp import FakeSMTPServer
from tests.comments import test_tasks as worker_tests
from tests.factories import make_member

RESET = "/admin/password-reset/"
DATABASE_TASKS, run_worker = worker_tests.DATABASE_TASKS, worker_tests.run_worker
smtp_settings = worker_tests.smtp_settings  # the fixture pointing mail at a local server


@pytest.fixture
def editor(db):
    return make_member("Editor", "dewi", email="dewi@example.com")


def ask(client, email, address="198.51.100.7", **extra):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address, **extra)


def shape(queries):
    """The statements a request ran, with their values taken out."""
    return [re.sub(r"'[^']*'|\b\d+\b", "?", query["sql"]) for query in queries]


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_against_a_hanging_mail_server_known_and_unknown_addresses_get_the_same_answer(
    editor, smtp_settings
):
    """Neither request opens a connection to the mail server; both run the same statements and
    queue one task; the worker mails only the editor, and the link works."""
    with FakeSMTPServer(hanging=True) as hanging:
        smtp_settings(hanging)
        with CaptureQueriesContext(connection) as known_queries:
            known = ask(Client(), "dewi@example.com", "198.51.100.7")
        with CaptureQueriesContext(connection) as unknown_queries:
            unknown = ask(Client(), "siapa@example.com", "198.51.100.8")
        assert known.status_code == unknown.status_code == 302
        assert known["Location"] == unknown["Location"] == "/admin/password-reset/sent/"
        assert hanging.connections == 0  # the requests never waited on the mail server
        assert shape(known_queries.captured_queries) == shape(unknown_queries.captured_queries)
        assert DBTaskResult.objects.ready().count() == 2
        run_worker()  # the editor's mail: accepted, no answer, given up after EMAIL_TIMEOUT
        assert hanging.connections == 1
    with FakeSMTPServer() as working:
        smtp_settings(working)
        ask(Client(), "dewi@example.com", "198.51.100.9")
        run_worker()
        assert len(working.messages) == 1
        message = working.messages[0]
    assert "<dewi@example.com>" in message["to"]
    link = re.search(r"http://testserver(/admin/password-reset/\S+/\S+/)", message["data"])
    form = Client().get(link.group(1), follow=True)
    assert form.status_code == 200
    assert 'name="new_password1"' in form.content.decode()


def test_the_mail_speaks_the_language_the_form_was_asked_in(client, editor):
    ask(client, "dewi@example.com", HTTP_ACCEPT_LANGUAGE="en")
    ask(client, "dewi@example.com", "198.51.100.8", HTTP_ACCEPT_LANGUAGE="id")
    english, indonesian = mail.outbox
    assert "Password reset" in english.subject
    assert "Penyetelan ulang sandi" in indonesian.subject


def test_resets_for_one_account_are_limited_from_any_address(client, editor):
    """20 requests for one editor from 20 addresses: three mails, then a clear refusal in
    Indonesian that keeps what was typed."""
    responses = [ask(client, "dewi@example.com", f"203.0.113.{n + 1}") for n in range(20)]
    assert [r.status_code for r in responses[:3]] == [302, 302, 302]
    assert {r.status_code for r in responses[3:]} == {429}
    assert len(mail.outbox) == password_reset.PER_ACCOUNT == 3
    page = responses[-1].content.decode()
    assert "Terlalu banyak permintaan" in page
    assert 'value="dewi@example.com"' in page


def test_the_account_limit_ignores_case_and_spaces(client, editor):
    for n, written in enumerate(["dewi@example.com", "DEWI@example.com", " Dewi@Example.com "]):
        assert ask(client, written, f"203.0.113.{n + 1}").status_code == 302
    assert ask(client, "dewi@EXAMPLE.com", "203.0.113.9").status_code == 429


def test_an_unknown_address_is_limited_the_same_way(client, editor):
    """The limit does not tell who has an account: an unknown address is refused alike."""
    codes = [ask(client, "siapa@example.com", f"203.0.113.{n + 1}").status_code for n in range(4)]
    assert codes == [302, 302, 302, 429]
    assert mail.outbox == []


def test_resets_from_one_address_are_limited_across_accounts(client, editor):
    for n in range(password_reset.PER_ADDRESS):
        assert ask(client, f"orang{n}@example.com").status_code == 302
    refused = ask(client, "dewi@example.com", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert "Too many password reset requests" in refused.content.decode()
    assert mail.outbox == []
    assert ask(client, "dewi@example.com", "203.0.113.50").status_code == 302


def test_the_limits_lift_after_an_hour(client, editor):
    for n in range(3):
        ask(client, "dewi@example.com", f"203.0.113.{n + 1}")
    assert ask(client, "dewi@example.com", "203.0.113.9").status_code == 429
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61)):
        assert ask(client, "dewi@example.com", "203.0.113.9").status_code == 302
    assert len(mail.outbox) == 4


def test_what_the_limit_keeps_is_hashed_and_gone_after_the_hour(client, editor):
    """Neither the typed email nor the requester's IP address is kept in the clear."""
    ask(client, "dewi@example.com", "198.51.100.77")
    row = password_reset.PasswordResetRequest.objects.get()
    assert "dewi" not in row.account
    assert "198.51.100.77" not in row.address
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61)):
        ask(client, "siapa@example.com")
        assert password_reset.PasswordResetRequest.objects.count() == 1
