from django.core.management.base import BaseCommand

from comments import counts


class Command(BaseCommand):
    help = "Recount every article's and page's approved and held comments (comment_count)."

    def handle(self, *args, **options):
        self.stdout.write(f"Recounted the comments of {counts.recount()} articles and pages.")
