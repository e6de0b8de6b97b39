"""RSS 2.0 and Atom feeds of published articles: the site, a category, a tag, an author.

Each item carries the summary and the full article (content:encoded / Atom content), the author's
name (never an email address), the category and tags, and the featured image as an enclosure.
"""

import re
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import escape
from django.utils.translation import gettext as _
from taggit.models import Tag

import pagecache
from pagecache import fragments
from pagecache import keys as surrogate

from . import authors, cachekeys, metadata, tags
from .models import Article, AuthorProfile, Category

# Root-relative links and images in sanitized article HTML (nh3 always writes double quotes).
_RELATIVE_URL = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')


def absolutize_urls(html, base):
    """Article HTML with root-relative href/src made absolute: feed readers have no base URL."""
    return _RELATIVE_URL.sub(lambda m: f'{m[1]}{urljoin(base, m[2])}"', html)


# Characters XML 1.0 cannot carry: a title or comment holding one must not make the feed a 500.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value):
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_text(item) for item in value)
    return value


class _AbsoluteItems:
    """Enclosure, author and content URLs resolved against the item's absolute link; text
    without the control characters XML cannot hold."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(xml_text, args), **{k: xml_text(v) for k, v in kwargs.items()})

    def add_item(self, *, link, enclosures=None, content=None, author_link=None, **kwargs):
        kwargs = {key: xml_text(value) for key, value in kwargs.items()}
        content = xml_text(content)
        if author_link:
            author_link = urljoin(link, author_link)
        enclosures = [
            feedgenerator.Enclosure(urljoin(link, e.url), e.length, e.mime_type)
            for e in enclosures or ()
        ]
        if content:
            content = absolutize_urls(content, link)
        super().add_item(
            link=link, enclosures=enclosures, content=content, author_link=author_link, **kwargs
        )


class RssFeed(_AbsoluteItems, feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the full article in content:encoded."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class AtomFeed(_AbsoluteItems, feedgenerator.Atom1Feed):
    """Atom with the full article as HTML content."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class TaggedFeed(Feed):
    """A feed whose items name their page-cache keys (`surrogate_keys`, item_extra_kwargs)."""

    def get_feed(self, obj, request):
        # The built feed is kept (pagecache fragments) under the keys of the list and of each
        # item, no later than the next scheduled article: building it is most of its cost.
        return fragments.cached(
            request,
            f"feed:{type(self).__name__}:{request.path}",
            lambda: self.build_feed(obj, request),
            keys=self.cache_keys(obj),
            expires=cachekeys.next_scheduled_timestamp(request),
        )

    def build_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        for item in feed.items:
            pagecache.tag(request, *item.get("surrogate_keys", ()))
        return feed

    def cache_keys(self, obj):
        return []


class ArticleFeed(TaggedFeed):
    """The latest published articles of the whole site."""

    feed_type = RssFeed
    author_email = None

    def cache_keys(self, obj):
        return [surrogate.HOME_LIST]

    def title(self, obj):
        return settings.NEWSROOM_SITE_NAME

    def link(self, obj):
        return reverse("articles:home")

    def description(self, obj):
        return settings.NEWSROOM_SITE_TAGLINE or _("The latest news from %(site)s.") % {
            "site": settings.NEWSROOM_SITE_NAME
        }

    def subtitle(self, obj):
        return self.description(obj)

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return self.articles(obj).for_listing()[: settings.NEWSROOM_FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # The summary is plain text (an excerpt as typed); readers render descriptions as HTML.
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return metadata.modified_time(item)

    def item_author_name(self, item):
        return authors.display_name(item.author)

    def item_author_email(self, item):
        return None  # an author's address is private, like a commenter's

    def item_author_link(self, item):
        return authors.author_url(item.author)

    def item_categories(self, item):
        return [item.category.name, *sorted(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item):
        image = metadata.social_image(item)
        if image is None or image.length is None:
            return []
        return [feedgenerator.Enclosure(image.url, str(image.length), image.mime_type)]

    def item_extra_kwargs(self, item):
        keys = [
            surrogate.article(item.pk),
            surrogate.category(item.category_id),
            surrogate.author(item.author_id),
        ]
        keys += [surrogate.tag(tag.pk) for tag in item.tags.all()]
        return {"content": item.body, "surrogate_keys": keys}


class SectionFeed(ArticleFeed):
    """The feed of one section of the site: its page-cache keys are `list:<kind>:<id>` and
    `<kind>:<id>`, its title the site's name and the section's."""

    kind = ""

    def cache_keys(self, obj):
        return surrogate.section(self.kind, obj.pk)

    def name(self, obj):
        return obj.name

    def title(self, obj):
        return f"{settings.NEWSROOM_SITE_NAME} » {self.name(obj)}"


class CategoryFeed(SectionFeed):
    """A category's articles, those of the categories below it included."""

    kind = "cat"

    def get_object(self, request, path):
        return get_object_or_404(Category, path=path)

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return obj.description or _("The latest articles in %(name)s.") % {"name": obj.name}

    def articles(self, obj):
        return Article.objects.published().in_category(obj)


class TagFeed(SectionFeed):
    kind = "tag"

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except Http404:
            return tags.moved(request, kwargs["slug"])

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def link(self, obj):
        return reverse("articles:tag", kwargs={"slug": obj.slug})

    def description(self, obj):
        return _("The latest articles tagged %(name)s.") % {"name": obj.name}

    def articles(self, obj):
        return Article.objects.published().filter(tags=obj)


class AuthorFeed(SectionFeed):
    """An author's articles; like the author page, only for authors with published work."""

    kind = "author"

    def get_object(self, request, slug):
        profile = get_object_or_404(
            AuthorProfile.objects.with_page().select_related("user"), slug=slug
        )
        return profile.user

    def name(self, obj):
        return authors.display_name(obj)

    def link(self, obj):
        return authors.author_url(obj)

    def description(self, obj):
        return _("The latest articles by %(name)s.") % {"name": self.name(obj)}

    def articles(self, obj):
        return Article.objects.published().filter(author=obj)


class ArticleAtomFeed(ArticleFeed):
    feed_type = AtomFeed


class CategoryAtomFeed(CategoryFeed):
    feed_type = AtomFeed


class TagAtomFeed(TagFeed):
    feed_type = AtomFeed


class AuthorAtomFeed(AuthorFeed):
    feed_type = AtomFeed
