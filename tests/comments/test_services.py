"""Posting a comment"""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from comments.models import Comment
from tests.comments.helpers import page, post
from tests.factories import comment_form_data, make_article, make_comment

pytestmark = pytest.mark.django_db


def test_known_commenter_is_published_at_once(client, article):
    """Someone with an approved comment goes straight to their comment."""
    make_comment(article, author_name="Budi Santoso", author_email="budi.rahasia@example.com",
                 created_at=timezone.now() - datetime.timedelta(hours=1))  # fmt: skip
    response = post(client, comment_form_data(article, comment="Saya lagi"))
    comment = Comment.objects.get(body="Saya lagi")
    assert comment.status == Comment.Status.APPROVED
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    assert "Saya lagi" in page(Client(), article)


def test_a_reply_nests_under_its_parent(client, article):
    """A known commenter's reply is stored under the comment it answers."""
    parent = make_comment(
        article,
        author_name="Budi Santoso",
        author_email="budi.rahasia@example.com",
        created_at=timezone.now() - datetime.timedelta(hours=1),
    )
    post(client, comment_form_data(article, comment="Balasan saya", parent=str(parent.pk)))
    reply = Comment.objects.get(body="Balasan saya")
    assert reply.parent == parent
    assert reply.status == Comment.Status.APPROVED


def test_second_comment_within_15_seconds_is_429(client, article):
    """Flooding from one address is refused with a message; the text stays in the form."""
    with time_machine.travel(timezone.now(), tick=False):
        post(client, comment_form_data(article, comment="Satu"))
        response = post(client, comment_form_data(article, comment="Dua", email="lain@example.com"))
    assert response.status_code == 429
    assert "Anda mengirim komentar terlalu cepat." in response.content.decode()
    assert ">\nDua</textarea>" in response.content.decode()
    assert Comment.objects.count() == 1


def test_same_comment_twice_is_409(client, article):
    """A replayed form: the same text by the same person is refused as a duplicate."""
    data = comment_form_data(article, comment="Sama persis")
    post(client, data, ip="198.51.100.1")
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=20)):
        response = post(client, data, ip="198.51.100.2")
    assert response.status_code == 409
    assert "Komentar ganda" in response.content.decode()
    assert Comment.objects.count() == 1


def test_comment_on_a_closed_article_is_refused(client, article):
    article.comments_open = False
    article.save()
    response = post(client, comment_form_data(article))
    assert response.status_code == 403
    assert "Komentar ditutup" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("article_value", ["draft", "999999", "abc", ""])
def test_comment_on_a_non_public_or_missing_article_is_404(client, article_value):
    """Drafts, unknown and garbled article ids are not found."""
    draft = make_article(status="draft")
    data = comment_form_data(draft)
    data["article"] = str(draft.pk) if article_value == "draft" else article_value
    assert post(client, data).status_code == 404


@pytest.mark.parametrize("kind", ["missing", "other-article", "unapproved", "garbled"])
def test_replies_to_unavailable_comments_are_refused(client, article, kind):
    """Missing, other article's or held parents: refused with a message, nothing stored."""
    parents = {
        "missing": "999999",
        "other-article": str(make_comment().pk),
        "unapproved": str(make_comment(article, status=Comment.Status.PENDING).pk),
        "garbled": "abc",
    }
    before = Comment.objects.count()
    response = post(client, comment_form_data(article, parent=parents[kind], comment="Balas"))
    assert response.status_code == 400
    assert 'id="comment-errors"' in response.content.decode()
    assert 'name="parent" id="comment_parent" value=""' in response.content.decode()
    assert Comment.objects.count() == before


def test_the_address_behind_a_proxy_is_the_one_the_proxy_saw(client, article, settings):
    """With CLIENT_IP_HEADER set, the last X-Forwarded-For entry is stored; garbage is not."""
    settings.NEWSROOM_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    post(client, comment_form_data(article), HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.5")
    assert Comment.objects.get().ip_address == "203.0.113.5"
    post(
        client,
        comment_form_data(article, comment="Kedua", email="dua@example.com"),
        ip="198.51.100.77",
        HTTP_X_FORWARDED_FOR="bukan-alamat",
    )
    assert Comment.objects.get(body="Kedua").ip_address == "198.51.100.77"
