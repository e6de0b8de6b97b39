"""A live article whose address changes keeps its old one as a `Redirect` (WordPress keeps
`_wp_old_slug` and `_wp_old_date` for the same reason): readers' links, search results and
shared posts still arrive. Receivers of Article's pre_save and post_save (apps.py)."""

from django.conf import settings
from django.utils import translation

from articles.models import Article

from .models import Redirect


def _path(article):
    with translation.override(settings.LANGUAGE_CODE):  # the admin may be in English
        return article.get_absolute_url()


def remember_address(sender, instance, raw=False, **kwargs):
    """pre_save: the address readers know, when the article is public now."""
    instance._public_path_before = None
    if raw or instance.pk is None:
        return
    before = Article.objects.published().filter(pk=instance.pk).first()
    if before is not None:
        instance._public_path_before = _path(before)


def keep_old_address(sender, instance, raw=False, **kwargs):
    """post_save: the old address answers 301 with the new one while the article is public.

    Redirects to the old address follow it (no chain of two), and one from the new address
    goes (moving back would make a loop, and the page is there again)."""
    old = getattr(instance, "_public_path_before", None)
    if raw or old is None or not instance.is_public:
        return
    new = _path(instance)
    if new == old:
        return
    Redirect.objects.filter(old_path=new).delete()
    Redirect.objects.filter(new_path=old).update(new_path=new)
    Redirect.objects.update_or_create(old_path=old, defaults={"new_path": new})
