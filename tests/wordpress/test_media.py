"""Featured and body images come from a copy of wp-content/uploads or from their old URLs."""

import functools
import http.server
import threading
from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from articles.models import Article
from wordpress.models import ImportedFile

from .conftest import run_import, write_wxr, wxr_item

pytestmark = pytest.mark.django_db


def jpeg(width=800, height=600):
    buffer = BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def attachment(post_id, parent, url):
    return f"""<item><title>foto</title><link>https://old.example/2024/03/05/pertama/foto/</link>
<wp:post_id>{post_id}</wp:post_id><wp:post_parent>{parent}</wp:post_parent>
<wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
<wp:attachment_url>{url}</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>
<wp:meta_value>Pantai saat senja</wp:meta_value></wp:postmeta></item>
"""


def export_with_images(tmp_path, base):
    body = (
        f'Lihat:\n\n<a href="{base}/2024/03/foto.jpg"><img src="{base}/2024/03/foto-300x200.jpg" '
        f'srcset="{base}/2024/03/foto-300x200.jpg 300w" width="300" alt="Pantai" /></a>'
        f'\n\n<img src="{base}/2024/03/hilang.jpg" alt="Hilang" />'
    )
    thumbnail = (
        "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
        "<wp:meta_value>30</wp:meta_value></wp:postmeta>"
    )
    return write_wxr(
        tmp_path / "media.xml",
        wxr_item(10, "Pertama", body=body, extra=thumbnail),
        attachment(30, 10, f"{base}/2024/03/foto.jpg"),
    )


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "uploads" / "wp-content" / "uploads" / "2024" / "03"
    folder.mkdir(parents=True)
    (folder / "foto.jpg").write_bytes(jpeg())
    return tmp_path / "uploads" / "wp-content" / "uploads"


def check_imported(article, err):
    assert article.featured_image.name.startswith("articles/2024/03/foto")
    assert article.featured_image_alt == "Pantai saat senja"
    assert [s["width"] for s in article.featured_image_renditions["sources"]] == [320, 640, 800]
    assert default_storage.exists(article.featured_image_renditions["sources"][0]["webp"])
    stored = ImportedFile.objects.get()  # the featured image and the body image: one file
    url = default_storage.url(stored.name)
    assert f'<a href="{url}" rel="noopener">' in article.body
    assert 'srcset="/media/articles/2024/03/renditions/foto-320w.jpg 320w' in article.body
    assert "foto-300x200" not in article.body
    assert "media not found:" in err
    assert "hilang.jpg" in err


def test_media_from_a_copy_of_uploads(tmp_path, uploads):
    export = export_with_images(tmp_path, "https://old.example/wp-content/uploads")
    _out, err = run_import(export, "--media-dir", str(uploads))
    check_imported(Article.objects.get(), err)
    # A second run reuses the stored file.
    run_import(export, "--media-dir", str(uploads))
    assert ImportedFile.objects.count() == 1


def test_media_fetched_from_the_old_site(tmp_path, uploads):
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "uploads")
    )
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # the OS's port
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        export = export_with_images(
            tmp_path, f"http://127.0.0.1:{server.server_port}/wp-content/uploads"
        )
        _out, err = run_import(export, "--fetch-media")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    check_imported(Article.objects.get(), err)


def test_without_media_options_the_old_urls_stay(tmp_path):
    export = export_with_images(tmp_path, "https://old.example/wp-content/uploads")
    run_import(export)
    article = Article.objects.get()
    assert not article.featured_image
    assert "https://old.example/wp-content/uploads/2024/03/foto-300x200.jpg" in article.body
