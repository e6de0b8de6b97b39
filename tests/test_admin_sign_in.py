"""Signing in to the admin: "remember me", and a password reset by email."""

import re

import pytest
from django.core import mail

from tests.factories import make_member

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-uji-123"


@pytest.fixture
def editor():
    user = make_member("Editor", "dewi", email="dewi@example.com")
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, **extra):
    return client.post("/admin/login/", {"username": "dewi", "password": PASSWORD, **extra})


def test_without_remember_me_the_session_ends_with_the_browser(client, editor):
    response = sign_in(client)
    assert response.status_code == 302
    assert client.session.get_expire_at_browser_close()
    assert response.cookies["sessionid"]["max-age"] == ""
    assert response.cookies["newsroom_staff"]["max-age"] == ""


def test_remember_me_keeps_the_session_for_two_weeks(client, editor):
    response = sign_in(client, remember_me="on")
    assert not client.session.get_expire_at_browser_close()
    assert response.cookies["sessionid"]["max-age"] == 1209600


def test_the_login_page_offers_remember_me_and_a_password_reset(client):
    html = client.get("/admin/login/").content.decode()
    assert 'name="remember_me"' in html
    assert "Ingat saya" in html
    assert 'href="/admin/password-reset/"' in html


def test_password_reset_by_email_end_to_end(client, editor):
    """The form mails a link; the link sets a new password; the new password signs in."""
    response = client.post("/admin/password-reset/", {"email": "dewi@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dewi@example.com"]
    link = re.search(r"http://testserver(/admin/password-reset/\S+/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    new_password = "sandi-baru-yang-panjang-42"
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
        follow=True,
    )
    assert response.request["PATH_INFO"] == "/admin/password-reset/done/"
    editor.refresh_from_db()
    assert editor.check_password(new_password)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, editor):
    response = client.post("/admin/password-reset/", {"email": "siapa@example.com"})
    assert response["Location"] == "/admin/password-reset/sent/"
    assert mail.outbox == []
