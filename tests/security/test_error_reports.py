"""A 500 mails ADMINS (Django's AdminEmailHandler), and the page claims so only when true."""

import pytest
from django.core import mail
from django.test import Client

from newsroom.settings import mail as mail_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_view(settings):
    settings.ROOT_URLCONF = "tests.security.urls_500"


def test_a_500_is_mailed_to_the_admins_and_the_page_says_so(failing_view, settings):
    settings.ADMINS = [("Tim Teknis", "teknis@example.com")]
    response = Client(raise_request_exception=False).get("/gagal/")
    assert response.status_code == 500
    assert "Tim kami sudah diberi tahu" in response.content.decode()
    assert "We have been told" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["teknis@example.com"]
    assert "RuntimeError" in message.body
    assert "/gagal/" in message.subject


def test_without_admins_the_page_claims_nobody_was_told(failing_view, settings):
    settings.ADMINS = []
    response = Client(raise_request_exception=False).get("/gagal/")
    assert response.status_code == 500
    assert "diberi tahu" not in response.content.decode()
    assert "Silakan coba lagi" in response.content.decode()
    assert mail.outbox == []


def test_admins_come_from_the_environment(monkeypatch):
    """ADMINS="Tim Teknis <teknis@example.com>, ops@example.com" becomes Django's pairs."""
    import importlib

    monkeypatch.setenv("ADMINS", "Tim Teknis <teknis@example.com>, ops@example.com")
    reloaded = importlib.reload(mail_settings)
    try:
        assert reloaded.ADMINS == [
            ("Tim Teknis", "teknis@example.com"),
            ("ops@example.com", "ops@example.com"),
        ]
    finally:
        monkeypatch.delenv("ADMINS")
        importlib.reload(mail_settings)
