"""A commenter's email address, or a hash of it, appears in no public response."""

import datetime
import hashlib
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from articles import demo
from comments.models import Comment
from pages import demo as pages_demo
from pages.models import Page
from tests.factories import comment_form_data, make_comment

pytestmark = pytest.mark.django_db

EMAIL = "Rahasia.Sekali@Example.COM"
LINK = re.compile(r'(?:href|src)="([^"#]+)|<loc>([^<#]+)</loc>')
MAX_PAGES = 400
# Public responses that no page links to: the crawl starts from them too.
NOT_LINKED = ["/robots.txt", "/sitemap.xml", "/news-sitemap.xml", "/comments/feed/"]


def forms_of(email):
    plain = email.strip().lower()
    return {
        email,
        plain,
        plain.replace("@", "&#64;"),
        hashlib.md5(plain.encode()).hexdigest(),
        hashlib.sha256(plain.encode()).hexdigest(),
        hashlib.md5(email.encode()).hexdigest(),
    }


def crawl(client, start="/"):
    """Every same-site page reachable from `start` (and its English twin), but the admin."""
    seen, queue, pages = set(), [start, "/en/", *NOT_LINKED], {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        body = response.content.decode(errors="replace")
        pages[url] = (response, body)
        if "html" not in response.get("Content-Type", "") and "xml" not in response.get(
            "Content-Type", ""
        ):
            continue
        for match in LINK.finditer(body):
            link = match[1] or match[2]
            target = urljoin(url, link.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver") or parts.path.startswith(
                ("/admin/", "/static/", "/media/")
            ):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def test_commenter_email_never_appears_in_any_public_page(settings):
    """Post (approved and held, on an article and a standing page), then crawl home, articles,
    pages, archives, comment pages, feeds, errors."""
    settings.NEWSROOM_COMMENT_FLOOD_SECONDS = 0
    demo.seed()
    pages_demo.seed()
    contact = Page.objects.get(slug="kontak")
    contact.comments_open = True
    contact.save()
    article = demo.Article.objects.get(slug=demo.ARTICLES[0]["slug"])
    make_comment(
        article,
        author_name="Sari Rahasia",
        author_email=EMAIL,
        created_at=timezone.now() - datetime.timedelta(hours=2),
    )
    client = Client()
    response = client.post(
        "/comments/post/",
        comment_form_data(article, name="Sari Rahasia", email=EMAIL, comment="Lagi dari saya"),
        REMOTE_ADDR="198.51.100.50",
    )
    assert response.status_code == 302
    on_page = client.post(
        "/comments/post/",
        comment_form_data(contact, name="Sari Rahasia", email=EMAIL, comment="Di halaman"),
        REMOTE_ADDR="198.51.100.52",
    )
    assert on_page["Location"].startswith("/kontak/#comment-")
    held = client.post(
        "/comments/post/",
        comment_form_data(article, name="Orang Baru", email="baru.rahasia@example.net"),
        REMOTE_ADDR="198.51.100.51",
    )
    assert Comment.objects.filter(status=Comment.Status.APPROVED).count() == 3
    pages = crawl(client)
    pages[held["Location"]] = (None, client.get(held["Location"]).content.decode())
    pages["404"] = (None, client.get("/tidak-ada/").content.decode())
    error = client.post("/comments/post/", comment_form_data(article, email=EMAIL, name=""))
    pages["error"] = (None, error.content.decode())
    assert article.get_absolute_url() in pages
    assert "/en/" in pages
    feeds = [
        "/feed/",
        "/comments/feed/",
        article.get_absolute_url() + "feed/",
        "/sitemap-articles.xml",
        "/kontak/",
        "/kontak/feed/",
    ]
    assert all(feed in pages for feed in feeds), sorted(pages)
    assert len(pages) > 30
    secrets = forms_of(EMAIL) | forms_of("baru.rahasia@example.net")
    for url, (_response, body) in pages.items():
        if url == "error":
            # The visitor's own form, sent back to them alone (never cached), keeps what they typed.
            body = body.replace(f'value="{EMAIL}"', "")
        leaked = [secret for secret in secrets if secret in body]
        assert not leaked, f"{url} shows {leaked}"
