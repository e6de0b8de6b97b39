"""A commenter's name is the plain text they typed: entities typed stay text, never markup."""

import xml.etree.ElementTree as ET

import pytest

from comments.models import Comment
from tests.factories import comment_form_data

pytestmark = pytest.mark.django_db

PAYLOAD = "&lt;img src=x onerror=alert(1)&gt;"
DC = "{http://purl.org/dc/elements/1.1/}"


def test_a_name_typed_with_entities_is_stored_as_typed_and_escaped_in_the_rss(client, article):
    response = client.post(
        "/comments/post/", comment_form_data(article, name=PAYLOAD), REMOTE_ADDR="198.51.100.4"
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.author_name == PAYLOAD  # the characters typed, not an <img> tag
    comment.status = Comment.Status.APPROVED
    comment.save()

    for url in ("/comments/feed/", f"{article.get_absolute_url()}feed/"):
        raw = client.get(url).content
        assert b"<img" not in raw
        item = ET.fromstring(raw).find("channel/item")
        # The XML parser undoes one level of escaping: what remains is the typed text.
        assert item.findtext("title").endswith(f"oleh {PAYLOAD}")
        assert item.findtext(f"{DC}creator") == PAYLOAD

    page = client.get(article.get_absolute_url()).content.decode()
    assert "<img src=x" not in page
    assert "&amp;lt;img src=x onerror=alert(1)&amp;gt;" in page


def test_markup_in_a_name_is_dropped_and_ampersands_are_kept(client, article):
    client.post(
        "/comments/post/",
        comment_form_data(article, name="<b>Tom</b> &amp; Jerry & <i>co</i>"),
        REMOTE_ADDR="198.51.100.5",
    )
    assert Comment.objects.get().author_name == "Tom &amp; Jerry & co"
