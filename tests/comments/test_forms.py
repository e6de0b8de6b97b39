"""The Leave a Reply form's bad input"""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from comments.models import Comment
from tests.comments.helpers import POST, page, post
from tests.factories import comment_form_data, make_article, make_comment, make_staff

pytestmark = pytest.mark.django_db


def test_errors_come_in_the_readers_language(client, article):
    """Posting from the English page answers in English."""
    response = client.post("/en" + POST, comment_form_data(article, comment=""))
    assert "Please type your comment." in response.content.decode()


@pytest.mark.parametrize("field", ["name", "email", "comment"])
def test_every_required_field_empty_is_refused_with_a_message(client, article, field):
    response = post(client, comment_form_data(article, **{field: "   "}))
    assert response.status_code == 400
    assert 'id="comment-errors"' in response.content.decode()


@pytest.mark.parametrize("article_value", ["\u00b2", "\u0663", "1\u00b2", "\x00"])
def test_comment_on_an_article_id_with_non_ascii_digits_is_404(client, article, article_value):
    """ "²" passes str.isdigit() but not int(): still just an unknown article."""
    response = post(client, {**comment_form_data(article), "article": article_value})
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "query",
    ["?replytocom=%C2%B2", "?replytocom=%D9%A3", "?replytocom=%00",
     "?unapproved=%C2%B2&moderation-hash=x", "?unapproved=%00"],
)  # fmt: skip
def test_reply_and_preview_ids_that_are_not_ascii_digits_are_ignored(client, article, query):
    """The article shows as usual, with the plain "Leave a Reply" form."""
    make_comment(article)
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    assert 'name="parent" id="comment_parent" value=""' in response.content.decode()


def test_get_on_the_post_address_is_405(client):
    assert client.get(POST).status_code == 405


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("", "Formulir ini tidak dapat diperiksa."),
        ("forged:token", "Formulir ini tidak dapat diperiksa."),
    ],
)
def test_missing_or_tampered_token_is_refused_with_the_form_kept(client, article, token, message):
    response = post(client, {**comment_form_data(article, comment="Teks saya"), "token": token})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Teks saya" in html
    assert re.search(r'name="token" value="[^"]+"', html)  # a fresh one to try again with


def test_token_for_another_article_is_refused(client, article):
    data = comment_form_data(make_article())
    data["article"] = str(article.pk)
    assert post(client, data).status_code == 400


def test_expired_token_is_refused_with_the_form_kept(client, article):
    response = post(client, comment_form_data(article, token_age=3 * 86400, comment="Lama"))
    assert response.status_code == 400
    assert "Halaman ini terbuka terlalu lama." in response.content.decode()


def test_too_fast_token_is_refused_then_accepted_after_a_pause(client, article):
    """Posted one second after the page: refused; the fresh form works a few seconds later."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        response = post(client, comment_form_data(article, token_age=1))
        assert response.status_code == 400
        assert "Cepat sekali." in response.content.decode()
        fresh = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
        traveller.shift(5)
        again = post(client, {**comment_form_data(article), "token": fresh})
    assert again.status_code == 302


def test_a_quick_correction_is_not_refused_as_too_fast(client, article):
    """The fill time counts from when the form was first shown, not from the error page."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        response = post(client, comment_form_data(article, token_age=30, name=""))
        assert response.status_code == 400
        kept = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
        traveller.shift(1)
        again = post(client, {**comment_form_data(article), "token": kept})
    assert again.status_code == 302
    assert Comment.objects.get().author_name == "Budi Santoso"


