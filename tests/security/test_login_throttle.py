"""The admin login locks out a username at one address after repeated failures (django-axes).

The lock is on the username and the address together: failures from an attacker's address
never lock the editor out at their own.
"""

import io

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command

from tests.factories import make_staff

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture(autouse=True)
def _throttle_on(settings):
    """The test settings leave django-axes off; these tests run it as production does."""
    settings.AXES_ENABLED = True


def attempt(client, username, password, address="198.51.100.7", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **extra,
    )


def fail_five_times(client, username="redaksi", address="198.51.100.7"):
    for _ in range(5):
        response = attempt(client, username, "salah-sandi", address)
    return response


def test_five_wrong_passwords_then_the_right_one_is_refused(client, settings):
    """The sixth try is refused even with the right password, with a 429 in Indonesian."""
    make_staff("redaksi")
    assert attempt(client, "redaksi", "salah-sandi").status_code == 200
    for _ in range(3):
        attempt(client, "redaksi", "salah-sandi")
    locked = attempt(client, "redaksi", "salah-sandi")
    assert locked.status_code == 429
    response = attempt(client, "redaksi", "pw-for-tests")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Terlalu banyak" in page
    assert "15 menit" in page


def test_the_lockout_page_speaks_the_editors_language(client):
    make_staff("redaksi")
    fail_five_times(client)
    response = attempt(client, "redaksi", "pw-for-tests", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "15 minutes" in response.content.decode()


def test_an_attacker_elsewhere_cannot_lock_an_editor_out(client):
    """Five wrong passwords for "redaksi" from another address: the editor still signs in."""
    make_staff("redaksi")
    fail_five_times(client, address="198.51.100.7")
    assert attempt(client, "redaksi", "salah-sandi", "198.51.100.7").status_code == 429
    response = attempt(client, "redaksi", "pw-for-tests", "203.0.113.9")
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_the_attackers_own_address_stays_locked_for_that_username(client):
    """The editor signing in elsewhere does not unlock the attacker's address."""
    make_staff("redaksi")
    fail_five_times(client, address="198.51.100.7")
    assert attempt(client, "redaksi", "pw-for-tests", "203.0.113.9").status_code == 302
    client.logout()
    assert attempt(client, "redaksi", "pw-for-tests", "198.51.100.7").status_code == 429


def test_guesses_at_other_usernames_do_not_lock_an_editor(client):
    """Failures for five other usernames from the editor's own address leave the editor alone."""
    make_staff("redaksi")
    for n in range(5):
        attempt(client, f"tebakan{n}", "salah-sandi", "198.51.100.7")
    assert attempt(client, "redaksi", "pw-for-tests", "198.51.100.7").status_code == 302


def test_an_editor_unlocks_with_the_management_command(client):
    make_staff("redaksi")
    fail_five_times(client)
    call_command("axes_reset_username", "redaksi", stdout=io.StringIO())
    call_command("axes_reset_ip", "198.51.100.7", stdout=io.StringIO())
    response = attempt(client, "redaksi", "pw-for-tests")
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_an_editor_unlocks_in_the_admin(client, staff_client):
    """Deleting the access attempts in the admin lets the locked editor in at once."""
    make_staff("redaksi")
    fail_five_times(client)
    attempts = AccessAttempt.objects.all()
    assert attempts.exists()
    listing = staff_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    response = staff_client.post(
        "/admin/axes/accessattempt/",
        {
            "action": "delete_selected",
            "_selected_action": [a.pk for a in attempts],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert attempt(client, "redaksi", "pw-for-tests").status_code == 302


def test_behind_a_proxy_the_lockout_keys_on_the_forwarded_address(client, settings):
    """With CLIENT_IP_HEADER, visitors behind one proxy are counted apart, as the comments are."""
    settings.NEWSROOM_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    make_staff("redaksi")
    for _ in range(5):
        attempt(client, "redaksi", "salah-sandi", "10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    blocked = attempt(
        client, "redaksi", "pw-for-tests", "10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert blocked.status_code == 429
    other = attempt(
        client, "redaksi", "pw-for-tests", "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert other.status_code == 302
    assert AccessAttempt.objects.filter(ip_address="198.51.100.7").exists()


def test_a_success_clears_the_count(client):
    """Four slips then the right password: the next slip does not lock the editor out."""
    make_staff("redaksi")
    for _ in range(4):
        attempt(client, "redaksi", "salah-sandi", "198.51.100.7")
    assert attempt(client, "redaksi", "pw-for-tests", "198.51.100.7").status_code == 302
    client.logout()
    assert attempt(client, "redaksi", "salah-sandi", "203.0.113.9").status_code == 200
    assert attempt(client, "redaksi", "pw-for-tests", "203.0.113.9").status_code == 302
