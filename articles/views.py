"""Reader pages: home, archives and the article. Thin views over named querysets."""

import datetime
import re
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from taggit.models import Tag

import pagecache
from pagecache import fragments
from pagecache import keys as surrogate

from . import cachekeys, frontpage, metadata, paging, related, tags
from .forms import SearchForm
from .models import Article, AuthorProfile, Category
from .paging import ListPaginator
from .roles import may_preview
from .search import Results, snippet

_PAGE_SUFFIX = re.compile(r"page/[0-9]+/$")


class ListingMixin:
    """Published articles, newest first, ten to a page at /page/N/."""

    template_name = "articles/archive.html"
    context_object_name = "articles"
    allow_empty = True

    def get(self, request, *args, **kwargs):
        page = kwargs.get("page")
        if page == 0:
            raise Http404
        if page == 1:
            query = f"?{request.GET.urlencode()}" if request.GET else ""
            return redirect(_PAGE_SUFFIX.sub("", request.path) + query, permanent=True)
        return super().get(request, *args, **kwargs)

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_PAGE_SIZE

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True):
        # Rows fetched by id, the count cached until the list changes (paging.py).
        return ListPaginator(
            queryset, per_page, orphans=orphans, allow_empty_first_page=allow_empty_first_page,
            key=paging.fact_key(self.list_version, "count"),
        )  # fmt: skip

    @cached_property
    def list_version(self):
        """What this list's kept facts are stored under (paging.list_version), read once."""
        base = _PAGE_SUFFIX.sub("", self.request.path)
        return paging.list_version(self.request, base, self.get_cache_keys())

    def get_queryset(self):
        return Article.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_url_base"] = _PAGE_SUFFIX.sub("", self.request.path)
        if context.get("is_paginated"):
            page = context["page_obj"]
            context["page_range"] = page.paginator.get_elided_page_range(page.number)
        context.setdefault("heading", self.get_heading())
        context["page_meta"] = self.get_page_meta(context)
        context["section_feed"] = self.get_section_feed()
        context["structured_data"] = self.get_structured_data(context)
        keys = self.get_cache_keys()
        if keys is not None:
            pagecache.tag(self.request, *keys)
            # The list is read when its cached part is rendered (templates/articles/
            # archive.html), and tags what its cards show then.
            page_articles = context["articles"]
            context["articles"] = SimpleLazyObject(lambda: self.tagged(page_articles))
            context["fragment_name"] = f"list:{self.request.path}"
            context["fragment_keys"] = " ".join(keys)
            context["fragment_until"] = cachekeys.next_scheduled_timestamp(self.request)
        return context

    def tagged(self, articles):
        articles = list(articles)
        cachekeys.tag_articles(self.request, articles)
        return articles

    def get_cache_keys(self):
        """The page cache's keys for this list (cachekeys.py); None: never stored."""
        return []

    # A list of one thing (a category, a tag, an author): its heading and description, formats
    # with %(name)s (get_name()); its own feed: the RSS route's name (Atom's adds "-atom") with
    # get_feed_kwargs(), and the feed's title (also with %(site)s).
    heading = ""
    description = ""
    section_feed = None
    section_feed_title = ""

    def get_name(self):
        """The name of what this list is of."""
        return ""

    def get_feed_kwargs(self):
        return {}

    def get_heading(self):
        return self.heading % {"name": self.get_name()}

    def get_description(self):
        if self.description:
            return self.description % {"name": self.get_name()}
        return self.get_heading()

    def get_page_meta(self, context):
        page = context.get("page_obj")
        return metadata.PageMeta(
            title=self.get_heading(),
            description=self.get_description(),
            url=metadata.absolute(self.request, self.request.path),
            image=metadata.site_image_url(self.request),
            page=page.number if page is not None else 1,
        )

    def get_section_feed(self):
        """(RSS URL, Atom URL, title) of this list's own feed, or None."""
        if self.section_feed is None:
            return None
        kwargs = self.get_feed_kwargs()
        return (
            reverse(self.section_feed, kwargs=kwargs),
            reverse(f"{self.section_feed}-atom", kwargs=kwargs),
            self.section_feed_title
            % {"site": settings.NEWSROOM_SITE_NAME, "name": self.get_name()},
        )

    def get_structured_data(self, context):
        """JSON-LD objects for the page: a breadcrumb trail below the home page."""
        crumbs = [(_("Home"), reverse("articles:home"))]
        crumbs += [(c.name, c.get_absolute_url()) for c in context.get("ancestors", ())]
        crumbs.append((self.get_crumb(), _PAGE_SUFFIX.sub("", self.request.path)))
        return [metadata.breadcrumb_data(self.request, crumbs)]

    def get_crumb(self):
        """This list's name in a breadcrumb trail."""
        return self.get_heading()