def test_an_expired_token_comes_back_fresh_after_an_error(client, article):
    """Shown again after an error, a form open for days gets a token that works."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        response = post(client, comment_form_data(article, token_age=3 * 86400, name=""))
        fresh = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
        traveller.shift(10)
        again = post(client, {**comment_form_data(article), "token": fresh})
    assert again.status_code == 302


def test_honeypot_filled_is_kept_as_spam_and_never_shown(client, article):
    """The trap field filled: stored as spam for an editor, the sender sees it held."""
    response = post(client, comment_form_data(article, contact_phone="0812", comment="Beli"))
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert "moderation-hash" in response["Location"]
    assert "Beli" not in page(Client(), article)


@pytest.mark.parametrize("field", ["name", "email", "url", "comment"])
def test_nul_bytes_are_refused_with_a_message(client, article, field):
    response = post(client, comment_form_data(article, **{field: "ab\x00cd"}))
    assert response.status_code == 400
    assert 'id="comment-errors"' in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.com/", "data:text/html,x"])
def test_non_web_url_is_refused_with_one_message_and_the_comment_kept(client, article, url):
    """The reader is told once what to fix; what they wrote stays in the form."""
    response = post(client, comment_form_data(article, url=url, comment="Tetap di sini"))
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count("Silakan masukkan alamat web yang diawali https://.") == 2  # summary + field
    assert ">\nTetap di sini</textarea>" in html
    assert not Comment.objects.exists()


def test_comment_length_limit_is_65525_characters(client, article):
    """65,525 characters are accepted; one more is refused with a message."""
    too_long = post(client, comment_form_data(article, comment="a" * 65526))
    assert too_long.status_code == 400
    assert "Komentar Anda terlalu panjang" in too_long.content.decode()
    assert post(client, comment_form_data(article, comment="a" * 65525)).status_code == 302


def test_html_and_script_in_every_field_never_reach_the_page(client, article):
    """Tags are dropped from the name, the text is escaped, and nothing breaks."""
    make_comment(article, author_name="Budi", author_email="budi.rahasia@example.com",
                 created_at=timezone.now() - datetime.timedelta(hours=1))  # fmt: skip
    data = comment_form_data(
        article,
        name="<script>alert(1)</script> Budi",
        comment="<script>alert(2)</script><b>tebal</b>",
        url='https://example.com/"><script>alert(3)</script>',
    )
    response = post(client, data)
    assert response.status_code == 400
    assert "&lt;script&gt;" in response.content.decode()
    data["url"] = ""
    response = post(client, data, ip="198.51.100.9")
    assert response.status_code == 302
    comment = Comment.objects.get(body__contains="alert(2)")
    assert comment.author_name == "Budi"
    html = page(Client(), article)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_unicode_and_emoji_are_kept(client, article):
    post(client, comment_form_data(article, name="Ñoño 🙂", comment="Mantap 👍🏽 — «ok» 漢字"))
    comment = Comment.objects.get()
    assert comment.author_name == "Ñoño 🙂"
    assert comment.body == "Mantap 👍🏽 — «ok» 漢字"


def test_signed_in_editor_post_without_csrf_token_is_refused(article):
    """Another site cannot make a signed-in editor post: no valid CSRF token, 403."""
    editor = make_staff()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = post(client, comment_form_data(article, comment="Dipaksa"))
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_signed_in_editor_posts_with_the_token_of_their_page_and_is_approved(article):
    editor = make_staff()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    html = client.get(article.get_absolute_url()).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = comment_form_data(article, comment="Dari redaksi", csrfmiddlewaretoken=csrf)
    response = post(client, data)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert comment.status == Comment.Status.APPROVED
    assert comment.user == editor
    assert comment.author_email == editor.email


def test_anonymous_post_from_a_page_rendered_minutes_ago_is_accepted(article):
    """A cached page's form (no CSRF token, an older form token) still takes a comment."""
    start = timezone.now()
    client = Client(enforce_csrf_checks=True)
    with time_machine.travel(start, tick=False):
        html = client.get(article.get_absolute_url()).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    with time_machine.travel(start + datetime.timedelta(minutes=4), tick=False):
        response = post(
            Client(enforce_csrf_checks=True), {**comment_form_data(article), "token": token}
        )
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_a_reply_with_errors_comes_back_still_a_reply(client, article):
    """Fixing a mistake does not lose which comment the visitor was answering."""
    parent = make_comment(article)
    response = post(client, comment_form_data(article, parent=str(parent.pk), name=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert f'name="parent" id="comment_parent" value="{parent.pk}"' in html
    assert f"Balas kepada {parent.author_name}" in html


@pytest.mark.parametrize("field", ["article", "parent"])
def test_out_of_range_ids_are_a_4xx_never_a_500(client, article, field):
    """Ids too large for the database are refused like any unknown id."""
    data = comment_form_data(article)
    data[field] = "9" * 30
    response = post(client, data)
    assert response.status_code in (400, 404)
    assert not Comment.objects.exists()


def test_names_keep_their_characters_and_lose_their_tags(client, article):
    """ "Tom & Jerry <3" stays as typed; markup in a name is dropped, never stored."""
    post(client, comment_form_data(article, name="Tom & Jerry <3 <b>tebal</b>"))
    assert Comment.objects.get().author_name == "Tom & Jerry <3 tebal"


FORM_STATES = {
    "unbound": {},
    "unbound, name and email optional": {"require_name_email": False},
    "unbound, signed in": {"signed_in": True},
    "bound with errors": {
        "data": {"comment": "", "name": 'Budi "<b>" & Sons', "email": "bukan-email", "url": "x"}
    },
    "bound, valid and remembered": {
        "data": {
            "comment": "Halo <script>\n\ndunia & 'kutip'",
            "name": "Siti",
            "email": "siti@example.com",
            "url": "https://example.com/?a=1&b=2",
            "remember": "on",
            "parent": "7",
            "contact_phone": "",
        }
    },
}


@pytest.mark.parametrize("state", FORM_STATES)
def test_the_forms_widgets_are_djangos_markup(state):
    """The form writes its inputs and text area in Python (speed); what it writes is exactly
    what Django's widget templates write, typed values and error attributes included."""
    from django.forms.renderers import DjangoTemplates

    from comments.forms import CommentForm

    options = FORM_STATES[state]
    ours = CommentForm(**options)
    django = CommentForm(**options, renderer=DjangoTemplates())
    assert ours.is_valid() == django.is_valid()
    assert ours.fields.keys() == django.fields.keys()
    for name in ours.fields:
        assert str(ours[name]) == str(django[name])
