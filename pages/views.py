"""The standing page at /<slug>/."""

from django.http import Http404
from django.utils.cache import add_never_cache_headers
from django.views import generic

import pagecache
from articles import metadata
from pagecache import keys as surrogate

from .models import Page


class PageView(generic.DetailView):
    """A standing page: /tentang-kami/, /kontak/, /kebijakan-privasi/; with its comments (the
    comments app's `{% comments_section %}`) when they are open or there are some, as
    WordPress shows them, also at /<slug>/comment-page-N/."""

    template_name = "pages/page_detail.html"
    context_object_name = "page"

    def get_queryset(self):
        # As for articles: no session read (and no `Vary: Cookie`) without a session cookie.
        if pagecache.signed_in(self.request):
            return Page.objects.visible_to(self.request.user)
        return Page.objects.published()

    def get_object(self, queryset=None):
        page = super().get_object(queryset)
        if "comment_page" in self.kwargs and not self.shows_comments(page):
            raise Http404
        return page

    @staticmethod
    def shows_comments(page):
        return page.is_published and (page.comments_open or page.comment_count > 0)

    def get_context_data(self, **kwargs):
        page = self.object
        # A canonical URL once it is published; unpublished pages are not indexed.
        url = (
            metadata.absolute(self.request, page.get_absolute_url()) if page.is_published else None
        )
        page_meta = metadata.PageMeta(
            title=page.localized_title(), description=page.summary, url=url
        )
        return super().get_context_data(
            page_meta=page_meta, shows_comments=self.shows_comments(page), **kwargs
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        pagecache.tag(self.request, surrogate.page(self.object.pk))
        if not self.object.is_published:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response
