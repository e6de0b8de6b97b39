"""The media library: adding an image from the body editor, and showing body images with
their renditions (srcset) on reader pages."""

import re

from django.core.files.storage import default_storage
from django.utils.html import escape

from . import images
from .models import MediaImage

BODY_SIZES = "(min-width: 48rem) 46rem, 100vw"
_IMG = re.compile(r"<img\b([^>]*?)\s*/?>", re.IGNORECASE)
_SRC = re.compile(r'\bsrc="([^"]*)"')


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
        attrs = match.group(1)
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
