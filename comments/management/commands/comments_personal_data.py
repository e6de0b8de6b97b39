import json

from django.conf import settings
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
        comments = Comment.objects.by_email(email).select_related("article")
        if action == "export":
            self.stdout.write(json.dumps(self.export(comments), ensure_ascii=False, indent=2))
            return
        with translation.override(settings.LANGUAGE_CODE):
            anonymous = gettext("Anonymous")
        with transaction.atomic():
            # The erased names show on articles' pages: purge them (an update sends no signals).
            cachekeys.purge_articles(set(comments.values_list("article_id", flat=True)))
            erased = comments.update(
                author_name=anonymous, author_email="", author_url="", ip_address=None,
                user_agent="", user=None,
            )  # fmt: skip
        self.stdout.write(f"Erased the personal data of {erased} comments.")

    @staticmethod
    def export(comments):
        return [
            {
                "id": c.pk,
                "article": c.article.title,
                "article_url": c.article.get_absolute_url(),
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
