"""Privacy commands: forget old IP addresses, export or erase one commenter's data."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from comments.models import Comment
from tests.factories import make_comment

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_clear_ips_forgets_addresses_and_browsers_older_than_n_days():
    old = make_comment(created_at=timezone.now() - datetime.timedelta(days=40), user_agent="UA")
    recent = make_comment(created_at=timezone.now() - datetime.timedelta(days=5), user_agent="UA")
    assert "1 comments" in run("comments_clear_ips", "--days", "30")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.ip_address is None and old.user_agent == ""
    assert recent.ip_address == "192.0.2.1" and recent.user_agent == "UA"


def test_clear_ips_refuses_negative_days():
    with pytest.raises(CommandError):
        run("comments_clear_ips", "--days", "-1")


def test_export_gives_every_comment_of_the_commenter_as_json():
    mine = make_comment(author_email="Sari@Example.com", body="Punya saya")
    make_comment(author_email="lain@example.com")
    data = json.loads(run("comments_personal_data", "export", "sari@example.com"))
    assert [item["id"] for item in data] == [mine.pk]
    assert data[0]["comment"] == "Punya saya" and data[0]["ip_address"] == "192.0.2.1"


def test_erase_anonymises_the_commenter_and_keeps_the_conversation():
    """Name becomes "Anonim"; email, website, IP and browser go; the text stays."""
    mine = make_comment(author_email="sari@example.com", author_url="https://sari.example/")
    other = make_comment(author_email="lain@example.com")
    run("comments_personal_data", "erase", "SARI@example.com")
    mine.refresh_from_db()
    assert (mine.author_name, mine.author_email, mine.author_url) == ("Anonim", "", "")
    assert mine.ip_address is None and mine.status == Comment.Status.APPROVED
    other.refresh_from_db()
    assert other.author_email == "lain@example.com"


def test_personal_data_needs_an_email_address():
    with pytest.raises(CommandError):
        run("comments_personal_data", "export", "bukan-email")
