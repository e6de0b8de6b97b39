"""A cache in front that does not answer never slows a request: the BAN goes out from a task
after the commit, and the worker tries again with back-off until it is answered."""

import datetime
import re

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from comments.models import Comment
from pagecache import keys as surrogate
from tests.articles.admin_helpers import change_url, form_data
from tests.comments.test_tasks import DATABASE_TASKS, run_worker
from tests.factories import make_article, make_comment

from .listeners import SilentListener, ban_recorder

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def silent_front(settings):
    """PAGE_CACHE_PURGE_URL points at a listener that accepts and never answers."""
    listener = SilentListener()
    settings.NEWSROOM_PAGE_CACHE_PURGE_URL = listener.url
    settings.NEWSROOM_PAGE_CACHE_PURGE_TIMEOUT = 0.5
    yield listener
    listener.close()


def queued_bans():
    return [
        task.args_kwargs["args"]
        for task in DBTaskResult.objects.ready().filter(task_path="pagecache.tasks.ban")
    ]


def banned_keys(args):
    return set(args[0])


@override_settings(TASKS=DATABASE_TASKS)
def test_approving_a_comment_queues_the_ban_and_never_touches_the_silent_front(
    silent_front, staff_client
):
    """The approval answers without connecting to the front cache; a task holds the BAN."""
    comment = make_comment(status=Comment.Status.PENDING)
    silent_front.connections()
    DBTaskResult.objects.all().delete()
    response = staff_client.post(
        "/admin/comments/comment/", {"action": "approve", "_selected_action": [comment.pk]}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert silent_front.connections() == 0
    queued = queued_bans()
    assert len(queued) == 1
    assert surrogate.article_comments(comment.article_id) in banned_keys(queued[0])


@override_settings(TASKS=DATABASE_TASKS)
def test_saving_an_article_queues_one_ban_retried_with_back_off_until_answered(
    silent_front, staff_client, settings
):
    """The save answers without touching the front; the worker's try times out and is queued
    again later (attempt 2); once the front answers, the BAN arrives with the article's key."""
    article = make_article("Judul Lama")
    silent_front.connections()
    DBTaskResult.objects.all().delete()
    data = form_data(article.category, author=article.author, when=article.published_at,
                     title="Judul Baru", slug=article.slug, status=article.status)  # fmt: skip
    response = staff_client.post(change_url(article), data)
    assert response.status_code == 302
    assert silent_front.connections() == 0
    queued = queued_bans()
    assert len(queued) == 1  # one BAN for the save, not one per purge
    assert surrogate.article(article.pk) in banned_keys(queued[0])

    run_worker()  # the front accepts, never answers: the try gives up after the timeout
    assert silent_front.connections() == 1
    retry = DBTaskResult.objects.get(status="READY", task_path="pagecache.tasks.ban")
    assert retry.args_kwargs["args"][1] == 2
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=5)

    with ban_recorder() as front:
        settings.NEWSROOM_PAGE_CACHE_PURGE_URL = front.url
        run_worker()  # not due yet
        assert front.bans == []
        with time_machine.travel(timezone.now() + datetime.timedelta(seconds=11)):
            run_worker()
        assert len(front.bans) == 1
        ban = re.compile(front.bans[0])  # Varnish matches it against Surrogate-Key
        assert ban.search(f"home a:{article.pk} sitemap")
        assert not ban.search(surrogate.article(article.pk + 1))
    assert not DBTaskResult.objects.ready().exists()
