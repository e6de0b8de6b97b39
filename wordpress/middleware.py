"""WordPress's old addresses answer 301 with the new one.

Query-string links on the home page (`/?p=12`, `/?page_id=2`, `/?cat=5`, `/?tag=iran`,
`/?feed=rss2`, `/?m=202611`, `/?attachment_id=9`, `/?author=3`), `/index.php/...` permalinks,
and, when a page is not found, the editors' `Redirect` rows (old slugs, attachment pages, moved
pages). An unknown or malformed value is a 404, never a 500. Every address answered is on this
site, except a full URL an editor typed into a `Redirect` row.
"""

import re

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, AuthorProfile, Category
from pages.models import Page

from .models import Redirect, WordPressObject, is_site_path, path_variants

Kind = WordPressObject.Kind
FEEDS = {
    "": "articles:feed",
    "rss": "articles:feed",
    "rss2": "articles:feed",
    "rdf": "articles:feed",
    "atom": "articles:feed-atom",
    "comments-rss2": "comments:feed",
    "comments-atom": "comments:feed-atom",
}
QUERY_KEYS = ("p", "page_id", "cat", "tag", "feed", "m", "attachment_id", "author")
_DIGITS = re.compile(r"\d{1,18}")


class WordPressRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path in ("/", "/index.php") and any(key in request.GET for key in QUERY_KEYS):
            return HttpResponsePermanentRedirect(query_target(request.GET))
        if path == "/index.php" or path.startswith("/index.php/"):
            # "/index.php//evil.example/" leads to /evil.example/: "//" would be another host.
            rest = "/" + path[len("/index.php") :].lstrip("/\\")
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(rest + (f"?{query}" if query else ""))
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            target = stored_target(path)
            if target:
                return HttpResponsePermanentRedirect(target)
        return response


def _wp_id(value):
    if not _DIGITS.fullmatch(value or ""):
        raise Http404
    return int(value)


def _mapped(kind, value):
    row = WordPressObject.objects.filter(kind=kind, wp_id=_wp_id(value)).first()
    if row is None or row.object_id is None:
        raise Http404
    return row.object_id


def _public_article(pk):
    article = Article.objects.published().filter(pk=pk).first()
    if article is None:
        raise Http404
    return article


def query_target(query):
    """The new address for WordPress's query-string link; Http404 when there is none."""
    feed = query.get("feed")
    if feed is not None and feed not in FEEDS:
        raise Http404
    if "p" in query or "attachment_id" in query:
        if "p" in query:
            wp_id = query["p"]
            row = WordPressObject.objects.filter(
                kind__in=[Kind.POST, Kind.PAGE], wp_id=_wp_id(wp_id)
            ).first()
            if row is not None and row.kind == Kind.PAGE:
                return _page_url(row.object_id)
            if row is None:
                raise Http404
            article = _public_article(row.object_id)
        else:
            article = _public_article(_mapped(Kind.ATTACHMENT, query["attachment_id"]))
        url = article.get_absolute_url()
        return url + "feed/" if feed is not None else url
    if "page_id" in query:
        return _page_url(_mapped(Kind.PAGE, query["page_id"]))
    if "cat" in query:
        category = Category.objects.filter(pk=_mapped(Kind.CATEGORY, query["cat"])).first()
        if category is None:
            raise Http404
        name = "articles:category-feed" if feed is not None else "articles:category"
        return reverse(name, kwargs={"path": category.path})
    if "tag" in query:
        slug = query["tag"][:100]
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:  # a slug the tag had before: its new address
            tag = Tag.objects.filter(old_slugs__slug=slug).first()
        if tag is None:
            raise Http404
        name = "articles:tag-feed" if feed is not None else "articles:tag"
        return reverse(name, kwargs={"slug": tag.slug})
    if "author" in query:
        profile = (
            AuthorProfile.objects.with_page()
            .filter(user_id=_mapped(Kind.AUTHOR, query["author"]))
            .first()
        )
        if profile is None:
            raise Http404
        return profile.get_absolute_url()
    if "m" in query:
        return _archive_url(query["m"])
    return reverse(FEEDS[feed])


def _page_url(pk):
    page = Page.objects.published().filter(pk=pk).first()
    if page is None:
        raise Http404
    return page.get_absolute_url()


def _archive_url(value):
    """?m=2026, ?m=202611 or ?m=20261123: WordPress's date archives."""
    if not _DIGITS.fullmatch(value or "") or len(value) not in (4, 6, 8):
        raise Http404
    parts = {"year": int(value[:4])}
    if len(value) >= 6:
        parts["month"] = int(value[4:6])
    if len(value) == 8:
        parts["day"] = int(value[6:8])
    if not 1 <= parts.get("month", 1) <= 12 or not 1 <= parts.get("day", 1) <= 31:
        raise Http404
    name = {1: "articles:year", 2: "articles:month", 3: "articles:day"}[len(parts)]
    return reverse(name, kwargs=parts)


def stored_target(path):
    """An editor's (or the import's) redirect for a path that matched nothing.

    Rows hold the default language's paths, so `/en/<old>` (when no row names it) answers
    `/en/<new>` (a path on this site; a full URL as it is)."""
    found = _stored_target(path)  # an editor may also have written an /en/ path
    if found is not None:
        return found
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            target = _stored_target(path[len(prefix) - 1 :])
            if target is None or not target.startswith("/"):
                return target
            return f"/{code}{target}"
    return None


def _stored_target(path):
    row = Redirect.objects.for_path(path)
    if row is None:
        return None
    target = row.new_path.strip()
    if is_site_path(target):
        # A row pointing at the page itself would send the reader round in a circle.
        return None if target.split("?")[0] in path_variants(path) else target
    return target if target.startswith(("https://", "http://")) else None
