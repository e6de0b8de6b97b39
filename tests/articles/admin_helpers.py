"""Helpers shared by the editorial admin tests: the form a change posts, addresses, signing in."""

import datetime

from django.urls import reverse
from django.utils import timezone

from articles.models import Article

NOW = datetime.datetime(2026, 11, 23, 5, 0, tzinfo=datetime.UTC)  # 12:00 in Jakarta


ADD_URL = reverse("admin:articles_article_add")


LIST_URL = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(category, author=None, when=None, **overrides):
    """What the article form posts, with a publication time split as the admin widget does."""
    data = {
        "title": "Gempa Guncang Sulawesi Tengah",
        "slug": "gempa-guncang-sulawesi-tengah",
        "body": "<p>Gempa berkekuatan 6,1 mengguncang wilayah itu.</p>",
        "excerpt": "",
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "category": category.pk,
        "tags": "Gempa, Sulawesi",
        "featured_image_alt": "",
        "featured_image_caption": "",
        "comments_open": "on",
        "_save": "Save",
    }
    if author is not None:
        data["author"] = author.pk
    if when is not None:
        local = timezone.localtime(when)
        data["published_at_0"] = local.strftime("%Y-%m-%d")
        data["published_at_1"] = local.strftime("%H:%M:%S")
    data.update(overrides)
    return data


def login(client, user):
    client.force_login(user)
    return client
