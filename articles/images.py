"""Featured images: checked by content, cleaned of metadata, cut into renditions once.

Uploads are opened with Pillow (never trusted by name), refused when they are not JPEG, PNG,
WebP or GIF, too large, too many pixels or a decompression bomb, turned upright by their EXIF
orientation and saved again without any metadata (EXIF, XMP, comments; the colour profile
stays). Renditions at several widths, once each, each also in WebP, go through Django's storage
API (so object storage works) and their names are kept with the article, so rendering a page
never asks the storage anything.
"""

import io
import secrets
import warnings
from pathlib import PurePosixPath

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 50-megapixel camera's photo is refused; resize it first
WIDTHS = (320, 640, 960, 1280, 1920)
SAVE_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 4},
}


def clean_upload(upload):
    """The uploaded image upright and without metadata, as a new file; ValidationError if bad."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(
            _("The image is %(size)s; the limit is %(limit)s. Export it smaller and try again."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)},
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit: treat that as the bomb it may be.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                kind = image.format
                if kind not in EXTENSIONS:
                    raise _not_an_image()
                _check_pixels(*image.size)
                image.load()  # decodes everything: a truncated or corrupt file fails here
                content, extension = _reencode(image, kind)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("The image has too many pixels to open safely; it looks like a decompression bomb."),
            code="bomb",
        ) from exc
    except UnidentifiedImageError as exc:
        raise _not_an_image() from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("The image file is damaged or incomplete. Export it again and upload the new file."),
            code="corrupt",
        ) from exc
    stem = slugify(PurePosixPath(upload.name or "").stem)[:80] or "image"
    return ContentFile(content, name=f"{stem}.{extension}")


def _not_an_image():
    return ValidationError(
        _("This file is not a JPEG, PNG, WebP or GIF image (whatever its name says)."),
        code="invalid_image",
    )


def _check_pixels(width, height):
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _(
                "The image is %(width)s by %(height)s pixels; the limit is %(limit)s megapixels. "
                "Resize it and try again."
            ),
            code="too_many_pixels",
            params={"width": width, "height": height, "limit": MAX_PIXELS // 1_000_000},
        )


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _pixels_only(image, alpha):
    """The image in RGB(A) with no metadata: Pillow writes what `info` holds (a JPEG comment,
    XMP...) into every file saved from it, so nothing is left there."""
    converted = image.convert("RGBA" if alpha else "RGB")
    converted.info = {}
    return converted


def _save_options(kind, source):
    """How to save as `kind`; the colour profile of `source` is kept (colours, not metadata)."""
    options = dict(SAVE_OPTIONS[kind])
    if source.info.get("icc_profile"):
        options["icc_profile"] = source.info["icc_profile"]
    return options


def _reencode(image, kind):
    """Bytes and extension of the image upright, without metadata; a GIF keeps its first frame."""
    alpha = _has_alpha(image)
    upright = _pixels_only(ImageOps.exif_transpose(image), alpha)
    target = {"GIF": "PNG", "JPEG": "JPEG"}.get(kind, kind)
    if target == "JPEG" and alpha:
        target = "PNG"
    options = _save_options(target, image)
    buffer = io.BytesIO()
    upright.save(buffer, target, **options)
    return buffer.getvalue(), EXTENSIONS[target]


def rendition_widths(width):
    """The widths to make for an image `width` pixels wide: each once, never upscaled."""
    return sorted({w for w in WIDTHS if w < width} | {min(width, WIDTHS[-1])})


def rendition_name(name, width, kind):
    path = PurePosixPath(name)
    return str(path.parent / "renditions" / f"{path.stem}-{width}w.{EXTENSIONS[kind]}")


def make_renditions(name, storage=None):
    """Make the missing renditions of the stored image `name`; returns what templates need."""
    storage = storage or default_storage
    with storage.open(name, "rb") as stored, Image.open(stored) as image:
        width, height = image.size  # from the header: nothing decoded yet
        alpha = _has_alpha(image)
        fallback = "PNG" if alpha else "JPEG"
        sources = [
            {
                "width": w,
                "height": max(1, round(height * w / width)),
                "src": rendition_name(name, w, fallback),
                "webp": rendition_name(name, w, "WEBP"),
            }
            for w in rendition_widths(width)
        ]
        missing = [
            (source, key, kind)
            for source in sources
            for key, kind in (("src", fallback), ("webp", "WEBP"))
            if not storage.exists(source[key])  # made once: an existing rendition is kept
        ]
        if missing:
            pixels = _pixels_only(image, alpha)
            resized = {}
            for source, key, kind in missing:
                size = (source["width"], source["height"])
                if size not in resized:
                    resized[size] = pixels.resize(size, Image.Resampling.LANCZOS)
                buffer = io.BytesIO()
                resized[size].save(buffer, kind, **_save_options(kind, image))
                source[key] = storage.save(source[key], ContentFile(buffer.getvalue()))
    return {"name": name, "width": width, "height": height, "sources": sources}


def renditions_for(fieldfile, current=None):
    """Store a new upload and return the renditions of `fieldfile`, reusing `current` if same."""
    if not fieldfile:
        return {}
    if not fieldfile._committed:
        fieldfile.save(fieldfile.name, fieldfile.file, save=False)
    if current and current.get("name") == fieldfile.name:
        return current
    return make_renditions(fieldfile.name, fieldfile.storage)


def best_rendition(renditions, width):
    """The smallest rendition at least `width` wide (else the largest), or None."""
    sources = (renditions or {}).get("sources") or []
    if not sources:
        return None
    return next((s for s in sources if s["width"] >= width), sources[-1])


def rendition_url(renditions, width, storage=None):
    """URL of the best JPEG/PNG rendition for `width` pixels (see best_rendition), or ""."""
    best = best_rendition(renditions, width)
    if best is None:
        return ""
    return (storage or default_storage).url(best["src"])


# A chosen image kept across a form error: browsers never send a file input back, so the
# cleaned upload waits in the storage under stash/, named by a signed token the form carries
# in a hidden field. The token expires after a day; a stash is deleted once taken.
STASH_SALT = "articles.images.stash"
STASH_MAX_AGE = 24 * 60 * 60


def stash_upload(upload, storage=None):
    """Store a cleaned upload for the next submit of the form; returns its signed token."""
    storage = storage or default_storage
    name = storage.save(f"stash/{secrets.token_urlsafe(12)}/{upload.name}", upload)
    return signing.dumps(name, salt=STASH_SALT)


def take_stash(token, storage=None):
    """The upload stashed under `token` as a new file, or None (bad, expired or used token)."""
    storage = storage or default_storage
    try:
        name = signing.loads(token, salt=STASH_SALT, max_age=STASH_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(name, str) or not name.startswith("stash/") or not storage.exists(name):
        return None
    with storage.open(name, "rb") as stored:
        content = stored.read()
    storage.delete(name)
    return ContentFile(content, name=PurePosixPath(name).name)
