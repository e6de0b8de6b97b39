from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

import pagecache
from articles.admin_desk import edit_link_view
from articles.models import Article
from articles.sitemaps import NewsSitemap, sitemaps
from articles.sitemaps import index as sitemap_index
from articles.sitemaps import section as sitemap_section
from pagecache import keys as surrogate
from pages.models import Page

from . import password_reset, views
from .forms import AdminLoginForm

# A database outage is a 503 with Retry-After (newsroom/outage.py); anything else the 500 page.
handler500 = "newsroom.outage.server_error_or_outage"

admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom admin")
admin.site.index_title = _("Editorial desk")
admin.site.login_form = AdminLoginForm

# Django's own password reset, in the admin's look (its registration/ templates), by email: the
# mail goes through the task worker, and requests are limited (newsroom/password_reset.py).
_admin_look = {"site_header": admin.site.site_header, "site_title": admin.site.site_title}
password_reset_urls = [
    path(
        "admin/password-reset/",
        password_reset.PasswordResetView.as_view(extra_context=_admin_look),
        name="admin_password_reset",
    ),
    path(
        "admin/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(extra_context=_admin_look),
        name="password_reset_done",
    ),
    path(
        "admin/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(extra_context=_admin_look),
        name="password_reset_confirm",
    ),
    path(
        "admin/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(extra_context=_admin_look),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    # For the reader pages' "Edit" link (static/js/edit-link.js); uncached, about the person.
    path(
        "admin/edit-link/",
        edit_link_view,
        {"kinds": {"article": Article, "page": Page}},
        name="edit-link",
    ),
    *password_reset_urls,
    path("admin/", admin.site.urls),
    # The admin's language switch (reader pages change language by URL, not by this).
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", RedirectView.as_view(url="/static/img/favicon.svg", permanent=True)),
    path("robots.txt", pagecache.tagged(surrogate.ROBOTS)(views.robots_txt), name="robots-txt"),
    # The article page's read-counting beacon (one address for both languages).
    path("hit/", include("popularity.urls")),
    # One index over every section; each section splits into ?p=N files of 50,000 URLs.
    path(
        "sitemap.xml",
        pagecache.tagged(surrogate.SITEMAP)(sitemap_index),
        {"sitemaps": sitemaps()},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        pagecache.tagged(surrogate.SITEMAP)(sitemap_section),
        {"sitemaps": sitemaps()},
        name="sitemap-section",
    ),
    path(
        "news-sitemap.xml",
        pagecache.tagged(surrogate.SITEMAP)(sitemap_views.sitemap),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="news-sitemap",
    ),
]

# Indonesian at the WordPress URLs, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("comments.urls")),
    path("", include("articles.urls")),
    path("", include("comments.page_urls")),  # /<slug>/feed/: a standing page's comments
    # Keep last: a standing page's /<slug>/ must never shadow another reader URL.
    path("", include("pages.urls")),
    prefix_default_language=False,
)

# Uploads from Django itself only in development and demos (SERVE_MEDIA=1): in production
# the web server or object storage serves them.
if settings.DEBUG or settings.NEWSROOM_SERVE_MEDIA:
    urlpatterns += [path("media/<path:path>", views.media, name="media")]
