"""The editorial admin"""

import datetime

import pytest
import time_machine
from django.urls import reverse

from articles.models import Article
from tests.articles.admin_helpers import ADD_URL, NOW, change_url, form_data, login
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_editor_restores_an_earlier_revision(client, editor, category):
    """Every save keeps a revision with who made it; restoring one brings its text back."""
    login(client, editor)
    client.post(ADD_URL, form_data(category, author=editor, title="Judul Pertama"))
    article = Article.objects.get()
    client.post(change_url(article), form_data(category, author=editor, title="Judul Kedua"))
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert "Judul Pertama" in history.content.decode() or history.status_code == 200
    first = article.history.order_by("history_date").first()
    assert first.history_user == editor
    url = reverse("admin:articles_article_simple_history", args=[article.pk, first.history_id])
    assert 'name="_save"' in client.get(url).content.decode()
    client.post(url, form_data(category, author=editor, title="Judul Pertama"))
    article.refresh_from_db()
    assert article.title == "Judul Pertama"
    assert article.history.count() == 3


@time_machine.travel(NOW, tick=False)
def test_scheduling_in_the_past_is_refused_with_a_clear_message(client, editor, category):
    """Scheduled with a time that has passed: the form says so and keeps what was typed."""
    login(client, editor)
    past = NOW - datetime.timedelta(hours=2)
    data = form_data(category, author=editor, when=past, status=Article.Status.SCHEDULED)
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Waktu ini sudah lewat" in page
    assert "Gempa berkekuatan 6,1" in page
    assert not Article.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_published_with_a_future_time_becomes_scheduled(client, editor, category):
    """ "Published" with a future time means scheduled: nothing shows early."""
    login(client, editor)
    later = NOW + datetime.timedelta(days=1)
    client.post(ADD_URL, form_data(category, author=editor, when=later, status="published"))
    assert Article.objects.get().status == Article.Status.SCHEDULED


def test_editing_a_scheduled_article_after_it_went_live_is_allowed(client, editor, category):
    """Fixing a typo in an article whose scheduled time passed is not a scheduling error."""
    with time_machine.travel(NOW, tick=False):
        article = make_article(
            category=category,
            author=editor,
            status=Article.Status.SCHEDULED,
            published_at=NOW + datetime.timedelta(hours=1),
        )
    with time_machine.travel(NOW + datetime.timedelta(hours=5), tick=False):
        login(client, editor)
        data = form_data(
            category,
            author=editor,
            when=article.published_at,
            slug=article.slug,
            status=Article.Status.SCHEDULED,
            title="Judul Diperbaiki",
        )
        assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.title == "Judul Diperbaiki"
    assert article.status == Article.Status.PUBLISHED


def test_changing_a_published_article_shows_it_as_updated(client, editor, category):
    """An edit after publication moves updated_at, and the page says "Diperbarui"."""
    with time_machine.travel(NOW, tick=False):
        article = make_article(category=category, author=editor, published_at=NOW)
    with time_machine.travel(NOW + datetime.timedelta(hours=2), tick=False):
        login(client, editor)
        data = form_data(
            category,
            author=editor,
            when=NOW,
            slug=article.slug,
            status=Article.Status.PUBLISHED,
            body="<p>Isi yang diperbaiki.</p>",
        )
        assert client.post(change_url(article), data).status_code == 302
        client.logout()
        page = client.get(article.get_absolute_url()).content.decode()
    assert "Diperbarui" in page
