"""The editorial admin"""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tests.articles.admin_helpers import ADD_URL, LIST_URL, form_data, login
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_bulk_publish_refuses_a_slug_taken_that_day_with_the_models_message(
    client, editor, category
):
    """The action runs the model's full_clean(): the second draft with the same slug would
    share the day's address, so it stays a draft and the editor is told which slug is free."""
    first, second = (
        make_article(category=category, slug="sama", status="draft", published_at=None)
        for _ in range(2)
    )
    login(client, editor)
    response = client.post(
        LIST_URL, {"action": "publish", "_selected_action": [first.pk, second.pk]}, follow=True
    )
    said = [str(message) for message in response.context["messages"]]
    assert Article.objects.published().get().pk in {first.pk, second.pk}
    assert any("“sama-2”" in message for message in said)
    assert "1 artikel diterbitkan." in said


def test_duplicate_slug_on_the_same_day_is_a_form_error(client, editor, category):
    """Two articles of one day cannot share a slug: the form says so and keeps the text."""
    when = timezone.now() - datetime.timedelta(minutes=5)
    make_article(slug="gempa-guncang-sulawesi-tengah", category=category, published_at=when)
    login(client, editor)
    data = form_data(category, author=editor, when=when, status=Article.Status.PUBLISHED)
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Artikel lain pada hari yang sama sudah memakai slug ini" in page
    assert "Gempa berkekuatan 6,1" in page
    assert Article.objects.count() == 1


def test_hostile_html_is_cleaned_on_save_through_the_admin(client, editor, category):
    """Scripts, handlers, styles, iframes and javascript: links never reach the database."""
    login(client, editor)
    hostile = (
        '<p onmouseover="steal()">Halo<script>alert(1)</script></p>'
        '<a href="javascript:alert(2)">klik</a><style>body{}</style>'
        '<iframe src="https://evil.example"></iframe><h2>Aman</h2>'
    )
    assert client.post(ADD_URL, form_data(category, author=editor, body=hostile)).status_code == 302
    body = Article.objects.get().body
    for bad in ("<script", "onmouseover", "javascript:", "<style", "<iframe"):
        assert bad not in body
    assert "<h2>Aman</h2>" in body


def test_a_body_or_excerpt_past_the_limit_is_refused_and_kept(client, editor, category, settings):
    """A 1 MB body (the limit is settings.NEWSROOM_BODY_MAX_LENGTH) is refused before it is
    sanitized, in the editor's language, and the form shows back what was typed."""
    login(client, editor)
    body = "<p>" + "Kata " * (settings.NEWSROOM_BODY_MAX_LENGTH // 5) + "akhir-teks</p>"
    excerpt = "r" * (settings.NEWSROOM_EXCERPT_MAX_LENGTH + 1)
    response = client.post(ADD_URL, form_data(category, author=editor, body=body, excerpt=excerpt))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Pastikan nilai ini mengandung paling banyak 200000 karakter" in page
    assert "Pastikan nilai ini mengandung paling banyak 5000 karakter" in page
    assert "akhir-teks" in page
    assert not Article.objects.exists()
    fits = "<p>" + "Kata " * 1000 + "</p>"
    assert client.post(ADD_URL, form_data(category, author=editor, body=fits)).status_code == 302


def test_a_tag_past_its_length_is_a_message_not_a_500(client, editor, category):
    """A tag name is at most 100 characters (PostgreSQL refuses a longer row)."""
    login(client, editor)
    tags = "Pemilu, " + "x" * 101
    response = client.post(ADD_URL, form_data(category, author=editor, tags=tags))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tag paling banyak 100 karakter" in page
    assert "x" * 101 in page
    assert not Article.objects.exists()
