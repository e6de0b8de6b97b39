"""Reader pages: home, archives and the article. Thin views over named querysets."""

import datetime
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import generic
from taggit.models import Tag

from newsroom.middleware import ReaderCacheMiddleware

from .models import Article, Category

_PAGE_SUFFIX = re.compile(r"page/\d+/$")


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
            return redirect(_PAGE_SUFFIX.sub("", request.path), permanent=True)
        return super().get(request, *args, **kwargs)

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_PAGE_SIZE

    def get_queryset(self):
        return Article.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_url_base"] = _PAGE_SUFFIX.sub("", self.request.path)
        if context.get("is_paginated"):
            page = context["page_obj"]
            context["page_range"] = page.paginator.get_elided_page_range(page.number)
        context.setdefault("heading", self.get_heading())
        return context

    def get_heading(self):
        return ""


class HomeView(ListingMixin, generic.ListView):
    template_name = "articles/home.html"

    def get_queryset(self):
        return super().get_queryset().order_by("-sticky", "-published_at", "-pk")


class CategoryView(ListingMixin, generic.ListView):
    def get_queryset(self):
        self.category = get_object_or_404(Category, path=self.kwargs["path"])
        return super().get_queryset().in_category(self.category)

    def get_context_data(self, **kwargs):
        ancestors = Category.objects.filter(path__in=self.category.ancestor_paths())
        return super().get_context_data(category=self.category, ancestors=list(ancestors), **kwargs)

    def get_heading(self):
        return _("Category: %(name)s") % {"name": self.category.name}


class TagView(ListingMixin, generic.ListView):
    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)

    def get_heading(self):
        return _("Tag: %(name)s") % {"name": self.tag.name}


class AuthorView(ListingMixin, generic.ListView):
    # Only authors with published work have a page, so the list of accounts stays private.
    allow_empty = False

    def get_queryset(self):
        self.author = get_object_or_404(
            get_user_model(), username=self.kwargs["username"], is_active=True
        )
        return super().get_queryset().filter(author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)

    def get_heading(self):
        name = self.author.get_full_name() or self.author.get_username()
        return _("Author: %(name)s") % {"name": name}


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
        articles = Article.objects.for_listing().on_day(day).filter(slug=self.kwargs["slug"])
        if not can_preview(self.request):
            articles = articles.published()
        return get_object_or_404(articles)

    def get_context_data(self, **kwargs):
        article = self.object
        public = Article.objects.published().only("title", "slug", "published_at")
        context = {
            "is_preview": not article.is_public,
            "ancestors": list(Category.objects.filter(path__in=article.category.ancestor_paths())),
        }
        if article.is_public:
            context["previous_article"] = (
                public.filter(published_at__lt=article.published_at)
                .order_by("-published_at")
                .first()
            )
            context["next_article"] = (
                public.filter(published_at__gt=article.published_at)
                .order_by("published_at")
                .first()
            )
        return super().get_context_data(**context, **kwargs)

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
        return get_object_or_404(Article.objects.for_listing(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.is_public:
            return redirect(self.object)
        return self.render_to_response(self.get_context_data(object=self.object))


def can_preview(request):
    # Without a session cookie there is no user to ask about: reading the session would add
    # `Vary: Cookie` to every anonymous article page.
    if not ReaderCacheMiddleware.signed_in(request):
        return False
    user = request.user
    return user.is_active and user.is_staff and user.has_perm("articles.view_article")
