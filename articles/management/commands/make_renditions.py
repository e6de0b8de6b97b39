from django.core.management.base import BaseCommand

import pagecache
from articles import images
from articles.models import Article
from pagecache import keys as surrogate


class Command(BaseCommand):
    help = (
        "Make the missing renditions of featured images stored without the admin (an import, "
        "a restore); existing renditions are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Check every article, not only those missing data."
        )

    def handle(self, *args, **options):
        articles = Article.objects.exclude(featured_image="").only(
            "pk", "featured_image", "featured_image_renditions"
        )
        made = failed = 0
        for article in articles.iterator():
            current = article.featured_image_renditions
            done = current.get("name") == article.featured_image.name and current.get("sources")
            if not options["all"] and done:
                continue
            try:
                data = images.make_renditions(
                    article.featured_image.name, article.featured_image.storage
                )
            except (OSError, ValueError) as error:
                failed += 1
                self.stderr.write(f"Article {article.pk}: {article.featured_image.name}: {error}")
                continue
            # update(), not save(): no new revision, no "Updated" line for a technical change.
            Article.objects.filter(pk=article.pk).update(featured_image_renditions=data)
            # Its pages show the new image sizes.
            pagecache.purge_on_commit(surrogate.article(article.pk))
            made += 1
        self.stdout.write(f"Renditions made or checked for {made} articles; {failed} failed.")
