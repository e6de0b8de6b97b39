"""Email to editors about new comments: a background task, retried with back-off.

The comment service enqueues `notify_editors` once the comment is committed, so a slow or dead
mail server never holds a request. A failed delivery is tried again later (`retry_delay`), at
most `NEWSROOM_MAIL_ATTEMPTS` times; the comment itself is never at risk. Only the comment's id
travels through the queue (and so through the worker's log), never its author's data.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from .models import Comment

logger = logging.getLogger(__name__)


def editor_addresses(article):
    """Active staff who may moderate comments, and the article's author, with an address
    (a standing page has no author: its comments go to the moderators)."""
    User = get_user_model()
    moderators = User.objects.filter(is_active=True, is_staff=True).filter(
        Q(is_superuser=True)
        | Q(user_permissions__codename="change_comment")
        | Q(groups__permissions__codename="change_comment")
    )
    addresses = set(moderators.exclude(email="").values_list("email", flat=True))
    author = getattr(article, "author", None)
    if author is not None and author.is_active and author.email:
        addresses.add(author.email)
    return sorted(addresses)


def retry_delay(attempt):
    """Seconds to wait after failed attempt `attempt` (1, 2, ...): doubling, capped."""
    base = settings.NEWSROOM_MAIL_RETRY_SECONDS
    return min(base * 2 ** (attempt - 1), settings.NEWSROOM_MAIL_RETRY_MAX_SECONDS)


@task()
def notify_editors(comment_id, base_url, language="id", attempt=1):
    """Tell editors about a held or newly published comment; on failure, try again later."""
    try:
        return send_notification(comment_id, base_url, language)
    except (smtplib.SMTPException, OSError) as error:
        problem = type(error).__name__
    if (
        attempt >= settings.NEWSROOM_MAIL_ATTEMPTS
        or not notify_editors.get_backend().supports_defer
    ):
        logger.error(
            "Could not send the comment notification for comment %s (attempt %d, %s); "
            "giving up.",
            comment_id, attempt, problem,
        )  # fmt: skip
        return 0
    delay = retry_delay(attempt)
    logger.warning(
        "Could not send the comment notification for comment %s (attempt %d, %s); "
        "trying again in %d s.",
        comment_id, attempt, problem, delay,
    )  # fmt: skip
    later = notify_editors.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
    later.enqueue(comment_id, base_url, language, attempt + 1)
    return 0


def send_notification(comment_id, base_url, language):
    """Mail the editors about one comment; returns how many messages went, raises on failure."""
    comment = (
        Comment.objects.select_related("article__author", "page").filter(pk=comment_id).first()
    )
    if comment is None:
        return 0
    recipients = editor_addresses(comment.target)
    if not recipients:
        return 0
    held = comment.status != Comment.Status.APPROVED
    admin_path = reverse("admin:comments_comment_change", args=[comment.pk])
    with translation.override(language):
        context = {
            "comment": comment,
            "held": held,
            "admin_url": base_url + admin_path,
            "queue_url": base_url
            + reverse("admin:comments_comment_changelist")
            + "?status__exact=pending",
        }
        subject = render_to_string("comments/email/notify_subject.txt", context).strip()
        body = render_to_string("comments/email/notify_body.txt", context)
    return send_mail(subject, body, None, recipients)
