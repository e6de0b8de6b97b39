"""Media of an import: featured images and body images, copied from a folder or fetched.

Each file goes through `articles.images` exactly like an editor's upload (checked by content,
EXIF removed, renditions made) and is stored with Django's storage API. A file is imported once
per WordPress URL (`ImportedFile`); what cannot be found or read is reported, never fatal.
"""

import hashlib
import re
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from articles import images

from .models import ImportedFile

FETCH_TIMEOUT = 20
_SIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")  # WordPress's resized copies: photo-300x200.jpg
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"(<a\b[^>]*?\bhref\s*=\s*)([\"'])(.*?)\2", re.IGNORECASE | re.DOTALL)
_ATTR = r"\b{}\s*=\s*([\"'])(.*?)\1"
BODY_WIDTH = 960  # the article column's widest rendering


def normalize(url):
    """The URL without its query (?w=604) and fragment: one file, one key."""
    parts = urlsplit(url.strip())
    return f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.netloc else parts.path


def relative_path(url):
    """The file's path below wp-content/uploads (or below the host, as on WordPress.com)."""
    path = unquote(urlsplit(url).path)
    marker = "/wp-content/uploads/"
    if marker in path:
        path = path.split(marker, 1)[1]
    return path.lstrip("/")


def _key(url):
    return hashlib.sha256(url.encode()).hexdigest()


class Media:
    """Finds, stores and remembers media files; collects what went missing."""

    def __init__(self, media_dir=None, fetch=False, dry_run=False):
        self.media_dir = Path(media_dir) if media_dir else None
        self.fetch = fetch
        self.dry_run = dry_run
        self.missing = []
        self.stored = 0

    @property
    def enabled(self):
        return bool(self.media_dir or self.fetch)

    def get(self, url):
        """The ImportedFile for `url`, importing it now if needed; None when unavailable."""
        url = normalize(url or "")
        if not url or not self.enabled:
            return None
        # The original first: a resized copy (photo-300x200.jpg) leads to the full image.
        candidates = list(dict.fromkeys([_SIZED.sub("", url), url]))
        for candidate in candidates:
            known = ImportedFile.objects.filter(source_key=_key(candidate)).first()
            if known is not None:
                return known
        for candidate in candidates:
            data = self._read(candidate)
            if data is not None:
                url = candidate
                break
        else:
            self.missing.append(url)
            return None
        if self.dry_run:
            return None
        try:
            cleaned = images.clean_upload(ContentFile(data, name=PurePosixPath(url).name))
        except ValidationError as exc:
            self.missing.append(f"{url} ({' '.join(exc.messages)})")
            return None
        folder = PurePosixPath(relative_path(url)).parent
        name = default_storage.save(f"articles/{folder}/{cleaned.name}", cleaned)
        self.stored += 1
        return ImportedFile.objects.create(
            source_url=url,
            source_key=_key(url),
            name=name,
            renditions=images.make_renditions(name, default_storage),
        )

    def _read(self, url):
        if self.media_dir:
            path = (self.media_dir / relative_path(url)).resolve()
            if path.is_relative_to(self.media_dir.resolve()) and path.is_file():
                return path.read_bytes()
        if self.fetch and urlsplit(url).scheme in ("http", "https"):
            try:
                with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT) as response:
                    data = response.read(images.MAX_BYTES + 1)
            except (urllib.error.URLError, OSError, ValueError):
                return None
            return data if len(data) <= images.MAX_BYTES else None
        return None

    def rewrite_body(self, body):
        """Body images stored here; their src/srcset (and links to them) point at the copies."""
        moved = {}

        def replace_img(match):
            tag = match[0]
            src = re.search(_ATTR.format("src"), tag, re.IGNORECASE | re.DOTALL)
            if not src:
                return tag
            stored = self.get(src[2])
            if stored is None:
                return tag
            sources = stored.renditions.get("sources") or []
            original = default_storage.url(stored.name)
            moved[normalize(src[2])] = original
            moved[_SIZED.sub("", normalize(src[2]))] = original
            best = images.best_rendition(stored.renditions, BODY_WIDTH)
            new_src = default_storage.url(best["src"]) if best else original
            srcset = ", ".join(f"{default_storage.url(s['src'])} {s['width']}w" for s in sources)
            tag = re.sub(r"\s(?:srcset|sizes)\s*=\s*([\"']).*?\1", "", tag, flags=re.DOTALL)
            tag = tag[: src.start()] + f'src="{new_src}"' + tag[src.end() :]
            if srcset:
                extra = (
                    f' srcset="{srcset}" sizes="(max-width: {BODY_WIDTH}px) 100vw, {BODY_WIDTH}px"'
                )
                tag = re.sub(r"\s*/?>$", extra + " />", tag)
            return tag

        body = _IMG.sub(replace_img, body)
        if moved:
            body = _HREF.sub(
                lambda m: f"{m[1]}{m[2]}{moved.get(normalize(m[3]), m[3])}{m[2]}", body
            )
        return body
