"""Comment feeds, as WordPress serves them: all comments, and one article's comments.

Only approved comments on public articles and published standing pages (which have a feed of
their own at /<slug>/feed/); a commenter's name, never an email address.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.feeds import AtomFeed, RssFeed, TaggedFeed
from articles.models import Article
from pagecache import keys as surrogate
from pages.models import Page

from .cachekeys import thread_key
from .models import Comment


class _TagIds:
    """Item ids as tag: URIs (RFC 4151) on the site's host: a comment keeps its id when it
    moves to another comment page (its link does)."""

    def add_item(self, *, link, unique_id, **kwargs):
        unique_id = f"tag:{urlsplit(link).hostname},{unique_id}"
        super().add_item(link=link, unique_id=unique_id, **kwargs)


class CommentRssFeed(_TagIds, RssFeed):
    pass


class CommentAtomFeed(_TagIds, AtomFeed):
    pass


class AllCommentsFeed(TaggedFeed):
    """The latest approved comments on the whole site."""

    feed_type = CommentRssFeed
    author_email = None

    def title(self, obj):
        return _("Comments for %(site)s") % {"site": settings.NEWSROOM_SITE_NAME}

    def link(self, obj):
        return reverse("articles:home")

    def description(self, obj):
        return self.title(obj)

    def subtitle(self, obj):
        return self.description(obj)

    def cache_keys(self, obj):
        return [surrogate.ALL_COMMENTS]

    def comments(self, obj):
        return Comment.objects.public()

    def item_extra_kwargs(self, item):
        return {
            "surrogate_keys": [
                surrogate.page(item.page_id) if item.page_id else surrogate.article(item.article_id)
            ]
        }

    def items(self, obj):
        comments = self.comments(obj).for_thread().select_related("article", "page")
        latest = comments.order_by("-created_at", "-id")[: settings.NEWSROOM_FEED_ITEMS]
        return Comment.number_pages(list(latest))

    def item_title(self, item):
        target = item.target
        return _("Comment on %(article)s by %(name)s") % {
            "article": target.localized_title() if item.page_id else target.title,
            "name": item.display_name,
        }

    def item_link(self, item):
        return item.get_absolute_url()

    def item_description(self, item):
        return item.body_html

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.created_at  # Atom requires <updated>; a published comment is not edited

    def item_author_name(self, item):
        return item.display_name

    def item_author_email(self, item):
        return None  # never published, not even to feed readers

    def item_guid(self, item):
        """The tag URI's date and name; `_TagIds` puts the host in front."""
        day = item.created_at.astimezone(datetime.UTC).date()
        return f"{day.isoformat()}:comment-{item.pk}"

    item_guid_is_permalink = False


class ArticleCommentsFeed(AllCommentsFeed):
    """One public article's approved comments, at <article url>feed/."""

    def get_object(self, request, year, month, day, slug):
        try:
            date = datetime.date(year, month, day)
        except ValueError:
            date = None
        articles = Article.objects.published().filter(slug=slug)
        return get_object_or_404(articles.on_day(date) if date else articles.none())

    def title(self, obj):
        return _("Comments on: %(article)s") % {"article": obj.title}

    def link(self, obj):
        return obj.get_absolute_url()

    def cache_keys(self, obj):
        return [surrogate.article_comments(obj.pk), surrogate.article(obj.pk)]

    def comments(self, obj):
        return Comment.objects.approved().filter(article=obj)


class AllCommentsAtomFeed(AllCommentsFeed):
    feed_type = CommentAtomFeed


class ArticleCommentsAtomFeed(ArticleCommentsFeed):
    feed_type = CommentAtomFeed


class PageCommentsFeed(AllCommentsFeed):
    """One published standing page's approved comments, at /<slug>/feed/."""

    def get_object(self, request, slug):
        return get_object_or_404(Page.objects.published(), slug=slug)

    def title(self, obj):
        return _("Comments on: %(article)s") % {"article": obj.localized_title()}

    def link(self, obj):
        return obj.get_absolute_url()

    def cache_keys(self, obj):
        return [thread_key(obj), surrogate.page(obj.pk)]

    def comments(self, obj):
        return Comment.objects.approved().on(obj)


class PageCommentsAtomFeed(PageCommentsFeed):
    feed_type = CommentAtomFeed
