"""Site-wide views that belong to no app."""

from django.conf import settings
from django.http import Http404, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.csrf import requires_csrf_token
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


@requires_csrf_token
def server_error(request):
    """The 500 page, which says the team was told only when someone is (ADMINS are mailed)."""
    template = loader.get_template("500.html")
    # No request context: the database may be what failed.
    return HttpResponseServerError(template.render({"team_told": bool(settings.ADMINS)}))


def media(request, path):
    """An upload from MEDIA_ROOT as it is now (tests change it), for development and demos."""
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError) as exc:  # a name too long for the file system, a NUL byte
        raise Http404 from exc
