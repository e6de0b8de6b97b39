"""Mail after a comment"""

import datetime
import logging
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from comments.models import Comment, DiscussionSettings
from tests.comments.helpers import post
from tests.factories import comment_form_data, make_comment, make_staff

pytestmark = pytest.mark.django_db


def test_over_long_name_email_and_url_are_refused(client, article):
    data = comment_form_data(
        article,
        name="n" * 246,
        email="e" * 95 + "@example.com",
        url="https://x.example/" + "p" * 200,
    )
    html = post(client, data).content.decode()
    assert html.count('class="field-error"') == 3


def test_a_failing_mail_server_loses_nothing(
    client, article, django_capture_on_commit_callbacks, caplog
):
    """SMTP down: the comment is stored, the visitor redirected, the failure logged."""
    caplog.set_level(logging.ERROR, logger="comments.notifications")
    make_staff("moderator", email="moderator@example.com")
    with (
        mock.patch("comments.notifications.send_mail", side_effect=OSError("no route")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = post(client, comment_form_data(article))
    assert response.status_code == 302
    assert Comment.objects.count() == 1
    assert "Could not send the comment notification" in caplog.text


def test_no_mail_for_published_comments_when_the_editor_turned_it_off(
    client, article, django_capture_on_commit_callbacks
):
    make_staff("moderator", email="moderator@example.com")
    make_comment(
        article,
        author_name="Budi Santoso",
        author_email="budi.rahasia@example.com",
        created_at=timezone.now() - datetime.timedelta(hours=1),
    )
    discussion = DiscussionSettings.load()
    discussion.notify_on_publish = False
    discussion.save()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, comment_form_data(article, comment="Tanpa surel"))
    assert Comment.objects.get(body="Tanpa surel").status == Comment.Status.APPROVED
    assert mail.outbox == []
