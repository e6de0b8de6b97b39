"""149 stored-XSS payloads through every comment field and the article fields, rendered in the
reader pages, search, feeds, sitemaps and the admin: no executable markup comes out."""

import datetime

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from articles.models import Article, Category
from comments.models import Comment
from tests.factories import comment_form_data, make_category, make_staff, make_user
from tests.security.markup import executable_markup, feed_problems
from tests.security.xss_payloads import PAYLOADS

pytestmark = pytest.mark.django_db


def assert_safe(response, url):
    assert response.status_code < 500, url
    body = response.content.decode()
    kind = response.get("Content-Type", "")
    problems = feed_problems(response.content) if "xml" in kind else executable_markup(body)
    assert not problems, f"{url}: {problems[:3]}"


def post_comment(client, article, n, **fields):
    data = comment_form_data(article, email=f"pembaca{n}@example.net", **fields)
    address = f"10.{n // 250}.{n % 250}.{len(fields)}"
    return client.post("/comments/post/", data, REMOTE_ADDR=address)


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """An article, category and tag per payload, built once for the module's tests: in a
    transaction rolled back after them (each test runs in its own savepoint on top)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_site()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _every_article_in_the_feeds(settings):
    settings.NEWSROOM_FEED_ITEMS = len(PAYLOADS) + 10


def _build_site():
    author = make_user("penulis", first_name="Penulis", last_name="Uji")
    parent = make_category("Berita", slug="berita")
    now = timezone.now()
    articles = []
    for n, payload in enumerate(PAYLOADS):
        # The admin's forms refuse NUL (and PostgreSQL cannot store it): the rest goes in.
        payload = payload.replace("\x00", "")
        category = Category.objects.create(name=payload[:100], slug=f"xss-{n}", parent=parent)
        article = Article.objects.create(
            title=payload,
            slug=f"xss-{n}",
            author=author,
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=n + 1),
            excerpt=payload,
            body=f"<p>{payload}</p>{payload}",
            featured_image=f"xss/foto-{n}.jpg",
            featured_image_alt=payload,
            featured_image_caption=payload,
        )
        article.tags.add(payload[:100])  # tag and category names hold 100 characters
        articles.append(article)
    return articles


def test_comment_fields_carry_no_markup_into_any_page(site, settings):
    """Name, website and text: the refused form (400) and the stored comment, everywhere."""
    settings.NEWSROOM_COMMENT_FLOOD_SECONDS = 0
    client = Client()
    article = site[0]
    stored = 0
    for n, payload in enumerate(PAYLOADS):
        response = post_comment(client, article, n, name=payload, url=payload, comment=payload)
        assert_safe(response, f"POST comment {n}")
        if response.status_code != 302:  # the website (or the name) refused: typed text kept
            response = post_comment(client, article, n, name=payload, comment=payload)
            assert_safe(response, f"POST comment {n} without website")
        if response.status_code != 302:
            response = post_comment(client, article, n, name=f"Pembaca {n}", comment=payload)
        stored += response.status_code == 302
    assert stored >= len(PAYLOADS) - 5  # duplicates of an earlier text may be refused (409)
    Comment.objects.update(status=Comment.Status.APPROVED)
    assert Comment.objects.filter(author_url__startswith="https://example.com/").count() >= 3
    settings.NEWSROOM_FEED_ITEMS = 500
    path = article.get_absolute_url()
    pages = [path, f"{path}feed/", f"{path}feed/atom/", "/comments/feed/", "/comments/feed/atom/"]
    for url in pages:
        assert_safe(client.get(url), url)
    staff = Client()
    staff.force_login(make_staff("kepala"))
    for page in (1, 2, 3):
        url = f"/admin/comments/comment/?p={page}"
        assert_safe(staff.get(url), url)
    for pk in Comment.objects.values_list("pk", flat=True)[::5]:
        url = f"/admin/comments/comment/{pk}/change/"
        assert_safe(staff.get(url), url)


def test_article_fields_carry_no_markup_into_any_page(site):
    """Title, excerpt, body, caption, alt, category and tag names: pages, feeds, admin."""
    client = Client()
    urls = ["/", "/en/", "/feed/", "/feed/atom/", "/en/feed/", "/sitemap.xml"]
    urls += [f"/page/{n}/" for n in range(2, len(PAYLOADS) // 10 + 1)]
    urls += ["/sitemap-articles.xml", "/sitemap-categories.xml", "/sitemap-tags.xml"]
    # Every article page shows all its fields (category and tag names too); every fifth
    # category and tag page, search for every fifth payload (the rest render the same code).
    urls += [article.get_absolute_url() for article in site]
    for article in site[::5]:
        urls.append(article.category.get_absolute_url())
        urls += [f"/tag/{tag.slug}/" for tag in article.tags.all()]
    urls += [f"/search/?q={payload}" for payload in PAYLOADS[::5]]
    for url in urls:
        assert_safe(client.get(url), url)
    staff = Client()
    staff.force_login(make_staff("kepala"))
    admin_urls = ["/admin/articles/article/", "/admin/articles/article/?p=2"]
    admin_urls += ["/admin/articles/category/", "/admin/taggit/tag/", "/admin/"]
    admin_urls += [f"/admin/articles/article/{a.pk}/change/" for a in site[::5]]
    for url in admin_urls:
        assert_safe(staff.get(url), url)


def test_comments_on_a_page_carry_no_markup_into_any_page(db, settings):
    """The same payloads in the name, website and text of comments on a standing page (titled
    with one too): the page, its feeds, the site's comment feed and the admin."""
    from pages.models import Page

    settings.NEWSROOM_COMMENT_FLOOD_SECONDS = 0
    settings.NEWSROOM_FEED_ITEMS = 100
    page = Page.objects.create(
        title=PAYLOADS[0].replace("\x00", "")[:200], slug="kontak", comments_open=True
    )
    client = Client()
    stored = 0
    for n, payload in enumerate(PAYLOADS[::3]):
        response = post_comment(client, page, n, name=payload, url=payload, comment=payload)
        assert_safe(response, f"POST page comment {n}")
        if response.status_code != 302:  # the website (or the name) refused: typed text kept
            response = post_comment(client, page, n, name=payload, comment=payload)
            assert_safe(response, f"POST page comment {n} without website")
        if response.status_code != 302:
            response = post_comment(client, page, n, name=f"Pembaca {n}", comment=payload)
        stored += response.status_code == 302
    assert stored >= len(PAYLOADS[::3]) - 5  # duplicates of an earlier text may be refused
    Comment.objects.update(status=Comment.Status.APPROVED)
    for url in ("/kontak/", "/kontak/feed/", "/kontak/feed/atom/", "/comments/feed/"):
        assert_safe(client.get(url), url)
    staff = Client()
    staff.force_login(make_staff("kepala"))
    for url in ("/admin/comments/comment/", "/admin/pages/page/", "/admin/"):
        assert_safe(staff.get(url), url)
