"""A full disk under the page cache or the media: pages are served uncached (logged once) and
nothing stale survives; an upload is refused with a message and leaves no truncated file. A real
full file system: a small tmpfs filled to the last byte."""

import io
import logging
import os
from pathlib import Path

import pytest
from django.test import Client
from PIL import Image

from articles.models import Article
from tests.articles.admin_helpers import ADD_URL, form_data
from tests.factories import make_article, make_category, make_staff, upload

from .disks import fill, small_disk

pytestmark = [pytest.mark.full_disk, pytest.mark.django_db]


@pytest.fixture
def disk(tmp_path):
    with small_disk(tmp_path / "disk") as path:
        yield path


@pytest.fixture
def pages_on_disk(disk, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "pagecache.filecache.PageFileCache", "LOCATION": str(disk / "pc")},
    }
    return disk


def test_a_full_page_cache_disk_serves_pages_uncached_and_nothing_stale(
    pages_on_disk, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.ERROR, logger="pagecache.filecache")
    article = make_article("Judul Pertama")
    reader = Client()
    reader.get(article.get_absolute_url())
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    fillers = [fill(pages_on_disk)]

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Judul Kedua"
        article.save()  # its purge's writes fail (each failure deletes the old value)
    fillers.append(fill(pages_on_disk))  # the deletions freed a little: full again
    # (A page that cannot be stored deletes its old copy; the space freed stores the next.)
    for path in (article.get_absolute_url(), "/", "/feed/", article.get_absolute_url(), "/"):
        response = reader.get(path)
        assert response.status_code == 200, path
        assert "Judul Kedua" in response.content.decode(), path
        assert "Judul Pertama" not in response.content.decode(), path
    assert caplog.text.count("cannot store") == 1

    for filler in fillers:
        filler.unlink()
    reader.get(article.get_absolute_url())
    again = reader.get(article.get_absolute_url())
    assert again["X-Page-Cache"] == "hit"
    assert "Judul Kedua" in again.content.decode()


def noisy_png(size=(300, 300)):
    """A photo-like PNG (noise does not compress): about 270 KB."""
    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_a_full_media_disk_refuses_an_upload_with_a_message_and_no_truncated_file(
    disk, settings, client
):
    """16 KB left: the photo's write fails midway. The form says so in the editor's language,
    keeps the text, stores no article and leaves no file behind."""
    settings.MEDIA_ROOT = disk / "media"
    editor = make_staff("redaktur")
    client.force_login(editor)
    filler = fill(disk)
    os.truncate(filler, filler.stat().st_size - 16 * 1024)
    data = form_data(make_category(), author=editor, featured_image_alt="Foto",
                     featured_image=upload("besar.png", noisy_png(), "image/png"))  # fmt: skip
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "disk media penuh" in page
    assert 'value="Gempa Guncang Sulawesi Tengah"' in page  # what the editor typed stays
    assert not Article.objects.exists()
    stored = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert stored == []
