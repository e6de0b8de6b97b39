"""The media library: adding an image from the body editor, and showing body images with
their renditions (srcset) on reader pages."""

import re

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from . import images

BODY_SIZES = "(min-width: 48rem) 46rem, 100vw"
# No "\s*/?" after the attributes: a lazy run followed by \s* backtracks quadratically on a long
# run of spaces; the self-closing slash is taken off in Python (_attributes).
_IMG = re.compile(r"<img\b([^>]*)>", re.IGNORECASE)
_SRC = re.compile(r'\bsrc="([^"]*)"')

# The models with a body_field(), so the media library finds where an image is used. Each app
# adds its own in AppConfig.ready() (articles: Article; pages: Page).
BODY_MODELS = []


class MediaImage(models.Model):
    """An image in the media library: uploaded once (checked, upright, without metadata), its
    renditions made once, inserted into article bodies from the editor."""

    file = models.ImageField(_("image"), upload_to="library/%Y/%m/")
    alt = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, db_index=True)
    renditions = models.JSONField(_("image renditions"), default=dict, blank=True, editable=False)
    # The start of its renditions' names ("library/2026/11/renditions/banjir-"): how a body's
    # <img> is traced back to its image, and how "where used" searches the bodies.
    rendition_prefix = models.CharField(max_length=255, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("library image")
        verbose_name_plural = _("media library")

    def __str__(self):
        return self.alt or self.file.name

    def make_renditions(self):
        """Store the upload and make its renditions (I/O: called by the library's service and
        admin, never by save())."""
        self.renditions = images.renditions_for(self.file, self.renditions)
        if self.renditions:
            first = self.renditions["sources"][0]["src"]
            self.rendition_prefix = first[: first.rindex("-") + 1]

    def body_rendition(self, width=960):
        """The rendition put in an article body (the site shows bodies at most ~46rem wide)."""
        return images.best_rendition(self.renditions, width)

    def where_used(self):
        """What shows this image in its body: articles, pages (BODY_MODELS), each in its order."""
        if not self.rendition_prefix:
            return []
        needle = self.rendition_prefix
        return [obj for model in BODY_MODELS for obj in model.objects.filter(body__contains=needle)]


def library_add(*, upload, alt, caption="", user=None):
    """Check the upload (images.clean_upload: ValidationError when bad), store it and its
    renditions, and return the library image."""
    image = MediaImage(
        file=images.clean_upload(upload), alt=alt.strip(), caption=caption.strip(), uploaded_by=user
    )
    image.full_clean(exclude=["file", "uploaded_by"])
    image.make_renditions()
    image.save()
    return image


def body_image(image):
    """What the editor inserts: the body-sized rendition, its size and the alt text."""
    best = image.body_rendition()
    return {
        "id": image.pk,
        "src": default_storage.url(best["src"]),
        "width": best["width"],
        "height": best["height"],
        "alt": image.alt,
        "caption": image.caption,
    }


def _prefix_of(url):
    """The rendition prefix of a library rendition URL ("…/renditions/banjir-"), or None."""
    media = default_storage.url("")
    if not url.startswith(media) or "/renditions/" not in url:
        return None
    name = url[len(media) :]
    return name[: name.rindex("-") + 1] if "-" in name else None


def _attributes(inside):
    """An <img>'s attributes without the trailing space and self-closing slash."""
    inside = inside.rstrip()
    return inside[:-1].rstrip() if inside.endswith("/") else inside


def with_srcset(html):
    """`html` with each library image given its renditions as srcset/sizes (one query, none
    when the body has no library image)."""
    prefixes = {_prefix_of(src) for src in _SRC.findall(html or "")} - {None}
    if not prefixes:
        return html
    found = {
        image.rendition_prefix: image
        for image in MediaImage.objects.filter(rendition_prefix__in=prefixes)
    }

    def add(match):
        attrs = _attributes(match.group(1))
        src = _SRC.search(attrs)
        image = found.get(_prefix_of(src.group(1))) if src else None
        if image is None or "srcset=" in attrs:
            return match.group(0)
        sources = image.renditions.get("sources") or []
        srcset = ", ".join(f"{default_storage.url(s['src'])} {s['width']}w" for s in sources)
        extra = f' srcset="{escape(srcset)}" sizes="{BODY_SIZES}"'
        if "loading=" not in attrs:
            extra += ' loading="lazy"'
        return f"<img{attrs}{extra}>"

    return _IMG.sub(add, html)
