"""'Read also': the articles nearest to one, ranked when it is saved, never per request.

A block of many saves (an import) runs inside `deferred_ranking()`: the saves only note their
articles, and `refresh_many` ranks them all at the end in a few queries per chunk.
"""

import contextlib
import contextvars
import heapq
from collections import Counter, defaultdict
from itertools import chain

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q, Value, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from taggit.models import TaggedItem

import pagecache
from pagecache import keys as surrogate

from .models import Article
from .publication import published_q, scheduled_q

RELATED_COUNT = 4
# refresh_many ranks this many articles per round of queries (memory stays bounded).
CHUNK = 1000


def rank_related(article):
    """Pks of the public articles sharing most tags (then the category) with `article`.

    Shared tags count first, the same category next, and among equals the newest wins.
    Scheduled articles may be ranked: readers see only those whose time has come.
    """
    tag_ids = list(article.tags.values_list("pk", flat=True))
    shared = Count("tags", filter=Q(tags__in=tag_ids), distinct=True) if tag_ids else Value(0)
    candidates = (
        _public()
        .exclude(pk=article.pk)
        .annotate(shared=shared)
        .filter(Q(shared__gt=0) | Q(category=article.category_id))
        .annotate(same_category=Count("pk", filter=Q(category=article.category_id), distinct=True))
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


def _public():
    """The articles that may be ranked: published ones and scheduled ones (readers see those
    only once their time has come)."""
    now = timezone.now()
    return Article.objects.filter(published_q(now) | scheduled_q(now))


def _rank_chunk(pks):
    """{pk: related pks} for the articles `pks`, ranked as `rank_related` ranks one."""
    targets = dict(Article.objects.filter(pk__in=pks).values_list("pk", "category_id"))
    content_type = ContentType.objects.get_for_model(Article)
    tagged = TaggedItem.objects.filter(content_type=content_type)
    tags_of = defaultdict(set)
    for object_id, tag_id in tagged.filter(object_id__in=list(targets)).values_list(
        "object_id", "tag_id"
    ):
        tags_of[object_id].add(tag_id)
    wanted_tags = set().union(*tags_of.values())
    # The public articles sharing any of those tags, and each one's tags among them (kept to
    # the public ones here: a subquery for them makes SQLite probe every pair of IN values).
    info = {
        pk: (category_id, published_at)
        for pk, category_id, published_at in _public()
        .filter(pk__in=tagged.filter(tag_id__in=wanted_tags).values("object_id"))
        .values_list("pk", "category_id", "published_at")
    }
    articles_of = defaultdict(list)
    for object_id, tag_id in tagged.filter(tag_id__in=wanted_tags).values_list(
        "object_id", "tag_id"
    ):
        if object_id in info:
            articles_of[tag_id].append(object_id)
    # Each category's newest articles fill a list that shared tags leave short: the article
    # itself and up to RELATED_COUNT - 1 sharing ones may be among them, so a few more.
    fill = 2 * RELATED_COUNT
    newest = defaultdict(list)
    rows = (
        _public()
        .filter(category_id__in=set(targets.values()))
        .annotate(
            row=Window(
                RowNumber(),
                partition_by=[F("category_id")],
                order_by=[F("published_at").desc(), F("pk").desc()],
            )
        )
        .filter(row__lte=fill)
        .order_by("category_id", "row")
        .values_list("pk", "category_id")
    )
    for pk, category_id in rows:
        newest[category_id].append(pk)
    ranked = {}
    for pk, category_id in targets.items():
        shared = Counter(chain.from_iterable(articles_of[tag_id] for tag_id in tags_of[pk]))
        shared.pop(pk, None)
        counts = {o: n for o, n in shared.items() if o in info}
        # Only those with at least the fourth-highest count of shared tags can make the list.
        floor = heapq.nlargest(RELATED_COUNT, counts.values())[-1] if counts else 0
        best = sorted(
            (o for o, n in counts.items() if n >= floor),
            key=lambda o: (counts[o], info[o][0] == category_id, info[o][1], o),
            reverse=True,
        )[:RELATED_COUNT]
        for other in newest[category_id]:
            if len(best) >= RELATED_COUNT:
                break
            if other != pk and other not in shared:
                best.append(other)
        ranked[pk] = best
    return ranked


def refresh_many(pks, neighbours=True):
    """Rank the related articles of the articles `pks` (any number, a few queries per CHUNK),
    store the lists that changed and purge those articles' pages; with `neighbours`, then the
    articles those lists name, as saving each article in turn would have (one level)."""
    pks = sorted(set(pks))
    named = set()
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start : start + CHUNK]
        ranked = _rank_chunk(chunk)
        current = dict(Article.objects.filter(pk__in=ranked).values_list("pk", "related_ids"))
        changed = [
            Article(pk=pk, related_ids=ids) for pk, ids in ranked.items() if current[pk] != ids
        ]
        Article.objects.bulk_update(changed, ["related_ids"])
        pagecache.purge_on_commit(*(surrogate.article(article.pk) for article in changed))
        named.update(pk for ids in ranked.values() for pk in ids)
    if neighbours:
        refresh_many(named - set(pks), neighbours=False)


_deferred = contextvars.ContextVar("related_deferred", default=None)


@contextlib.contextmanager
def deferred_ranking():
    """Inside the block, saving an article or changing its tags only notes the article; at its
    end the noted ones are ranked together (`refresh_many`, with their neighbours), even when
    the block raises (what was committed gets its lists). Nested blocks join the outermost.
    Yields the set of noted pks: emptying it ranks nothing (a dry run that rolls back)."""
    if _deferred.get() is not None:
        yield _deferred.get()
        return
    noted = set()
    token = _deferred.set(noted)
    try:
        yield noted
    finally:
        _deferred.reset(token)
        if noted:
            refresh_many(noted)


def _refresh(article):
    noted = _deferred.get()
    if noted is not None:
        noted.add(article.pk)
    else:
        refresh_related(article)


def article_saved(sender, instance, raw=False, **kwargs):
    """post_save: rank the saved article's related articles (not while loading fixtures)."""
    if not raw and instance.category_id:
        _refresh(instance)


def tags_changed(sender, instance, action, **kwargs):
    """m2m_changed on the tags: the ranking depends on them, so it runs again."""
    if isinstance(instance, Article) and action in ("post_add", "post_remove", "post_clear"):
        _refresh(instance)


def related_articles(article):
    """The public articles of `article.related_ids`, in their stored order (one query)."""
    if not article.related_ids:
        return []
    found = Article.objects.published().select_related("category").in_bulk(article.related_ids)
    return [found[pk] for pk in article.related_ids if pk in found]
