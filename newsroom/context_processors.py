from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

from articles.models import Category


def site(request):
    """Site name, the category navigation and this page in each language."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_tagline": settings.NEWSROOM_SITE_TAGLINE,
        "nav_categories": Category.objects.filter(parent=None),
        "language_urls": [
            (code, get_language_info(code)["name_local"], translate_url(request.path, code))
            for code, _name in settings.LANGUAGES
        ],
    }
