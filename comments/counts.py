"""Each article's comment counts, kept on the article as WordPress keeps wp_posts.comment_count.

Lists show `Article.comment_count` (approved comments) and the admin `pending_comment_count`
(held for moderation) without counting per request. Every write that adds, removes or moves a
comment between statuses recounts its articles, in the same transaction: the signals below for
single saves and deletes, the services for queryset updates, the WordPress import for its bulk
inserts; `manage.py comments_recount` recounts everything.
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from articles.models import Article

from .models import Comment


def _count(comments):
    per_article = (
        comments.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(per_article), 0)


def recount(article_ids=None):
    """Set the counts of these articles (all when None) from their comments: one UPDATE."""
    articles = Article.objects.all()
    if article_ids is not None:
        article_ids = {pk for pk in article_ids if pk is not None}
        if not article_ids:
            return 0
        articles = articles.filter(pk__in=article_ids)
    return articles.update(
        comment_count=_count(Comment.objects.approved()),
        pending_comment_count=_count(Comment.objects.in_moderation()),
    )


def comment_saved(sender, instance, created=False, raw=False, **kwargs):
    """A new comment, or one whose status or article changed (cachekeys remembers the old)."""
    if raw:
        return
    before = getattr(instance, "_cache_before", None)
    if created or before is None or before != (instance.status, instance.article_id):
        recount({instance.article_id, *([before[1]] if before else [])})


def comment_deleted(sender, instance, origin=None, **kwargs):
    if isinstance(origin, Article) or getattr(origin, "model", None) is Article:
        return  # the article goes with its comments: nothing left to count
    recount({instance.article_id})
