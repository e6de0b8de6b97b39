"""Sitemaps: articles, categories, tags and authors, and a Google News sitemap of the last 48 hours.

Each section pages through a queryset (LIMIT/OFFSET), so 100,000 articles split into files of
Django's 50,000-URL limit without loading them all. The English twins of the pages are listed in
their own sections ("articles-en", ...).
"""

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat, Greatest
from django.urls import reverse
from django.utils import timezone, translation
from taggit.models import Tag

from .models import Article, AuthorProfile, Category

NEWS_WINDOW = datetime.timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per news sitemap


class LanguageSitemap(Sitemap):
    """A sitemap whose locations are in one language (the default one has no URL prefix)."""

    def __init__(self, language=None):
        self.language = language or settings.LANGUAGE_CODE

    def get_urls(self, page=1, site=None, protocol=None):
        # One switch of language for the whole page, not one per URL (50,000 of them).
        with translation.override(self.language):
            return super().get_urls(page, site, protocol)

    def get_latest_lastmod(self):
        """The newest lastmod of the section in one query, not by loading every item."""
        return self.items().aggregate(latest=Max("lastmod"))["latest"]

    def lastmod(self, item):
        return item.lastmod


class ArticleSitemap(LanguageSitemap):
    """Article URLs are formatted, not reversed: 50,000 reverse() calls took seconds."""

    def get_urls(self, page=1, site=None, protocol=None):
        with translation.override(self.language):
            # The article route is /[<language>/]yyyy/mm/dd/<slug>/ (articles/urls.py).
            self.url_prefix = reverse("articles:home")
        return super().get_urls(page, site, protocol)

    def location(self, item):
        return f"{self.url_prefix}{timezone.localtime(item.published_at):%Y/%m/%d}/{item.slug}/"

    def items(self):
        return (
            Article.objects.published()
            .annotate(lastmod=Greatest("updated_at", "published_at"))
            .only("slug", "published_at")
            .order_by("-published_at", "-pk")
        )


class CategorySitemap(LanguageSitemap):
    """Categories that have published articles, in them or below them."""

    def items(self):
        published = Article.objects.published()
        below = Concat(OuterRef("path"), Value("/"))
        # The additional categories, one subquery deeper: the category is two levels out.
        additional = Article.categories.through.objects.filter(
            Q(category=OuterRef(OuterRef("pk")))
            | Q(category__path__startswith=Concat(OuterRef(OuterRef("path")), Value("/")))
        ).values("article_id")
        in_category = (
            Q(category=OuterRef("pk")) | Q(category__path__startswith=below) | Q(pk__in=additional)
        )
        latest = published.filter(in_category).order_by("-published_at").values("published_at")
        return (
            Category.objects.filter(Exists(published.filter(in_category)))
            .annotate(lastmod=Subquery(latest[:1]))
            .order_by("path")
        )


class TagSitemap(LanguageSitemap):
    def items(self):
        return (
            Tag.objects.filter(article__in=Article.objects.published())
            .annotate(lastmod=Max("article__published_at"))
            .order_by("slug")
        )

    def location(self, item):
        return reverse("articles:tag", kwargs={"slug": item.slug})


class AuthorSitemap(LanguageSitemap):
    """Authors with published work: the others have no public page."""

    def items(self):
        latest = (
            Article.objects.published()
            .filter(author=OuterRef("user"))
            .order_by("-published_at")
            .values("published_at")
        )
        return (
            AuthorProfile.objects.with_page()
            .annotate(lastmod=Subquery(latest[:1]))
            .only("slug")
            .order_by("slug")
        )

    def location(self, item):
        return item.get_absolute_url()


class NewsSitemap(Sitemap):
    """Google News: the articles published in the last 48 hours, newest first."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .only("title", "slug", "published_at")
            .order_by("-published_at", "-pk")
        )

    def location(self, item):
        with translation.override(settings.LANGUAGE_CODE):
            return item.get_absolute_url()


def sitemaps():
    """The sections of /sitemap.xml, by name: each kind of page, in each language."""
    sections = {}
    for code, _name in settings.LANGUAGES:
        suffix = "" if code == settings.LANGUAGE_CODE else f"-{code}"
        sections[f"articles{suffix}"] = ArticleSitemap(code)
        sections[f"categories{suffix}"] = CategorySitemap(code)
        sections[f"tags{suffix}"] = TagSitemap(code)
        sections[f"authors{suffix}"] = AuthorSitemap(code)
    return sections
