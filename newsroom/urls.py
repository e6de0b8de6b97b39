from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from django.views.static import serve

admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom admin")
admin.site.index_title = _("Editorial desk")

urlpatterns = [
    path("admin/", admin.site.urls),
    # The admin's language switch (reader pages change language by URL, not by this).
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", RedirectView.as_view(url="/static/img/favicon.svg", permanent=True)),
]

# Indonesian at the WordPress URLs, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("articles.urls")),
    # Keep last: a standing page's /<slug>/ must never shadow another reader URL.
    path("", include("articles.page_urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
