from django.core.management.base import BaseCommand

from articles.models import Article
from articles.related import refresh_related


class Command(BaseCommand):
    help = (
        'Rank every article\'s "Read also" list again (saving an article does it for that one): '
        "after an import or an upgrade."
    )

    def handle(self, *args, **options):
        count = 0
        for article in Article.objects.only("pk", "category_id").iterator():
            refresh_related(article, neighbours=False)
            count += 1
        self.stdout.write(f'"Read also" ranked for {count} articles.')
