"""The page cache's keys for standing pages: `page:<id>`, and `footer` when its links change.

See articles/cachekeys.py for the other keys.
"""

from django.db.models.signals import post_delete

import pagecache
from pagecache import keys as surrogate

FOOTER_FIELDS = ("slug", "title", "title_en", "in_footer", "footer_order", "is_privacy_policy")


def _footer_state(page):
    """What the footer shows of a page (nothing when it is not linked there)."""
    if page is None or not page.is_published or not (page.in_footer or page.is_privacy_policy):
        return None
    return tuple(getattr(page, name) for name in FOOTER_FIELDS)


def remember_page(sender, instance, raw=False, **kwargs):
    stored = sender.objects.filter(pk=instance.pk).first() if instance.pk and not raw else None
    instance._cache_footer_before = _footer_state(stored)


def page_changed(sender, instance, signal=None, **kwargs):
    keys = {surrogate.page(instance.pk)}
    if signal is post_delete:
        before, after = _footer_state(instance), None
    else:
        before, after = getattr(instance, "_cache_footer_before", None), _footer_state(instance)
    if before != after:
        keys.add(surrogate.FOOTER)  # its link in every page's footer changed
    pagecache.purge_on_commit(*keys)
