"""The duplicate (409) and flood (429) rules hold when two posts arrive at the same moment.

Real threads, each with its own database connection, post at once (a barrier lines them up);
exactly one comment is stored each time, on SQLite and on PostgreSQL.
"""

import threading

import pytest
from django.db import connections
from django.test import Client

from comments.models import Comment
from tests.factories import comment_form_data, make_article, make_staff

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 5


def post_at_once(posts, user=None):
    """POST each (data, ip) from its own thread, all released together; the status codes."""
    barrier = threading.Barrier(len(posts))
    statuses = [None] * len(posts)

    def send(index, data, ip):
        try:
            client = Client()
            if user is not None:
                client.force_login(user)
            barrier.wait()
            statuses[index] = client.post("/comments/post/", data, REMOTE_ADDR=ip).status_code
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=send, args=(i, data, ip)) for i, (data, ip) in enumerate(posts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


def test_a_double_submit_stores_one_comment():
    """The same form sent twice at once: one comment, the other post refused (flood or
    duplicate, whichever rule reads first)."""
    for n in range(ROUNDS):
        article = make_article()
        data = comment_form_data(
            article, comment=f"Komentar kembar {n}", email=f"kembar{n}@example.com"
        )
        statuses = post_at_once([(data, f"198.51.100.{n}")] * 2)
        assert statuses[0] == 302
        assert statuses[1] in (409, 429)
        assert Comment.objects.filter(article=article).count() == 1


def test_two_identical_simultaneous_posts_get_one_409():
    """An editor (no flood rule for editors) sends the same text twice at once: one 409."""
    editor = make_staff()
    for n in range(ROUNDS):
        article = make_article()
        data = comment_form_data(article, comment=f"Catatan redaksi {n}")
        statuses = post_at_once([(data, "198.51.100.1"), (data, "203.0.113.1")], user=editor)
        assert statuses == [302, 409]
        assert Comment.objects.filter(article=article).count() == 1


def test_two_simultaneous_posts_from_one_address_store_one_comment():
    """Two people behind one address (or one flooding): different texts and emails; one 429."""
    for n in range(ROUNDS):
        article = make_article()
        first = comment_form_data(article, comment=f"Pertama {n}", email=f"a{n}@example.com")
        second = comment_form_data(article, comment=f"Kedua {n}", email=f"b{n}@example.com")
        statuses = post_at_once([(first, f"198.51.100.{n}"), (second, f"198.51.100.{n}")])
        assert statuses == [302, 429]
        assert Comment.objects.filter(article=article).count() == 1
