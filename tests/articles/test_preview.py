"""Previews: unpublished articles exactly as readers will see them, only for those allowed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_member

pytestmark = pytest.mark.django_db


def preview_url(article):
    return reverse("articles:preview", args=[article.pk])


def test_editor_previews_any_draft_marked_never_cached_and_not_indexed(client):
    """The preview is the article page with a banner, no-store and noindex."""
    article = make_article("Draf Rahasia", status=Article.Status.DRAFT, published_at=None)
    client.force_login(make_member("Editor"))
    response = client.get(preview_url(article))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Draf Rahasia" in page
    assert 'class="preview-banner"' in page
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_scheduled_article_previews_at_its_future_address():
    """A scheduled article's admin link is its real URL, which staff may open early."""
    when = timezone.now() + datetime.timedelta(days=2)
    article = make_article(status=Article.Status.SCHEDULED, published_at=when)
    assert article.get_absolute_url().startswith(timezone.localtime(when).strftime("/%Y/%m/%d/"))


def test_author_previews_own_scheduled_article_but_not_anothers(client):
    """At the dated URL too, an author sees only their own unpublished work."""
    author = make_member("Author")
    when = timezone.now() + datetime.timedelta(days=2)
    own = make_article(author=author, status=Article.Status.SCHEDULED, published_at=when)
    other = make_article(status=Article.Status.SCHEDULED, published_at=when)
    client.force_login(author)
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(preview_url(other)).status_code == 404


def test_readers_cannot_preview(client):
    """Anonymous visitors and non-staff get "not found" for drafts and future articles."""
    when = timezone.now() + datetime.timedelta(days=2)
    article = make_article(status=Article.Status.SCHEDULED, published_at=when)
    assert client.get(preview_url(article)).status_code == 404
    assert client.get(article.get_absolute_url()).status_code == 404
