"""Helpers shared by the editorial admin tests: the form a change posts, addresses, signing in."""

import datetime
from html.parser import HTMLParser

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


class _FormFields(HTMLParser):
    """The values a browser would submit from each <form method="post"> of a page."""

    def __init__(self):
        super().__init__()
        self.forms, self.in_form, self.select, self.textarea = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.in_form, self.data = True, {}
            self.forms.append(self.data)
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file", "image"):
                default = "on" if kind in ("checkbox", "radio") else ""
                self.data.setdefault(name, []).append(attrs.get("value", default))
        elif tag == "select" and name:
            self.select, self.first, self.multiple = name, None, "multiple" in attrs
            self.data.setdefault(name, [])
        elif tag == "option" and self.select:
            if self.first is None:
                self.first = attrs.get("value", "")
            if "selected" in attrs:
                self.data[self.select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self.select:
            # A single choice with nothing selected sends its first option, as browsers do.
            if not self.multiple and not self.data[self.select] and self.first is not None:
                self.data[self.select].append(self.first)
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][0] += data


def rendered_form(html):
    """What submitting the page's main post form (the one with the most fields; the header's
    log-out and language forms come first) unchanged sends, as the test client takes it."""
    parser = _FormFields()
    parser.feed(html)
    data = max(parser.forms, key=len)
    # A multiple select with nothing chosen sends nothing, as browsers do.
    return {
        name: values if len(values) > 1 else values[0] for name, values in data.items() if values
    }
