"""The page cache serves anonymous reader pages whole, compressed once, never what is private."""

import datetime
import gzip
import io
import logging
import sys
import time
from wsgiref.util import setup_testing_defaults

import brotli
import pytest
from django.test import Client
from django.utils import timezone

import pagecache
from pagecache import http, store
from pagecache import keys as surrogate
from tests.factories import make_article, make_page, make_staff

pytestmark = pytest.mark.django_db

READER_PAGES = [
    "/",
    "/en/",
    "/feed/",
    "/comments/feed/",
    "/category/berita/",
    "/tag/iran/",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/news-sitemap.xml",
    "/robots.txt",
    "/tentang-kami/",
]


@pytest.fixture
def article():
    from tests.factories import make_category

    category = make_category("Berita", slug="berita")
    make_page("Tentang Kami", slug="tentang-kami", in_footer=True)
    return make_article("Rusia dan Iran", category=category, tags=["Iran"])


def twice(client, url, **headers):
    first = client.get(url, **headers)
    return first, client.get(url, **headers)


@pytest.mark.parametrize("url", READER_PAGES)
def test_every_reader_page_is_stored_and_served_again(client, article, url):
    first, second = twice(client, url)
    assert first.status_code == second.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Surrogate-Key"]
    assert second["Cache-Tag"]


def test_article_page_in_both_languages_is_stored_separately(client, article):
    url = article.get_absolute_url()
    _, indonesian = twice(client, url)
    _, english = twice(client, "/en" + url)
    assert indonesian["X-Page-Cache"] == english["X-Page-Cache"] == "hit"
    assert indonesian["Content-Language"] == "id"
    assert english["Content-Language"] == "en"
    assert indonesian.content != english.content


def test_compressed_variants_are_sent_per_accept_encoding(client, article):
    url = article.get_absolute_url()
    plain = client.get(url).content
    for accept, coding, decode in [
        ("gzip, deflate", "gzip", gzip.decompress),
        ("gzip, deflate, br", "br", brotli.decompress),
        ("br;q=0, gzip", "gzip", gzip.decompress),
    ]:
        response = client.get(url, HTTP_ACCEPT_ENCODING=accept)
        assert response["Content-Encoding"] == coding
        assert response["Vary"] == "Accept-Encoding"
        assert int(response["Content-Length"]) == len(response.content) < len(plain)
        assert decode(response.content) == plain
    identity = client.get(url, HTTP_ACCEPT_ENCODING="identity")
    assert "Content-Encoding" not in identity
    assert identity.content == plain


def test_etag_answers_304_without_a_body(client, article):
    url = article.get_absolute_url()
    _, hit = twice(client, url, HTTP_ACCEPT_ENCODING="gzip")
    again = client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=hit["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == hit["ETag"]
    # A different page's tag is not a match.
    other = client.get("/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=hit["ETag"])
    assert other.status_code == 200


def test_a_signed_in_editor_never_gets_or_fills_the_cache(staff_client, article):
    client = Client()
    url = article.get_absolute_url()
    twice(client, url)
    response = staff_client.get(url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    store.clear()
    staff_client.get(url)
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_private_and_failed_responses_are_never_stored(client, article):
    draft = make_article("Draf", status="draft", category=article.category)
    editor = Client()
    editor.force_login(make_staff("redaksi"))
    for _ in range(2):
        assert "X-Page-Cache" not in editor.get(f"/preview/{draft.pk}/")
    held = f"{article.get_absolute_url()}?unapproved=1&moderation-hash=x"
    for url in [held, "/search/?q=iran", "/tidak-ada-halaman/", "/page/1/"]:
        _first, second = twice(client, url)
        assert "X-Page-Cache" not in second, url
    assert client.post("/comments/post/", {}).status_code in (400, 404)
    assert "X-Page-Cache" not in client.post("/comments/post/", {})


def test_a_response_setting_a_cookie_is_not_stored(client, article, settings):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from pagecache.middleware import storable

    request = RequestFactory().get("/")
    pagecache.tag(request, surrogate.HOME_LIST)
    response = HttpResponse("x")
    response["Cache-Control"] = "public, max-age=300"
    assert storable(request, response)
    response.set_cookie("seen", "1")
    assert not storable(request, response)


def test_page_cache_off(client, article, settings):
    settings.NEWSROOM_PAGE_CACHE = False
    _first, second = twice(client, "/")
    assert "X-Page-Cache" not in second
    assert surrogate.HOME_LIST in second["Surrogate-Key"].split()


def test_a_scheduled_article_cuts_the_stored_pages_short(client, article, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    when = timezone.now() + datetime.timedelta(minutes=10)
    make_article("Terjadwal", status="scheduled", published_at=when, category=article.category)
    _first, second = twice(client, "/")
    assert second["X-Page-Cache"] == "hit"
    assert "Terjadwal" not in second.content.decode()
    assert "max-age=300" in second["Cache-Control"]
    time_machine.move_to(when + datetime.timedelta(seconds=1), tick=False)
    later = client.get("/")
    assert later["X-Page-Cache"] == "miss"
    assert "Terjadwal" in later.content.decode()


def test_a_render_overtaken_by_a_purge_is_not_stored(client, article, rf):
    """The data a page was rendered from changed while it rendered: send it, keep nothing."""
    info = http.RequestInfo.from_environ(rf.get("/x/").META)
    epoch = store.current_epoch()
    pagecache.purge(surrogate.HOME_LIST)
    store.save(
        info, status=200, headers=[], body=b"old", keys={surrogate.HOME_LIST}, epoch=epoch,
        etag="", expires=time.time() + 60, max_age=60,
    )  # fmt: skip
    assert store.lookup(info) is None


@pytest.fixture
def keep_test_connection():
    """As Django's test client does: a request must not close the test's transaction."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_wsgi_wrapper_answers_hits_before_django(article, keep_test_connection):
    from newsroom.wsgi import application

    def call(path):
        environ = {"PATH_INFO": path, "HTTP_HOST": "testserver", "wsgi.errors": sys.stderr}
        setup_testing_defaults(environ)
        environ["wsgi.input"] = io.BytesIO()
        seen = {}

        def start_response(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, dict(headers)

        body = b"".join(application(environ, start_response))
        return seen["status"], seen["headers"], body

    status, headers, body = call("/")
    assert status.startswith("200")
    assert headers["X-Page-Cache"] == "miss"
    status, headers, again = call("/")
    assert status == "200 OK"
    assert headers["X-Page-Cache"] == "hit"
    assert again == body
    assert headers["Content-Length"] == str(len(body))


def test_a_staff_session_cookie_skips_the_lean_path(client, article):
    staff = make_staff("editor")
    client.get("/")
    client.get("/")
    client.force_login(staff)
    assert "X-Page-Cache" not in client.get("/")


@pytest.mark.django_db(transaction=True)  # the BAN's task is queued when the save commits
def test_an_unreachable_purge_url_logs_and_loses_nothing(client, article, settings, caplog):
    caplog.set_level(logging.WARNING, logger="pagecache.tasks")
    settings.NEWSROOM_PAGE_CACHE_PURGE_URL = "http://127.0.0.1:9/"
    assert "s-maxage" in client.get("/")["Cache-Control"]
    article.title = "Judul Baru"
    article.save()
    assert "Judul Baru" in client.get("/").content.decode()
    assert "purge at http://127.0.0.1:9/ failed" in caplog.text


def test_without_a_purge_backend_no_shared_lifetime_is_promised(client, article):
    assert "s-maxage" not in client.get("/")["Cache-Control"]
