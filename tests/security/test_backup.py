"""`manage.py backup` then `manage.py restore` into an empty site brings back every article,
comment and image (SQLite through its backup API, PostgreSQL through pg_dump/pg_restore)."""

import io
import re
import shutil
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from articles import demo as articles_demo
from articles.models import Article, AuthorProfile
from comments import demo as comments_demo
from comments.models import Comment
from tests.factories import make_article, make_comment, make_image
from tests.pagecache.listeners import ban_recorder

pytestmark = pytest.mark.django_db(transaction=True)


def site_contents():
    articles = {a.slug: (a.title, a.body, a.featured_image.name) for a in Article.objects.all()}
    comments = sorted(Comment.objects.values_list("author_name", "body", "status"))
    images = sorted(
        str(path.relative_to(settings.MEDIA_ROOT))
        for path in Path(settings.MEDIA_ROOT).rglob("*")
        if path.is_file()
    )
    return articles, comments, images


def test_backup_then_restore_into_an_empty_site_finds_everything(tmp_path, client):
    articles_demo.seed()
    comments_demo.seed()
    illustrated = make_article("Berfoto", featured_image=make_image(), featured_image_alt="Foto")
    make_comment(illustrated, author_name="Sari", body="Fotonya bagus.")
    before = site_contents()
    assert before[0]
    assert before[1]
    assert len(before[2]) > 2  # upload and its renditions
    archive = tmp_path / "cadangan" / "newsroom.tar.gz"

    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "Backed up" in out.getvalue()
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "backup.json" in names
    assert any(name.startswith("media/") for name in names)

    # An empty site: no rows, no media.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Article.objects.exists()
    assert not AuthorProfile.objects.exists()

    call_command("restore", str(archive), interactive=False, stdout=io.StringIO())
    assert site_contents() == before
    illustrated = Article.objects.get(slug=illustrated.slug)
    page = client.get(illustrated.get_absolute_url())
    assert page.status_code == 200
    assert "Fotonya bagus." in page.content.decode()
    sources = illustrated.featured_image_renditions["sources"]
    files = [illustrated.featured_image.name]
    files += [source[key] for source in sources for key in ("src", "webp")]
    assert len(files) >= 3
    for name in files:
        assert (Path(settings.MEDIA_ROOT) / name).is_file()
        assert (settings.MEDIA_URL + name) in page.content.decode() or name == files[0]


def test_restore_refuses_a_missing_or_foreign_archive(tmp_path):
    with pytest.raises(CommandError, match="No such backup"):
        call_command("restore", str(tmp_path / "tidak-ada.tar.gz"), interactive=False)
    manifest = tmp_path / "backup.json"
    manifest.write_text('{"engine": "oracle"}')
    archive = tmp_path / "asing.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(manifest, "backup.json")
    with pytest.raises(CommandError, match="holds a oracle database"):
        call_command("restore", str(archive), interactive=False)


def test_restore_forgets_every_cached_page_and_bans_the_cache_in_front(tmp_path, client, settings):
    """Home and feeds cached after the backup list an article the restored database lacks; after
    the restore they show the backup's articles only: the page cache's files, the default cache
    and the cache in front (one BAN of every page) all forgot."""
    with ban_recorder() as front:
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "pages": {"BACKEND": "pagecache.filecache.PageFileCache",
                      "LOCATION": str(tmp_path / "pagecache")},
        }  # fmt: skip
        settings.NEWSROOM_PAGE_CACHE_PURGE_URL = front.url
        make_article("Sudah Dicadangkan")
        archive = tmp_path / "newsroom.tar.gz"
        call_command("backup", str(archive), stdout=io.StringIO())
        make_article("Terbit Sesudah Cadangan")
        for path in ("/", "/feed/"):
            client.get(path)
            page = client.get(path)
            assert page["X-Page-Cache"] == "hit"
            assert "Terbit Sesudah Cadangan" in page.content.decode()
        front.bans.clear()

        call_command("restore", str(archive), interactive=False, stdout=io.StringIO())
        for path in ("/", "/feed/"):
            page = client.get(path).content.decode()
            assert "Sudah Dicadangkan" in page
            assert "Terbit Sesudah Cadangan" not in page
    assert any(re.search(pattern, "a:1 all home") for pattern in front.bans)
