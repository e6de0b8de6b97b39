"""The page cache's keys for comments: `comments:<article id>` (the article's thread, its count on
cards, its comment feed), `comments` (the all-comments feed), `settings:discussion`.

Only what readers can see purges: a comment that is or was approved. Approving a comment on
one article leaves every other article's pages in the cache.
"""

import pagecache

from .models import Comment

APPROVED = Comment.Status.APPROVED


def purge_articles(article_ids):
    keys = [f"comments:{pk}" for pk in article_ids]
    if keys:
        pagecache.purge_on_commit("comments", *keys)


def remember_comment(sender, instance, raw=False, **kwargs):
    stored = (
        Comment.objects.filter(pk=instance.pk).values_list("status", "article_id").first()
        if instance.pk and not raw
        else None
    )
    instance._cache_before = stored


def comment_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_cache_before", None)
    if instance.status == APPROVED or (before and before[0] == APPROVED):
        purge_articles({instance.article_id, *([before[1]] if before else [])})


def comment_deleted(sender, instance, **kwargs):
    if instance.status == APPROVED:
        purge_articles({instance.article_id})


def settings_saved(sender, instance, created=False, **kwargs):
    if created:
        return  # the row is made with the defaults on first use: nothing a reader sees changed
    pagecache.purge_on_commit("settings:discussion")
