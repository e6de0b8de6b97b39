"""Each article's (and standing page's) comment counts, kept on its row as WordPress keeps
wp_posts.comment_count.

Lists show `Article.comment_count` (approved comments) and the admin `pending_comment_count`
(held for moderation) without counting per request; `Page` has the same two columns. Every
write that adds, removes or moves a comment between statuses recounts its articles and pages,
in the same transaction: the signals below for single saves and deletes, the services for
queryset updates, the WordPress import for its bulk inserts; `manage.py comments_recount`
recounts everything.
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from articles.models import Article
from pages.models import Page

from .models import Comment


def _count(comments, field):
    per_target = (
        comments.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(per_target), 0)


def _recount(model, field, ids):
    rows = model.objects.all()
    if ids is not None:
        ids = {pk for pk in ids if pk is not None}
        if not ids:
            return 0
        rows = rows.filter(pk__in=ids)
    return rows.update(
        comment_count=_count(Comment.objects.approved(), field),
        pending_comment_count=_count(Comment.objects.in_moderation(), field),
    )


def recount(article_ids=None, page_ids=None):
    """Set the counts of these articles and pages (all of both when neither is given) from
    their comments: one UPDATE per table. Returns how many rows were set."""
    if article_ids is None and page_ids is None:
        return _recount(Article, "article", None) + _recount(Page, "page", None)
    return _recount(Article, "article", article_ids or ()) + _recount(Page, "page", page_ids or ())


def comment_saved(sender, instance, created=False, raw=False, **kwargs):
    """A new comment, or one whose status or target changed (cachekeys remembers the old)."""
    if raw:
        return
    before = getattr(instance, "_cache_before", None)
    now = (instance.status, instance.article_id, instance.page_id)
    if created or before is None or tuple(before) != now:
        recount(
            {instance.article_id, *([before[1]] if before else [])},
            {instance.page_id, *([before[2]] if before else [])},
        )


def comment_deleted(sender, instance, origin=None, **kwargs):
    if isinstance(origin, (Article, Page)) or getattr(origin, "model", None) in (Article, Page):
        return  # the article or page goes with its comments: nothing left to count
    recount({instance.article_id}, {instance.page_id})
