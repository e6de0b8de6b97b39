from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from comments.models import Comment


class Command(BaseCommand):
    help = "Remove IP addresses and browser strings from comments older than N days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=30, help="Keep them for this many days (default 30)."
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        cutoff = timezone.now() - timezone.timedelta(days=days)
        old = Comment.objects.filter(created_at__lt=cutoff).exclude(ip_address=None, user_agent="")
        cleared = old.update(ip_address=None, user_agent="")
        self.stdout.write(f"Cleared the IP address and browser of {cleared} comments.")
