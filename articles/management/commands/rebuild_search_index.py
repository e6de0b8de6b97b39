import re

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction


class Command(BaseCommand):
    help = (
        "PostgreSQL: point the article search trigger at NEWSROOM_SEARCH_CONFIG and recompute "
        "every article's search vector. Needed only after changing that setting."
    )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Not PostgreSQL: search reads the articles directly, nothing to do.")
            return
        config = settings.NEWSROOM_SEARCH_CONFIG
        if not re.fullmatch(r"[a-z_]+", config):
            raise CommandError(f"NEWSROOM_SEARCH_CONFIG is not a configuration name: {config!r}")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "CREATE OR REPLACE TRIGGER articles_article_search_vector_update "
                "BEFORE INSERT OR UPDATE OF title, excerpt, body ON articles_article "
                f"FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector('{config}')"
            )
            cursor.execute("UPDATE articles_article SET title = title")
            count = cursor.rowcount
        self.stdout.write(self.style.SUCCESS(f"Search vectors rebuilt ({config}): {count}."))
