from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_info

from articles.models import Category
from articles.pages import standing_links


def site(request):
    """Site name, the category navigation, standing pages and this page in each language."""
    # Lazy: templates without a footer or comment form (sitemaps, feeds) cost no query.
    standing = SimpleLazyObject(standing_links)
    return {
        "footer_pages": SimpleLazyObject(lambda: standing[0]),
        "privacy_policy_url": SimpleLazyObject(lambda: standing[1]),
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_tagline": settings.NEWSROOM_SITE_TAGLINE,
        "nav_categories": Category.objects.filter(parent=None),
        "language_urls": [
            (code, get_language_info(code)["name_local"], translate_url(request.path, code))
            for code, _name in settings.LANGUAGES
        ],
    }
