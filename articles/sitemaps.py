"""Sitemaps: articles, categories, tags and authors, and a Google News sitemap of the last 48 hours.

Each section pages through a queryset (LIMIT/OFFSET), so 100,000 articles split into files of
Django's 50,000-URL limit without loading them all. The English twins of the pages are listed in
their own sections ("articles-en", ...).

The index and the section files have their own views (`index`, `section`): the index reads each
kind's size and newest change once for both languages, from indexes (10 queries, not 17 that
aggregated every tag and author link twice); a section file is written as strings from
`rows()`, with no template loop or model instance per URL (50,000 article URLs in a fraction of
a second instead of seconds).
"""

import datetime
import math
from html import escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import CharField, Exists, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Concat, Greatest, TruncDate
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date
from taggit.models import Tag, TaggedItem

from pagecache import keys as surrogate

from . import paging
from .models import Article, AuthorProfile, Category

NEWS_WINDOW = datetime.timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per news sitemap
MAX_PAGES = 100_000  # files of one section: five billion URLs


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

    def count_at_most(self):
        """A cheap upper bound of the number of items (the index needs only the pages)."""
        return self.items().count()

    def num_pages(self):
        bound = self.count_at_most()
        count = bound if bound <= self.limit else self.items().count()
        return max(1, math.ceil(count / self.limit))

    def rows(self, page):
        """(path, lastmod) of the page's URLs; Http404 past the last page."""
        try:
            items = self.paginator.page(page).object_list
        except (EmptyPage, PageNotAnInteger) as error:
            raise Http404(str(error)) from error
        with translation.override(self.language):
            return [(self.location(item), self.lastmod(item)) for item in items]


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

    def count_at_most(self):
        return Article.objects.published().count()

    def num_pages(self):
        return max(1, math.ceil(self.count_at_most() / self.limit))

    def get_latest_lastmod(self):
        """The newest publication or edit, each read from its own index."""
        public = Article.objects.published()
        times = [
            public.order_by(f"-{field}").values_list(field, flat=True).first()
            for field in ("published_at", "updated_at")
        ]
        return max((t for t in times if t is not None), default=None)

    def rows(self, page):
        """The page's URLs from three columns per article, none of them a timestamp to parse.

        psycopg's timestamp loader as Django wraps it is Python code: 100,000 of them (the
        date and the lastmod of 50,000 rows) took seconds. The day comes as a date in the
        site's time zone and the lastmod as text, which `fromisoformat` reads in C.
        """
        try:
            number = int(page)
        except (TypeError, ValueError) as error:
            raise Http404("No such page") from error
        if not 1 <= number <= MAX_PAGES:  # no OFFSET past what the database can count
            raise Http404("No such page")
        bottom = (number - 1) * self.limit
        zone = timezone.get_current_timezone()
        rows = list(
            Article.objects.published()
            .order_by("-published_at", "-pk")
            .annotate(
                day=TruncDate("published_at", tzinfo=zone),
                changed=Cast(Greatest("updated_at", "published_at"), CharField()),
            )
            .values_list("slug", "day", "changed")[bottom : bottom + self.limit]
        )
        if not rows and number > 1:
            raise Http404("No such page")
        with translation.override(self.language):
            prefix = reverse("articles:home")
        return [
            # 2026-11-28 -> 2026/11/28 (strftime per row was the slowest part of the page)
            (f"{prefix}{day.isoformat().replace('-', '/')}/{slug}/", _parse_utc(changed))
            for slug, day, changed in rows
        ]


def _parse_utc(text):
    """A timestamp as the database writes it as text (naive means UTC, as Django stores it)."""
    moment = datetime.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


class CategorySitemap(LanguageSitemap):
    """Categories that have published articles, in them or below them."""

    def count_at_most(self):
        return Category.objects.count()

    def get_latest_lastmod(self):
        # Every published article's own category is listed, so the newest of them all.
        return (
            Article.objects.published()
            .order_by("-published_at")
            .values_list("published_at", flat=True)
            .first()
        )

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
    def count_at_most(self):
        return Tag.objects.count()

    def get_latest_lastmod(self):
        tagged = TaggedItem.objects.filter(
            content_type__app_label="articles", content_type__model="article"
        ).filter(object_id=OuterRef("pk"))
        return (
            Article.objects.published()
            .filter(Exists(tagged))
            .order_by("-published_at")
            .values_list("published_at", flat=True)
            .first()
        )

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

    def count_at_most(self):
        return AuthorProfile.objects.count()

    def get_latest_lastmod(self):
        return (
            Article.objects.published()
            .filter(author__is_active=True, author__author_profile__isnull=False)
            .order_by("-published_at")
            .values_list("published_at", flat=True)
            .first()
        )

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


@x_robots_tag
def index(request, sitemaps):
    """/sitemap.xml: each section and its ?p=N files, with the section's newest change.

    The two languages' sections of one kind share their size and newest change: read once, and
    kept until the sitemaps change (their key, `sitemap`) or a scheduled article comes due:
    counting 100,000 articles is the one cost here that grows."""
    known = {}
    entries = []
    version = paging.list_version(request, request.path, [surrogate.SITEMAP])
    for name, site in sitemaps.items():
        kind = type(site)
        if kind not in known:
            key = paging.fact_key(version, f"sitemap:{kind.__name__}")
            known[kind] = paging.kept(
                key, lambda site=site: (site.num_pages(), site.get_latest_lastmod())
            )
        pages, lastmod = known[kind]
        url = request.build_absolute_uri(reverse("sitemap-section", kwargs={"section": name}))
        entries.append(SitemapIndexItem(url, lastmod))
        entries += [SitemapIndexItem(f"{url}?p={n}", lastmod) for n in range(2, pages + 1)]
    latest = [entry.last_mod for entry in entries]
    headers = None
    if latest and None not in latest:
        headers = {"Last-Modified": http_date(max(latest).timestamp())}
    return TemplateResponse(
        request,
        "sitemaps/index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
        headers=headers,
    )


@x_robots_tag
def section(request, sitemaps, section):
    """/sitemap-<section>.xml[?p=N]: up to 50,000 URLs, written as strings (no template)."""
    site = sitemaps.get(section)
    if site is None:
        raise Http404(f"No sitemap section {section!r}")
    base = f"{request.scheme}://{request.get_host()}"
    zone = timezone.get_current_timezone()
    rows = site.rows(request.GET.get("p", 1))
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    parts.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    for path, lastmod in rows:
        parts.append(f"<url><loc>{escape(base + path, quote=False)}</loc>")
        if lastmod is not None:
            parts.append(f"<lastmod>{lastmod.astimezone(zone).isoformat()}</lastmod>")
        parts.append("</url>")
    parts.append("</urlset>\n")
    response = HttpResponse("".join(parts), content_type="application/xml")
    times = [lastmod for _path, lastmod in rows]
    if times and None not in times:
        response["Last-Modified"] = http_date(max(times).timestamp())
    return response
