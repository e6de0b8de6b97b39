from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_info

import pagecache
from articles.models import Category
from pagecache import fragments
from pagecache import keys as surrogate
from pages.footer import standing_links


def site(request):
    """Site name, the category navigation, standing pages and this page in each language."""

    # Lazy: templates without a footer or comment form (sitemaps, feeds) cost no query.
    # The page cache learns a page shows the navigation or footer only when it renders them.
    def read_standing():
        pagecache.tag_layout(request, surrogate.FOOTER)
        return standing_links()

    def read_nav():
        return fragments.cached(request, "nav", read_nav_categories)

    def read_nav_categories():
        pagecache.tag_layout(request, surrogate.NAV)
        return list(Category.objects.filter(parent=None))

    standing = SimpleLazyObject(read_standing)
    return {
        "footer_pages": SimpleLazyObject(lambda: standing[0]),
        "privacy_policy_url": SimpleLazyObject(lambda: standing[1]),
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_tagline": settings.NEWSROOM_SITE_TAGLINE,
        "nav_categories": SimpleLazyObject(read_nav),
        "language_urls": [
            (code, get_language_info(code)["name_local"], translate_url(request.path, code))
            for code, _name in settings.LANGUAGES
        ],
    }
