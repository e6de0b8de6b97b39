import json

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from comments import cachekeys
from comments.models import Comment


class Command(BaseCommand):
    help = "Export (as JSON) or erase the comment data of the commenter with this email address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")

    def handle(self, *args, action, email, **options):
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(f"Not an email address: {email!r}") from exc
        comments = Comment.objects.by_email(email).select_related("article", "page")
        if action == "export":
            self.stdout.write(json.dumps(self.export(comments), ensure_ascii=False, indent=2))
            return
        with translation.override(settings.LANGUAGE_CODE):
            anonymous = gettext("Anonymous")
        with transaction.atomic():
            # The erased names show on articles' and pages' own pages: purge them (an update
            # sends no signals).
            on = set(comments.values_list("article_id", "page_id"))
            cachekeys.purge_articles({a for a, _p in on}, {p for _a, p in on})
            ids = list(comments.values_list("pk", flat=True))
            personal = {email}
            for row in comments.values_list("author_name", "author_email", "author_url"):
                personal.update(row)
            erased = comments.update(
                author_name=anonymous, author_email="", author_url="", ip_address=None,
                user_agent="", user=None,
            )  # fmt: skip
            logged = self.erase_from_admin_log(ids, personal, anonymous)
        self.stdout.write(
            f"Erased the personal data of {erased} comments and {logged} admin log entries."
        )

    @staticmethod
    def erase_from_admin_log(ids, personal, anonymous):
        """The admin's history of these comments names them by their (old) name: rename it.

        An entry's object_repr becomes the anonymised comment's; any other mention of the
        commenter's name, address or website (in a change message) becomes the anonymous name.
        """
        content_type = ContentType.objects.get_for_model(Comment)
        entries = LogEntry.objects.filter(
            content_type=content_type, object_id__in=[str(pk) for pk in ids]
        )
        current = {str(c.pk): str(c) for c in Comment.objects.filter(pk__in=ids)}
        personal = sorted((p for p in personal if p), key=len, reverse=True)
        changed = 0
        for entry in entries:
            entry.object_repr = current[entry.object_id][:200]
            message = entry.change_message
            for value in personal:
                message = message.replace(value, anonymous)
            entry.change_message = message
            entry.save(update_fields=["object_repr", "change_message"])
            changed += 1
        return changed

    @staticmethod
    def export(comments):
        return [
            {
                "id": c.pk,
                "article": c.target.title,
                "article_url": c.target.get_absolute_url(),
                "name": c.author_name,
                "email": c.author_email,
                "website": c.author_url,
                "comment": c.body,
                "status": c.status,
                "submitted": c.created_at.isoformat(),
                "ip_address": c.ip_address,
                "browser": c.user_agent,
            }
            for c in comments.order_by("created_at")
        ]
