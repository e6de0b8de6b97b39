"""Fill the articles' comment counts (articles 0013) from the comments there are."""

from django.db import migrations
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def _count(Comment, status):
    per_article = (
        Comment.objects.filter(article=OuterRef("pk"), status=status)
        .order_by()
        .values("article")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(per_article), 0)


def fill(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Comment = apps.get_model("comments", "Comment")
    Article.objects.update(
        comment_count=_count(Comment, "approved"),
        pending_comment_count=_count(Comment, "pending"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_deps_comment_count"),
        ("comments", "0002_perf_first_comment_page"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
