"""The standing pages every reader page links to, read in one query and cached."""

from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language

FOOTER_CACHE_KEY = "pages:standing-pages"
FOOTER_CACHE_SECONDS = 24 * 60 * 60


def _standing_pages():
    rows = cache.get(FOOTER_CACHE_KEY)
    if rows is None:
        from .models import Page

        rows = list(
            Page.objects.published()
            .filter(Q(in_footer=True) | Q(is_privacy_policy=True))
            .order_by("footer_order", "title")
            .values("slug", "title", "title_en", "in_footer", "is_privacy_policy")
        )
        cache.set(FOOTER_CACHE_KEY, rows, FOOTER_CACHE_SECONDS)
    return rows


def standing_links():
    """The footer's links [(url, title)] and the privacy policy's URL ("" when there is none)."""
    english = (get_language() or "").startswith("en")
    footer, privacy_url = [], ""
    for row in _standing_pages():
        url = reverse("pages:detail", kwargs={"slug": row["slug"]})
        if row["in_footer"]:
            footer.append((url, (english and row["title_en"]) or row["title"]))
        if row["is_privacy_policy"]:
            privacy_url = url
    return footer, privacy_url


def forget_footer(**kwargs):
    """A page changed: the next request reads the pages again."""
    cache.delete(FOOTER_CACHE_KEY)
