"""Without a mail server nothing personal reaches the log; erase reaches the admin log too."""

import logging

import pytest
from django.test import Client

from tests.factories import comment_form_data, make_staff

pytestmark = pytest.mark.django_db

EMAIL, IP, TEXT = "sari.rahasia@example.com", "198.51.100.77", "Teks pribadi Sari yang panjang"


def test_without_email_host_a_notification_logs_one_line_and_nothing_personal(
    settings, article, caplog, capfd, django_capture_on_commit_callbacks
):
    """The default backend (no EMAIL_HOST) logs the subject only, not email, IP or text."""
    settings.EMAIL_BACKEND = "newsroom.mail.WithheldEmailBackend"
    caplog.set_level(logging.DEBUG)
    make_staff("moderator", email="moderator@example.com")
    data = comment_form_data(article, email=EMAIL, comment=TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/comments/post/", data, REMOTE_ADDR=IP)
    assert response.status_code == 302
    assert "Mail not sent (EMAIL_HOST is not set)" in caplog.text
    out, err = capfd.readouterr()
    for secret in (EMAIL, IP, TEXT, "moderator@example.com"):
        assert secret not in caplog.text
        assert secret not in out
        assert secret not in err


def test_without_email_host_the_default_backend_is_the_withholding_one(monkeypatch):
    import importlib

    from newsroom.settings import mail as mail_settings

    monkeypatch.delenv("EMAIL_HOST", raising=False)
    monkeypatch.delenv("EMAIL_BACKEND", raising=False)
    try:
        assert importlib.reload(mail_settings).EMAIL_BACKEND == "newsroom.mail.WithheldEmailBackend"
        assert mail_settings.EMAIL_TIMEOUT == 10
        monkeypatch.setenv("EMAIL_HOST", "mail.example.com")
        assert importlib.reload(mail_settings).EMAIL_BACKEND.endswith("smtp.EmailBackend")
    finally:
        monkeypatch.undo()
        importlib.reload(mail_settings)
