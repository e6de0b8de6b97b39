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
    assert old.ip_address is None
    assert old.user_agent == ""
    assert recent.ip_address == "192.0.2.1"
    assert recent.user_agent == "UA"


def test_clear_ips_refuses_negative_days():
    with pytest.raises(CommandError):
        run("comments_clear_ips", "--days", "-1")


def test_export_gives_every_comment_of_the_commenter_as_json():
    mine = make_comment(author_email="Sari@Example.com", body="Punya saya")
    make_comment(author_email="lain@example.com")
    data = json.loads(run("comments_personal_data", "export", "sari@example.com"))
    assert [item["id"] for item in data] == [mine.pk]
    assert data[0]["comment"] == "Punya saya"
    assert data[0]["ip_address"] == "192.0.2.1"


def test_erase_anonymises_the_commenter_and_keeps_the_conversation():
    """Name becomes "Anonim"; email, website, IP and browser go; the text stays."""
    mine = make_comment(author_email="sari@example.com", author_url="https://sari.example/")
    other = make_comment(author_email="lain@example.com")
    run("comments_personal_data", "erase", "SARI@example.com")
    mine.refresh_from_db()
    assert (mine.author_name, mine.author_email, mine.author_url) == ("Anonim", "", "")
    assert mine.ip_address is None
    assert mine.status == Comment.Status.APPROVED
    other.refresh_from_db()
    assert other.author_email == "lain@example.com"


def test_personal_data_needs_an_email_address():
    with pytest.raises(CommandError):
        run("comments_personal_data", "export", "bukan-email")


def test_erase_also_renames_the_comment_in_the_admin_log(admin_client):
    """An editor edited the comment: the admin's history named "Sari"; after erase it does not."""
    from django.contrib.admin.models import LogEntry

    mine = make_comment(author_name="Sari Wulandari", author_email="sari@example.com")
    other = make_comment(author_name="Budi Lain", author_email="budi@example.com")
    for comment in (mine, other):
        url = f"/admin/comments/comment/{comment.pk}/change/"
        form = admin_client.get(url).context["adminform"].form
        data = {name: form[name].value() or "" for name in form.fields}
        data["body"] = "Disunting oleh editor"
        assert admin_client.post(url, data).status_code == 302
    LogEntry.objects.filter(object_id=str(mine.pk)).update(
        change_message="Edited for Sari Wulandari <sari@example.com>"
    )
    assert "and 1 admin log entries" in run("comments_personal_data", "erase", "sari@example.com")
    entry = LogEntry.objects.get(object_id=str(mine.pk))
    assert "Sari" not in entry.object_repr
    assert entry.object_repr.startswith("Anonim")
    assert "Sari" not in entry.change_message
    assert "sari@example.com" not in entry.change_message
    assert LogEntry.objects.get(object_id=str(other.pk)).object_repr.startswith("Budi Lain")
