"""'Most read' and 'Most commented': computed at most every few minutes, shared by all pages.

The lists are kept in the cache for NEWSROOM_POPULAR_REFRESH seconds, so a busy home page
costs their two queries once per period, not per request.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, OuterRef, Subquery, Sum
from django.utils import timezone

from articles.models import Article
from comments.models import Comment

from .models import HourlyReads

POPULAR_COUNT = 5


def _since(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def compute_most_read(limit=POPULAR_COUNT):
    """[(article, reads)] over the last NEWSROOM_POPULAR_HOURS hours, most read first.

    One query: only articles read in the period are summed (the hour index finds them).
    """
    hour = _since(settings.NEWSROOM_POPULAR_HOURS).replace(minute=0, second=0, microsecond=0)
    recent = HourlyReads.objects.filter(hour__gte=hour)
    reads = (
        recent.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(total=Sum("count"))
        .values("total")
    )
    articles = (
        Article.objects.published()
        .filter(pk__in=recent.values("article"))
        .select_related("category")
        .annotate(reads=Subquery(reads))
        .order_by("-reads", "-published_at", "-pk")[:limit]
    )
    return [(article, article.reads) for article in articles]


def compute_most_commented(limit=POPULAR_COUNT):
    """[(article, comments)] approved over the last NEWSROOM_POPULAR_COMMENT_DAYS days."""
    since = _since(24 * settings.NEWSROOM_POPULAR_COMMENT_DAYS)
    recent = (
        Comment.objects.approved()
        .filter(created_at__gte=since, article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(count=Count("pk"))
        .values("count")
    )
    articles = (
        Article.objects.published()
        .select_related("category")
        .annotate(recent_comments=Subquery(recent))
        .filter(recent_comments__gt=0)
        .order_by("-recent_comments", "-published_at", "-pk")[:limit]
    )
    return [(article, article.recent_comments) for article in articles]


def most_read():
    return cache.get_or_set(
        "popularity:most-read", compute_most_read, settings.NEWSROOM_POPULAR_REFRESH
    )


def most_commented():
    return cache.get_or_set(
        "popularity:most-commented", compute_most_commented, settings.NEWSROOM_POPULAR_REFRESH
    )


def forget():
    """Drop the cached lists (after seeding demo numbers), so the next page recomputes them."""
    cache.delete_many(["popularity:most-read", "popularity:most-commented"])
