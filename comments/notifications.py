"""Email to editors about new comments. Runs after the comment is committed; never raises."""

import logging
import smtplib

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Comment

logger = logging.getLogger(__name__)


def editor_addresses(article):
    """Active staff who may moderate comments, and the article's author, with an address."""
    User = get_user_model()
    moderators = User.objects.filter(is_active=True, is_staff=True).filter(
        Q(is_superuser=True)
        | Q(user_permissions__codename="change_comment")
        | Q(groups__permissions__codename="change_comment")
    )
    addresses = set(moderators.exclude(email="").values_list("email", flat=True))
    if article.author.is_active and article.author.email:
        addresses.add(article.author.email)
    return sorted(addresses)


def notify_editors(comment_id, base_url):
    """Tell editors about a held or newly published comment. Failures are logged, not raised."""
    comment = Comment.objects.select_related("article__author").filter(pk=comment_id).first()
    if comment is None:
        return 0
    recipients = editor_addresses(comment.article)
    if not recipients:
        return 0
    held = comment.status != Comment.Status.APPROVED
    admin_path = reverse("admin:comments_comment_change", args=[comment.pk])
    with translation.override(translation.get_language() or "id"):
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
    try:
        return send_mail(subject, body, None, recipients)
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send the comment notification for comment %s", comment.pk)
        return 0