class HomeView(ListingMixin, generic.ListView):
    template_name = "articles/home.html"

    def get(self, request, *args, **kwargs):
        if "s" in request.GET:  # WordPress's search address
            query = urlencode({"q": request.GET["s"]})
            return redirect(f"{reverse('articles:search')}?{query}", permanent=True)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Cards show no tags: the latest list skips the tag prefetch of other lists.
        return Article.objects.published().for_cards().order_by("-sticky", "-published_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            context["front_page"] = self.front_page
        return context

    def front_page(self):
        """Page 1 opens with the top stories and the sections; its latest list leaves out the
        top stories (already above it), later pages are the plain list. Read when the cached
        part is rendered (the template calls this)."""
        lead, secondary = frontpage.top_stories()
        shown = [story.pk for story in (lead, *secondary) if story]
        sections = frontpage.sections(exclude=shown)
        cards = [*(story for story in (lead, *secondary) if story)]
        cards += [article for _category, articles in sections for article in articles]
        cachekeys.tag_articles(self.request, cards)
        pagecache.tag(
            self.request, *(surrogate.category(category.pk) for category, _articles in sections)
        )
        return {"lead": lead, "secondary": secondary, "shown": shown, "sections": sections}

    def get_cache_keys(self):
        return [surrogate.HOME_LIST]

    def get_heading(self):
        return settings.NEWSROOM_SITE_NAME

    def get_structured_data(self, context):
        return [metadata.website_data(self.request)]

    def get_description(self):
        return settings.NEWSROOM_SITE_TAGLINE or _("The latest news, in Indonesian and English.")


class SearchView(ListingMixin, generic.ListView):
    """Full-text search over published articles, best matches first."""

    template_name = "articles/search.html"

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        self.query = self.form.query
        response = super().get(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, follow"
        return response

    def get_queryset(self):
        limit = settings.NEWSROOM_SEARCH_RESULTS
        return Results(super().get_queryset(), self.query, limit)

    def get_cache_keys(self):
        return None  # results depend on every article: not stored

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            form=self.form,
            search_query=self.query,
            search_max_length=settings.NEWSROOM_SEARCH_MAX_LENGTH,
            **kwargs,
        )
        context["page_query"] = "?" + urlencode({"q": self.query})
        for article in context["articles"]:
            article.snippet = snippet(article, self.query)
        return context

    def get_heading(self):
        if not self.query:
            return _("Search")
        return _("Search results for “%(query)s”") % {"query": self.query}

    def get_page_meta(self, context):
        meta = super().get_page_meta(context)
        meta.url = None  # results pages are not indexed, so they name no canonical URL
        return meta

    def get_structured_data(self, context):
        return []


class CategoryView(ListingMixin, generic.ListView):
    heading = gettext_lazy("Category: %(name)s")
    section_feed = "articles:category-feed"
    section_feed_title = gettext_lazy("%(site)s » %(name)s category feed")

    def get_queryset(self):
        self.category = get_object_or_404(Category, path=self.kwargs["path"])
        return super().get_queryset().in_category(self.category)

    def get_context_data(self, **kwargs):
        self.ancestors = list(Category.objects.filter(path__in=self.category.ancestor_paths()))
        return super().get_context_data(category=self.category, ancestors=self.ancestors, **kwargs)

    def get_cache_keys(self):
        shown = [self.category, *self.ancestors]
        return [
            surrogate.category_list(self.category.pk),
            *(surrogate.category(c.pk) for c in shown),
        ]

    def get_name(self):
        return self.category.name

    def get_description(self):
        return self.category.description or self.get_heading()

    def get_crumb(self):
        return self.get_name()

    def get_feed_kwargs(self):
        return {"path": self.category.path}


class TagView(ListingMixin, generic.ListView):
    heading = gettext_lazy("Tag: %(name)s")
    description = gettext_lazy("Articles tagged %(name)s.")
    section_feed = "articles:tag-feed"
    section_feed_title = gettext_lazy("%(site)s » %(name)s tag feed")

    def get(self, request, *args, **kwargs):
        self.tag = Tag.objects.filter(slug=kwargs["slug"]).first()
        if self.tag is None:
            return tags.moved(request, kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)

    def get_cache_keys(self):
        return [surrogate.tag_list(self.tag.pk), surrogate.tag(self.tag.pk)]

    def get_name(self):
        return self.tag.name

    def get_feed_kwargs(self):
        return {"slug": self.tag.slug}


class AuthorView(ListingMixin, generic.ListView):
    heading = gettext_lazy("Author: %(name)s")
    description = gettext_lazy("Articles by %(name)s.")
    section_feed = "articles:author-feed"
    section_feed_title = gettext_lazy("%(site)s » articles by %(name)s feed")

    def get_queryset(self):
        self.profile = get_object_or_404(
            AuthorProfile.objects.with_page().select_related("user"), slug=self.kwargs["slug"]
        )
        self.author = self.profile.user
        return super().get_queryset().filter(author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)

    def get_cache_keys(self):
        return [surrogate.author_list(self.author.pk), surrogate.author(self.author.pk)]

    def get_name(self):
        return self.profile.display_name

    def get_feed_kwargs(self):
        return {"slug": self.profile.slug}


class DateArchiveMixin(ListingMixin):
    date_field = "published_at"
    allow_empty = False
    allow_future = False
    make_object_list = True
    month_format = "%m"
    day_format = "%d"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["archive_date"] = self.archive_date()
        context["archive_kind"] = self.archive_kind
        return context

    def get_cache_keys(self):
        return [surrogate.DATE_LISTS]

    # What Django reads of an archive besides its page (whether it has articles, the archives
    # before and after it) costs more as its year fills: each is read once per change of the
    # list and kept like its count (paging.py), not on every request.
    def kept(self, what, compute):
        return paging.kept(paging.fact_key(self.list_version, what), compute)

    def get_dated_queryset(self, **lookup):
        """Django's, with its emptiness check kept (published() has nothing from the future)."""
        articles = self.get_queryset().filter(**lookup)
        if not self.kept("any", articles.exists):
            raise Http404
        return articles

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        return None  # the pages list no months or days: never read

    def neighbour(self, name, date):
        return self.kept(name, lambda: getattr(super(DateArchiveMixin, self), name)(date))

    def get_next_year(self, date):
        return self.neighbour("get_next_year", date)

    def get_previous_year(self, date):
        return self.neighbour("get_previous_year", date)

    def get_next_month(self, date):
        return self.neighbour("get_next_month", date)

    def get_previous_month(self, date):
        return self.neighbour("get_previous_month", date)

    def get_next_day(self, date):
        return self.neighbour("get_next_day", date)

    def get_previous_day(self, date):
        return self.neighbour("get_previous_day", date)


class YearArchive(DateArchiveMixin, generic.YearArchiveView):
    archive_kind = "year"

    def archive_date(self):
        return datetime.date(self.get_year(), 1, 1)

    def get_heading(self):
        return _("Archive: %(year)s") % {"year": self.get_year()}


class MonthArchive(DateArchiveMixin, generic.MonthArchiveView):
    archive_kind = "month"

    def archive_date(self):
        return datetime.date(self.get_year(), self.get_month(), 1)

    def get_heading(self):
        return _("Archive: %(date)s") % {"date": date_format(self.archive_date(), "F Y")}


class DayArchive(DateArchiveMixin, generic.DayArchiveView):
    archive_kind = "day"

    def archive_date(self):
        return datetime.date(self.get_year(), self.get_month(), self.get_day())

    def get_heading(self):
        return _("Archive: %(date)s") % {"date": date_format(self.archive_date(), "j F Y")}


class ArticleDetailView(generic.DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        try:
            day = datetime.date(self.kwargs["year"], self.kwargs["month"], self.kwargs["day"])
        except ValueError as exc:
            raise Http404 from exc
        articles = Article.objects.for_listing().with_more_category_ids()
        articles = articles.on_day(day).filter(slug=self.kwargs["slug"])
        if can_preview(self.request):
            return get_object_or_404(articles.visible_to(self.request.user))
        # A reader's article, with what its page reads of it (card data, tags, the categories
        # above it), is kept under the keys of what it carries: it changes only with them.
        article, self.ancestors = fragments.cached(
            self.request,
            f"article-object:{day:%Y-%m-%d}:{self.kwargs['slug']}",
            lambda: self.read_public(articles),
        )
        return article

    def read_public(self, articles):
        article = get_object_or_404(articles.published())
        ancestors = self.categories_shown(article)
        pagecache.tag(self.request, *self.keys_of(article, ancestors))
        return article, ancestors

    @staticmethod
    def categories_shown(article):
        """The categories above the article's own (root first), for the breadcrumbs; its other
        categories (by name) go on `article.other_categories`, for "posted in". One query, none
        when there are neither (the ids come with the article: with_more_category_ids)."""
        paths = article.category.ancestor_paths()
        ids = {int(pk) for pk in (article.more_category_ids or "").split(",") if pk}
        ids.discard(article.category_id)
        found = (
            list(Category.objects.filter(Q(path__in=paths) | Q(pk__in=ids))) if paths or ids else []
        )
        article.other_categories = sorted(
            (c for c in found if c.pk in ids), key=lambda c: c.name.lower()
        )
        return sorted((c for c in found if c.path in paths), key=lambda c: c.path)

    @staticmethod
    def keys_of(article, ancestors):
        """What an article's page shows of it: its card data, categories, tags, author, count."""
        shown = [article.category, *ancestors, *article.other_categories]
        return [
            surrogate.article(article.pk),
            surrogate.author(article.author_id),
            surrogate.article_comments(article.pk),
            *(surrogate.category(c.pk) for c in shown),
            *(surrogate.tag(t.pk) for t in article.tags.all()),
        ]

    def get_context_data(self, **kwargs):
        article = self.object
        ancestors = getattr(self, "ancestors", None)
        if ancestors is None:
            ancestors = self.categories_shown(article)
        context = {
            "is_preview": not article.is_public,
            "ancestors": ancestors,
            # The languages the article is written in (hreflang): Indonesian only, for now.
            "text_languages": [settings.LANGUAGE_CODE],
        }
        if article.is_public:
            context["page_meta"] = metadata.article_meta(self.request, article)
            context["structured_data"] = [
                metadata.news_article_data(self.request, article),
                metadata.breadcrumb_data(self.request, metadata.article_crumbs(article, ancestors)),
            ]
        else:  # a preview: titled, but not indexed, so no canonical URL or structured data
            context["page_meta"] = metadata.PageMeta(
                title=article.title, description=article.summary
            )
        if article.is_public:
            # What the article shows (its card data, category, tags, author, comment count);
            # the neighbours and "Read also" are read only when the cached part is rendered
            # (templates call these), and tag themselves then.
            keys = self.keys_of(article, ancestors)
            pagecache.tag(self.request, *keys)
            context["fragment_keys"] = " ".join(keys)
            context["fragment_until"] = cachekeys.next_scheduled_timestamp(self.request)
            context["related_articles"] = lambda: self.related(article)
            context["neighbours"] = lambda: self.neighbours(article)
        return super().get_context_data(**context, **kwargs)

    def related(self, article):
        found = related.related_articles(article)
        pagecache.tag(self.request, *(surrogate.article(a.pk) for a in found))
        return found

    def neighbours(self, article):
        """{"previous": article or None, "next": ...}: the links below the article."""
        public = Article.objects.published().only("title", "slug", "published_at")
        found = {
            "previous": public.before(article.published_at).first(),
            "next": public.after(article.published_at).first(),
        }
        pagecache.tag(
            self.request,
            surrogate.neighbours(article.pk),
            *(surrogate.article(a.pk) for a in found.values() if a is not None),
        )
        return found

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class ArticlePreviewView(ArticleDetailView):
    """Staff see any article, drafts included, marked as a preview and never cached."""

    def get_object(self, queryset=None):
        if not can_preview(self.request):
            raise Http404
        articles = Article.objects.for_listing().with_more_category_ids()
        articles = articles.visible_to(self.request.user)
        return get_object_or_404(articles, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.is_public:
            return redirect(self.object)
        return self.render_to_response(self.get_context_data(object=self.object))


def can_preview(request):
    """Whether the request may see unpublished articles at all (which ones: visible_to)."""
    # Without a session cookie there is no user to ask about: reading the session would add
    # `Vary: Cookie` to every anonymous article page.
    if not pagecache.signed_in(request):
        return False
    return may_preview(request.user)
