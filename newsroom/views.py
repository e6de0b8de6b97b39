"""Site-wide views that belong to no app."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.static import serve


@require_GET
def robots_txt(request):
    """Crawlers stay out of the admin, search results and previews; the sitemaps are named."""
    disallow = ["/admin/", "/*?s="]  # /?s= is WordPress's search address
    for code, _name in settings.LANGUAGES:
        prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
        disallow += [f"{prefix}/search/", f"{prefix}/preview/"]
    sitemaps = [reverse("sitemap"), reverse("news-sitemap")]
    context = {
        "disallow": disallow,
        "sitemap_urls": [request.build_absolute_uri(url) for url in sitemaps],
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


def media(request, path):
    """An upload from MEDIA_ROOT as it is now (tests change it), for development and demos."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
