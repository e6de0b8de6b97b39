from django.core.management.base import BaseCommand

from articles.models import Article
from articles.related import refresh_many


class Command(BaseCommand):
    help = (
        'Rank every article\'s "Read also" list again (saving an article does it for that one): '
        "after an import or an upgrade."
    )

    def handle(self, *args, **options):
        pks = list(Article.objects.values_list("pk", flat=True))
        refresh_many(pks, neighbours=False)
        count = len(pks)
        self.stdout.write(f'"Read also" ranked for {count} articles.')
