"""deferred_purges(): a block of many writes (an import) purges once, at its end."""

import pytest
from django.test import Client

import pagecache
from comments.html import render_comment_html
from comments.models import Comment, DiscussionSettings
from pagecache import keys as surrogate
from tests.factories import make_article, make_category, make_comment

pytestmark = pytest.mark.django_db


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def state(client, url):
    return client.get(url)["X-Page-Cache"]


@pytest.fixture
def site():
    DiscussionSettings.load()
    news, sport = make_category("Berita", slug="berita"), make_category("Bola", slug="bola")
    return {
        "a": make_article("Artikel A", category=news),
        "b": make_article("Artikel B", category=sport),
    }


def test_purges_wait_for_the_end_of_the_block(client, site):
    a = site["a"]
    warm(client, a.get_absolute_url(), "/category/bola/")
    with pagecache.deferred_purges():
        a.title = "Judul Baru"
        a.save()
        assert state(client, a.get_absolute_url()) == "hit"  # not yet
        assert not pagecache.purging_all()
    assert "Judul Baru" in client.get(a.get_absolute_url()).content.decode()
    assert state(client, "/category/bola/") == "hit"  # exactly what changed, as before


def test_past_the_limit_every_page_and_fragment_is_purged(client, site):
    a, b = site["a"], site["b"]
    make_comment(b, body="Komentar pertama")
    warm(client, a.get_absolute_url(), b.get_absolute_url(), "/category/bola/")
    with pagecache.deferred_purges(limit=3):
        pagecache.purge("x:1", "x:2")
        assert not pagecache.purging_all()
        pagecache.purge_on_commit("x:3", "x:4")
        assert pagecache.purging_all()
        # Written without signals, as an import's bulk inserts are: only the purge of every
        # page and fragment (the comment thread is cached apart from the page) shows it.
        Comment.objects.bulk_create(
            [
                Comment(
                    article=b,
                    author_name="Pembaca",
                    body="Komentar diam-diam",
                    body_html=render_comment_html("Komentar diam-diam"),
                    status=Comment.Status.APPROVED,
                )
            ]
        )
    for url in (a.get_absolute_url(), "/category/bola/"):
        assert state(client, url) == "miss"
    assert "Komentar diam-diam" in client.get(b.get_absolute_url()).content.decode()


def test_nested_blocks_purge_once_at_the_outer_end(client, site):
    a = site["a"]
    warm(client, a.get_absolute_url())
    with pagecache.deferred_purges():
        with pagecache.deferred_purges():
            pagecache.purge(surrogate.article(a.pk))
        assert state(client, a.get_absolute_url()) == "hit"
    assert state(client, a.get_absolute_url()) == "miss"


def test_discarded_purges_leave_the_pages(client, site):
    """A dry run that rolls back its writes has nothing to purge."""
    a = site["a"]
    warm(client, a.get_absolute_url())
    with pagecache.deferred_purges(limit=1) as purges:
        pagecache.purge(surrogate.article(a.pk), surrogate.HOME_LIST, surrogate.SITEMAP)
        purges.discard()
    assert state(client, a.get_absolute_url()) == "hit"


def test_other_clients_and_threads_purge_at_once_meanwhile(site):
    """The deferral belongs to the code running the block, not to the whole process."""
    import threading

    a = site["a"]
    reader = Client()
    warm(reader, a.get_absolute_url())
    with pagecache.deferred_purges():
        thread = threading.Thread(target=pagecache.purge, args=(surrogate.article(a.pk),))
        thread.start()
        thread.join()
        assert state(reader, a.get_absolute_url()) == "miss"
