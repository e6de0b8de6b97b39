"""A database outage answers 503 with Retry-After and the site's own page, never 500."""

import contextlib

import pytest
from django.db import OperationalError, connections
from django.test import Client

from newsroom.outage import is_outage
from scripts import servers
from tests.factories import comment_form_data, make_article

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def database_down():
    """The default connection, for this thread, points at a database that is not there."""
    good = connections["default"]
    broken = dict(good.settings_dict)
    # A port held and never listened on: a connection there is refused for the whole block.
    with servers.reserve_port() as closed:
        if good.vendor == "postgresql":
            broken.update(HOST="127.0.0.1", PORT=str(closed.port))
        else:
            broken.update(NAME="/nonexistent-directory/newsroom.sqlite3")
        connections["default"] = good.__class__(broken, alias="default")
        try:
            yield
        finally:
            connections["default"].close()
            connections["default"] = good


def assert_outage_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Sebentar lagi kami kembali" in html
    assert "Back in a moment" in html


@pytest.mark.parametrize("path", ["/", "/en/", "/feed/", "/search/?q=iran", "/tag/iran/"])
def test_pages_answer_503_while_the_database_is_down(path):
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get(path)
    assert_outage_page(response)
    assert client.get("/").status_code == 200  # back by itself once the database is


def test_a_comment_posted_during_an_outage_gets_503_and_can_be_posted_again():
    article = make_article()
    client = Client(raise_request_exception=False)
    data = comment_form_data(article)
    with database_down():
        response = client.post("/comments/post/", data, REMOTE_ADDR="198.51.100.30")
    assert_outage_page(response)
    assert client.post("/comments/post/", data, REMOTE_ADDR="198.51.100.30").status_code == 302


def _raise_wrapped_outage():
    try:
        raise OperationalError("connection refused")
    except OperationalError as exc:
        raise RuntimeError("wrapped") from exc


def test_only_a_database_outage_is_a_503():
    """A bug stays a 500 (and is reported as one); an outage wrapped in another error is not."""
    assert not is_outage(ValueError("bug"))
    with pytest.raises(RuntimeError) as wrapped:
        _raise_wrapped_outage()
    assert is_outage(wrapped.value)
