"""After an import everything readers see is right at once: no purge, ranking or count to run.

The import purges the page cache and ranks "Read also" once at its end (pagecache's
deferred_purges, articles.related's deferred_ranking), not once per saved object.
"""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from articles.models import Article
from articles.related import rank_related
from comments.models import Comment, DiscussionSettings
from pagecache import purging
from popularity import ranking
from tests.factories import make_article, make_staff

from .conftest import THEME_DATA, run_import, write_wxr, wxr_item

pytestmark = pytest.mark.django_db


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def state(client, url):
    return client.get(url)["X-Page-Cache"]


def wxr_comment(comment_id, body, *, when):
    stamp = f"{when:%Y-%m-%d %H:%M:%S}"
    return f"""<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>
<wp:comment_author><![CDATA[Pembaca]]></wp:comment_author>
<wp:comment_author_email>pembaca@example.com</wp:comment_author_email>
<wp:comment_date>{stamp}</wp:comment_date><wp:comment_date_gmt>{stamp}</wp:comment_date_gmt>
<wp:comment_content><![CDATA[{body}]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>
<wp:comment_parent>0</wp:comment_parent></wp:comment>
"""


@pytest.mark.parametrize("purge_limit", [None, 10], ids=["each-key", "every-page"])
def test_pages_cached_before_the_import_are_purged(client, monkeypatch, purge_limit):
    """Below the limit the import purges exactly its keys, past it every page: either way
    the cached home page and article page are gone, and show the imported site."""
    if purge_limit:
        monkeypatch.setattr(purging, "DEFERRED_PURGE_LIMIT", purge_limit)
    DiscussionSettings.load()
    old = make_article("Artikel lama", published_at=timezone.now() - datetime.timedelta(days=1))
    warm(client, "/", old.get_absolute_url())
    run_import()
    assert state(client, old.get_absolute_url()) == "miss"
    home = client.get("/")
    assert home["X-Page-Cache"] == "miss"
    assert "Template: Sticky" in home.content.decode()


def test_read_also_is_ranked_for_every_imported_article(theme_site):
    """As saving each article alone would rank it, in a few queries for all of them."""
    articles = list(Article.objects.all())
    assert sum(bool(article.related_ids) for article in articles) > 40
    for article in articles:
        assert article.related_ids == rank_related(article), article.slug


def test_imported_comments_send_no_mail(db):
    """Years of old comments are not news to the editors or the authors."""
    make_staff("redaksi", email="redaksi@example.com")
    run_import()
    assert Comment.objects.filter(status=Comment.Status.APPROVED).count() > 10
    assert mail.outbox == []


def test_a_newer_export_with_a_new_comment_shows_it_at_once(db, client, tmp_path):
    """Comments go in without signals; the import purges their thread and count itself."""
    DiscussionSettings.load()
    now = timezone.now().replace(microsecond=0)
    date_gmt = f"{now - datetime.timedelta(hours=2):%Y-%m-%d %H:%M:%S}"
    first = wxr_comment(501, "Komentar pertama", when=now - datetime.timedelta(hours=1))
    second = wxr_comment(502, "Komentar kedua yang baru", when=now)
    write_wxr(tmp_path / "v1.xml", wxr_item(10, "Pertama", date_gmt=date_gmt, extra=first))
    run_import(tmp_path / "v1.xml")
    article = Article.objects.get(slug="pertama")
    warm(client, article.get_absolute_url())
    assert ranking.most_commented() == [(article, 1)]  # kept in the cache for minutes
    write_wxr(tmp_path / "v2.xml", wxr_item(10, "Pertama", date_gmt=date_gmt, extra=first + second))
    run_import(tmp_path / "v2.xml")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Komentar kedua yang baru" in page
    assert "2 Komentar" in page
    assert ranking.most_commented() == [(article, 2)]


def test_a_dry_run_purges_and_ranks_nothing(db, client):
    DiscussionSettings.load()
    old = make_article("Artikel lama", tags=["Sambal"])
    warm(client, "/", old.get_absolute_url())
    run_import(THEME_DATA, "--dry-run")
    assert not Article.objects.exclude(pk=old.pk).exists()
    assert state(client, "/") == "hit"
    assert state(client, old.get_absolute_url()) == "hit"
