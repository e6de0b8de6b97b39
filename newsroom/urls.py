from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.static import serve

from articles.sitemaps import NewsSitemap, sitemaps

from . import views

urlpatterns = [
    path("admin/", admin.site.urls),
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
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
