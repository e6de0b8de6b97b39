"""The read replica: reads go there, writes and the reads of whoever just wrote go to the primary,
and a replica that does not answer is left for the primary. In tests the "replica" is the test
database itself (Django's test mirror), reached through its own connection."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.core.cache import caches
from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pagecache.purging
from articles.models import Article
from comments.models import Comment, DiscussionSettings
from newsroom import db_router
from tests.factories import comment_form_data, make_article

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture(autouse=True)
def replica_reads(settings):
    settings.NEWSROOM_READ_FROM_REPLICA = True
    db_router.forget_replica_failure()
    yield
    db_router.forget_replica_failure()


def caught_up():
    """As if the replica had had time to replay the test's writes (their purges are old)."""
    caches[settings.NEWSROOM_PAGE_CACHE_ALIAS].delete(pagecache.purging.PURGED_AT_KEY)


def queries(alias):
    return CaptureQueriesContext(connections[alias])


def test_reader_pages_are_read_from_the_replica():
    article = make_article("Banjir di Jakarta")
    DiscussionSettings.load()  # made on first use, a write
    caught_up()
    with queries("default") as primary, queries("replica") as replica:
        response = Client().get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Banjir di Jakarta" in response.content.decode()
    assert replica.captured_queries
    assert not primary.captured_queries
    assert "Set-Cookie" not in response  # cached pages stay cookie-free


def test_writes_and_reads_inside_a_transaction_go_to_the_primary():
    with (
        db_router.reads_from_replica(),
        queries("default") as primary,
        queries("replica") as replica,
        transaction.atomic(),
    ):
        article = make_article("Tulis lalu baca")
        assert Article.objects.filter(pk=article.pk).exists()
    assert not replica.captured_queries
    assert any("INSERT" in q["sql"] for q in primary.captured_queries)


def test_the_task_worker_and_commands_read_from_the_primary():
    """Outside a reader's request, reads act on what was just written: never a lagging copy
    (a task queued on commit must find its article)."""
    article = make_article()
    with queries("default") as primary, queries("replica") as replica:
        assert Article.objects.get(pk=article.pk) == article
    assert primary.captured_queries
    assert not replica.captured_queries


def test_a_commenter_reads_their_held_comment_from_the_primary_after_posting():
    """The POST's response pins its sender to the primary for a few seconds: their redirect
    and the page after it never read from a replica that may not have the comment yet."""
    article = make_article()
    client = Client()
    response = client.post("/comments/post/", comment_form_data(article, comment="Menunggu"))
    assert response.status_code == 302
    cookie = response.cookies[db_router.COOKIE]
    assert cookie.value == "1"
    assert cookie["max-age"] == 10
    assert cookie["httponly"]
    comment = Comment.objects.get()
    with queries("replica") as replica:
        preview = client.get(response["Location"])
    assert "Menunggu" in preview.content.decode()
    assert not replica.captured_queries
    assert "Set-Cookie" not in preview  # only a write sets (and so prolongs) the pin
    # Without the cookie (another reader, or the same one later) reads go to the replica,
    # and the held comment is nobody else's to see.
    caught_up()
    with queries("replica") as replica:
        other = Client().get(article.get_absolute_url() + "?other")
    assert replica.captured_queries
    assert f"comment-{comment.pk}" not in other.content.decode()


@pytest.fixture
def replica_down():
    """The replica's address points nowhere (a stopped server) until the test restores it."""
    connection = connections["replica"]
    saved = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        # Django never closes an in-memory test database: set its connection aside instead.
        kept, connection.connection = connection.connection, None
        connection.settings_dict["NAME"] = "file:/nonexistent-dir/replica.sqlite3"
    else:
        connection.close()
        connection.settings_dict["HOST"] = "127.0.0.1"
        connection.settings_dict["PORT"] = "1"  # nothing listens there
    yield
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)
    if connection.vendor == "sqlite":
        if connection.connection is not None:
            connection.connection.close()
        connection.connection = kept
    else:
        connection.close()


def test_a_replica_that_does_not_answer_is_left_for_the_primary(replica_down):
    article = make_article("Tetap terbaca")
    with queries("default") as primary:
        response = Client().get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Tetap terbaca" in response.content.decode()
    assert primary.captured_queries
    assert not db_router.replica_available()  # remembered, not retried on every query


def test_the_replica_is_tried_again_after_a_few_seconds(settings, replica_down):
    article = make_article()
    Client().get(article.get_absolute_url())
    connection = connections["replica"]
    # The replica comes back: reads stay on the primary for NEWSROOM_REPLICA_RETRY_SECONDS...
    connection.settings_dict.update(connections["default"].settings_dict)
    connection.settings_dict["TEST"] = {"MIRROR": "default"}
    caught_up()
    with queries("replica") as replica:
        Client().get(article.get_absolute_url())
    assert not replica.captured_queries
    # ...then it is tried again and used.
    later = timezone.now() + datetime.timedelta(seconds=settings.NEWSROOM_REPLICA_RETRY_SECONDS + 1)
    with time_machine.travel(later, tick=False), queries("replica") as replica:
        # (another page: the article and its parts are in the caches by now)
        assert Client().get(article.category.get_absolute_url()).status_code == 200
    assert replica.captured_queries


def test_without_a_replica_everything_uses_the_one_database(settings):
    settings.NEWSROOM_READ_FROM_REPLICA = False
    article = make_article()
    with queries("replica") as replica:
        response = Client().post("/comments/post/", comment_form_data(article))
        Client().get(article.get_absolute_url())
    assert not replica.captured_queries
    assert db_router.COOKIE not in response.cookies


def test_pages_rendered_just_after_a_change_read_from_the_primary(settings):
    """A page rendered now is stored as current until the next purge: for a few seconds after
    a change it comes from the primary, never from a replica that may not have replayed it."""
    article = make_article("Baru diubah")
    DiscussionSettings.load()
    caught_up()
    article.title = "Judul yang dikoreksi"
    article.save()  # purges its pages
    with queries("replica") as replica:
        response = Client().get(article.get_absolute_url())
    assert "Judul yang dikoreksi" in response.content.decode()
    assert not replica.captured_queries
    later = timezone.now() + datetime.timedelta(seconds=settings.NEWSROOM_PRIMARY_STICKY_SECONDS)
    with time_machine.travel(later, tick=False), queries("replica") as replica:
        Client().get(article.category.get_absolute_url())  # (the article's parts are kept)
    assert replica.captured_queries


def test_the_read_beacon_and_refused_posts_set_no_cookie():
    """A beacon (204) leads nowhere to read, and a refusal wrote nothing: neither pins."""
    article = make_article()
    beacon = Client().post(f"/hit/{article.pk}/")
    assert beacon.status_code == 204
    assert "Set-Cookie" not in beacon
    refused = Client().post("/comments/post/", comment_form_data(article, email="bukan-email"))
    assert refused.status_code == 400
    assert db_router.COOKIE not in refused.cookies
