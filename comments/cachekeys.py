"""The page cache's keys for comments: `comments:<article id>` (the article's thread, its count on
cards, its comment feed), `comments:page:<page id>` (a standing page's thread; its `page:<id>`
is purged with it), `comments` (the
all-comments feed), `settings:discussion`.

Only what readers can see purges: a comment that is or was approved. Approving a comment on
one article leaves every other article's pages in the cache.
"""

import pagecache
from pagecache import keys as surrogate

from .models import Comment

APPROVED = Comment.Status.APPROVED


def thread_key(target):
    """The key of an article's or a standing page's comments."""
    if target._meta.model_name == "page":
        return surrogate.page_comments(target.pk)
    return surrogate.article_comments(target.pk)


def purge_articles(article_ids, page_ids=()):
    keys = [surrogate.article_comments(pk) for pk in article_ids if pk is not None]
    # And `page:<id>` (the pages app's key for the whole page): a page shows its comment block
    # only once it has comments or takes them, so its stored copy may carry no thread key yet.
    keys += [
        key
        for pk in page_ids
        if pk is not None
        for key in (surrogate.page_comments(pk), surrogate.page(pk))
    ]
    if keys:
        pagecache.purge_on_commit(surrogate.ALL_COMMENTS, *keys)


def remember_comment(sender, instance, raw=False, **kwargs):
    stored = (
        Comment.objects.filter(pk=instance.pk)
        .values_list("status", "article_id", "page_id")
        .first()
        if instance.pk and not raw
        else None
    )
    instance._cache_before = stored


def comment_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_cache_before", None)
    if instance.status == APPROVED or (before and before[0] == APPROVED):
        purge_articles(
            {instance.article_id, *([before[1]] if before else [])},
            {instance.page_id, *([before[2]] if before else [])},
        )


def comment_deleted(sender, instance, **kwargs):
    if instance.status == APPROVED:
        purge_articles({instance.article_id}, {instance.page_id})


def settings_saved(sender, instance, created=False, **kwargs):
    if created:
        return  # the row is made with the defaults on first use: nothing a reader sees changed
    pagecache.purge_on_commit(surrogate.DISCUSSION_SETTINGS)
