"""Tag slugs: every tag gets one its URL can carry, whatever the script of its name.

Slugs keep their letters in any script (`erdoğan`, `中国`, `москва`), as django-taggit makes them
and as WordPress did (its old links keep working). A name with no letter or digit (`>`, `—`)
falls back to its code points (`tag-3e`). A slug that changes leaves an `OldTagSlug`, and the old
address answers 301 with the new one.
"""

import re
from urllib.parse import unquote_to_bytes

from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# What the tag URLs match (articles.converters.TagSlug) and taggit's SlugField accepts.
SLUG = r"[-\w]+"
_SLUG = re.compile(SLUG)
MAX_LENGTH = 100  # taggit's Tag.slug


def routable(slug):
    """Whether a tag URL can carry `slug`."""
    return bool(slug) and len(slug) <= MAX_LENGTH and _SLUG.fullmatch(slug) is not None


def slug_for(name):
    """The slug a tag named `name` should have: its words in any script, else its code points."""
    slug = slugify(name, allow_unicode=True)[:MAX_LENGTH].strip("-_")
    if slug:
        return slug
    codes = "-".join(f"{ord(char):x}" for char in name.strip())
    return f"tag-{codes}"[:MAX_LENGTH].strip("-") or "tag"


def free_slug(manager, slug, pk=None):
    """`slug`, or `slug-2`, `slug-3`, ... when another tag has it."""
    taken = set(manager.filter(slug__startswith=slug).exclude(pk=pk).values_list("slug", flat=True))
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        suffix = f"-{n}"
        candidate = f"{slug[: MAX_LENGTH - len(suffix)]}{suffix}"
    return candidate


class OldTagSlug(models.Model):
    """A slug a tag had: its old address leads to the tag's address now."""

    slug = models.CharField(_("old slug"), max_length=MAX_LENGTH, unique=True)
    tag = models.ForeignKey(
        "taggit.Tag", verbose_name=_("tag"), on_delete=models.CASCADE, related_name="old_slugs"
    )

    class Meta:
        app_label = "articles"
        verbose_name = _("old tag slug")
        verbose_name_plural = _("old tag slugs")

    def __str__(self):
        return self.slug


def give_slug(sender, instance, raw=False, **kwargs):
    """pre_save: a slug the URLs can carry (admin, Quick edit, import, ORM alike); remember the
    slug an existing tag had."""
    if raw:
        return
    if not routable(instance.slug):
        instance.slug = free_slug(sender._default_manager, slug_for(instance.name), instance.pk)
    if instance.pk is not None and not instance._state.adding:
        manager = sender._default_manager
        instance._slug_before = (
            manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
        )


def keep_old_slug(sender, instance, created, raw=False, **kwargs):
    """post_save: a changed slug's old address keeps leading to the tag."""
    before = getattr(instance, "_slug_before", None)
    instance._slug_before = None
    if raw or created or before is None or before == instance.slug:
        return
    OldTagSlug.objects.filter(slug=instance.slug).delete()  # the tag took an old slug back
    if routable(before):
        OldTagSlug.objects.update_or_create(slug=before, defaults={"tag": instance})


def moved(request, slug):
    """301 from a tag's old slug to the same page at its slug now; Http404 when it never was."""
    old = OldTagSlug.objects.filter(slug=slug).select_related("tag").first()
    if old is None:
        raise Http404
    match = request.resolver_match
    url = reverse(match.view_name, kwargs={**match.kwargs, "slug": old.tag.slug})
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


def fix_slugs(tag_model):
    """Give every stored tag whose slug no URL can carry a routable one (the data migration).

    A WordPress slug kept percent-encoded ("erdo%c4%9fan") becomes its letters ("erdoğan")."""
    manager = tag_model._default_manager
    for tag in manager.only("pk", "name", "slug").iterator():
        if routable(tag.slug):
            continue
        try:
            decoded = unquote_to_bytes(tag.slug).decode("utf-8")
        except UnicodeDecodeError:
            decoded = tag.slug
        base = slugify(decoded, allow_unicode=True)[:MAX_LENGTH].strip("-_")
        if not routable(base):
            base = slug_for(tag.name)
        manager.filter(pk=tag.pk).update(slug=free_slug(manager, base, tag.pk))
