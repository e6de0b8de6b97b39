from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from django.views.static import serve

from articles.admin_desk import edit_link_view
from articles.sitemaps import NewsSitemap, sitemaps

from . import views

admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom admin")
admin.site.index_title = _("Editorial desk")

urlpatterns = [
    # For the reader pages' "Edit" link (static/js/edit-link.js); uncached, about the person.
    path("admin/edit-link/", edit_link_view, name="edit-link"),
    path("admin/", admin.site.urls),
    # The admin's language switch (reader pages change language by URL, not by this).
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", RedirectView.as_view(url="/static/img/favicon.svg", permanent=True)),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    # One index over every section; each section splits into ?p=N files of 50,000 URLs.
    path(
        "sitemap.xml",
        sitemap_views.index,
        {
            "sitemaps": sitemaps(),
            "template_name": "sitemaps/index.xml",
            "sitemap_url_name": "sitemap-section",
        },
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps(), "template_name": "sitemaps/sitemap.xml"},
        name="sitemap-section",
    ),
    path(
        "news-sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="news-sitemap",
    ),
]

# Indonesian at the WordPress URLs, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("comments.urls")),
    path("", include("articles.urls")),
    # Keep last: a standing page's /<slug>/ must never shadow another reader URL.
    path("", include("articles.page_urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
