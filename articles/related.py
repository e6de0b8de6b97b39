"""'Read also': the articles nearest to one, ranked when it is saved, never per request."""

from django.db.models import Count, Q, Value
from django.utils import timezone

from .models import Article
from .publication import published_q, scheduled_q

RELATED_COUNT = 4


def rank_related(article):
    """Pks of the public articles sharing most tags (then the category) with `article`.

    Shared tags count first, the same category next, and among equals the newest wins.
    Scheduled articles may be ranked: readers see only those whose time has come.
    """
    tag_ids = list(article.tags.values_list("pk", flat=True))
    shared = Count("tags", filter=Q(tags__in=tag_ids), distinct=True) if tag_ids else Value(0)
    now = timezone.now()
    candidates = (
        Article.objects.filter(published_q(now) | scheduled_q(now))
        .exclude(pk=article.pk)
        .annotate(shared=shared)
        .filter(Q(shared__gt=0) | Q(category=article.category_id))
        .annotate(same_category=Count("pk", filter=Q(category=article.category_id)))
        .order_by("-shared", "-same_category", "-published_at", "-pk")
    )
    return list(candidates.values_list("pk", flat=True)[:RELATED_COUNT])


def refresh_related(article, neighbours=True):
    """Store `article`'s related articles; with `neighbours`, refresh theirs too.

    The newest article is often the best match for those it names, so their lists are
    refreshed with it (one level: their neighbours are left alone).
    """
    ids = rank_related(article)
    Article.objects.filter(pk=article.pk).update(related_ids=ids)
    article.related_ids = ids
    if neighbours:
        for neighbour in Article.objects.filter(pk__in=ids):
            refresh_related(neighbour, neighbours=False)


def article_saved(sender, instance, raw=False, **kwargs):
    """post_save: rank the saved article's related articles (not while loading fixtures)."""
    if not raw and instance.category_id:
        refresh_related(instance)


def tags_changed(sender, instance, action, **kwargs):
    """m2m_changed on the tags: the ranking depends on them, so it runs again."""
    if isinstance(instance, Article) and action in ("post_add", "post_remove", "post_clear"):
        refresh_related(instance)


def related_articles(article):
    """The public articles of `article.related_ids`, in their stored order (one query)."""
    if not article.related_ids:
        return []
    found = Article.objects.published().select_related("category").in_bulk(article.related_ids)
    return [found[pk] for pk in article.related_ids if pk in found]
