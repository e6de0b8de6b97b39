"""Reading and posting comments through the site, including every kind of bad input."""

import datetime
import logging
import re
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

import pagecache
from comments.models import Comment, DiscussionSettings
from tests.factories import comment_form_data, make_article, make_comment, make_staff

pytestmark = pytest.mark.django_db

POST = "/comments/post/"


def post(client, data, ip="198.51.100.1", **extra):
    return client.post(POST, data, REMOTE_ADDR=ip, **extra)


def page(client, article, query=""):
    return client.get(article.get_absolute_url() + query).content.decode()


# Reading


def test_article_shows_approved_comments_oldest_first_and_threaded(client, article):
    """Approved comments appear in order with replies nested; held and spam do not."""
    first = make_comment(article, author_name="Pertama", author_url="https://pertama.example/")
    reply = make_comment(article, author_name="Balasan", parent=first)
    make_comment(article, author_name="Ditahan", status=Comment.Status.PENDING)
    make_comment(article, author_name="Sampah", status=Comment.Status.SPAM)
    html = page(client, article)
    assert html.index("Pertama") < html.index("Balasan")
    assert re.search(
        rf'id="comment-{first.pk}".*?<ol class="children">\s*<li id="comment-{reply.pk}"',
        html,
        re.S,
    )
    assert '<a href="https://pertama.example/" rel="nofollow ugc external">Pertama</a>' in html
    assert f'href="#comment-{first.pk}"' in html
    assert "Ditahan" not in html
    assert "Sampah" not in html
    assert "2 komentar pada" in html


def test_the_form_has_wordpress_fields_and_limits(client, article):
    """Labels, autocomplete, maxlength 245/100/200/65525, required marks, the opt-in box."""
    html = page(client, article)
    for name, autocomplete, maxlength in [
        ("name", "name", 245), ("email", "email", 100), ("url", "url", 200),
    ]:  # fmt: skip
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert f'autocomplete="{autocomplete}"' in field
        assert f'maxlength="{maxlength}"' in field
    assert 'maxlength="65525"' in html
    assert re.search(r'<input[^>]*name="name"[^>]*required', html)
    assert not re.search(r'<input[^>]*name="url"[^>]*required', html)
    remember = re.search(r'<input type="checkbox" name="remember"[^>]*>', html).group(0)
    assert "checked" not in remember
    assert "Alamat email Anda tidak akan dipublikasikan." in html
    assert "Kirim Komentar" in html


def test_anonymous_article_page_carries_nothing_per_visitor(client, article):
    """No CSRF token, no cookie, no Vary: Cookie: a shared cache may serve it to everyone."""
    make_comment(article)
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "public" in response["Cache-Control"]


def test_privacy_policy_link_only_when_provided(client, article, settings):
    """The form links the privacy policy when the site provides its address."""
    assert "Kebijakan privasi" not in page(client, article)
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                "context_processors": [
                    *settings.TEMPLATES[0]["OPTIONS"]["context_processors"],
                    "tests.comments.test_views.privacy_context",
                ]
            },
        }
    ]
    assert '<a href="/kebijakan-privasi/">Kebijakan privasi</a>' in page(client, article)


def privacy_context(request):
    return {"privacy_policy_url": "/kebijakan-privasi/"}


@pytest.mark.parametrize("count", [0, 2000])
def test_article_queries_do_not_grow_with_comments(
    client, article, count, django_assert_num_queries, settings
):
    """The article page costs the same number of queries with 0 or 2,000 comments."""
    settings.NEWSROOM_PAGE_CACHE = False  # the render's queries, not a stored page's
    roots = Comment.objects.bulk_create(
        Comment(article=article, author_name=f"P{i}", body="x", body_html="<p>x</p>",
                status=Comment.Status.APPROVED) for i in range(count // 2)
    )  # fmt: skip
    Comment.objects.bulk_create(
        Comment(article=article, parent=root, author_name="R", body="y", body_html="<p>y</p>",
                status=Comment.Status.APPROVED) for root in roots
    )  # fmt: skip
    client.get(article.get_absolute_url())  # discussion settings row created once
    pagecache.purge(f"comments:{article.pk}")  # the rendered comment list is made again
    # The article (its count changed) and its tags, the comments, the neighbours (2).
    with django_assert_num_queries(5):
        response = client.get(article.get_absolute_url())
    assert response.content.decode().count('<li id="comment-') == count
    # Until a comment changes, the article, its part and its comments come from the cache.
    with django_assert_num_queries(0):
        again = client.get(article.get_absolute_url())
    assert again.content.decode().count('<li id="comment-') == count


def test_listing_shows_the_comment_count(client):
    """Cards say "3 Komentar" (approved only) and nothing where there is none; the article
    page itself invites a first comment."""
    busy = make_article("Ramai")
    for _ in range(3):
        make_comment(busy)
    make_comment(busy, status=Comment.Status.PENDING)
    quiet = make_article("Sepi")
    html = client.get("/").content.decode()
    assert f'href="{busy.get_absolute_url()}#comments">3 Komentar</a>' in html
    assert "Tinggalkan komentar" not in html
    assert "Tinggalkan komentar" in client.get(quiet.get_absolute_url()).content.decode()


def test_reply_link_without_javascript_targets_the_form_at_that_comment(client, article):
    """?replytocom=N renders the form as a reply to N, with a way to cancel."""
    parent = make_comment(article, author_name="Sari")
    html = page(client, article, f"?replytocom={parent.pk}")
    assert "Balas kepada Sari" in html
    assert f'name="parent" id="comment_parent" value="{parent.pk}"' in html
    assert f"Balas kepada {parent.author_name}" in html
    assert re.search(r'id="cancel-comment-reply-link" href="[^"]+#respond">', html)
    assert 'name="parent" id="comment_parent" value=""' in page(client, article, "?replytocom=x")


def test_comment_pages_when_an_editor_turns_pagination_on(client, article):
    """50 top-level comments per page at comment-page-N/; out of range is a 404."""
    for _ in range(3):
        make_comment(article)
    discussion = DiscussionSettings.load()
    assert client.get(article.get_absolute_url() + "comment-page-2/").status_code == 404
    discussion.paginate, discussion.per_page, discussion.first_page = True, 2, "oldest"
    discussion.save()
    first = page(client, article)
    assert first.count('<li id="comment-') == 2
    assert "comment-page-2/#comments" in first
    second = client.get(article.get_absolute_url() + "comment-page-2/")
    assert second.status_code == 200
    assert second.content.decode().count('<li id="comment-') == 1
    assert client.get(article.get_absolute_url() + "comment-page-3/").status_code == 404


def test_a_long_discussion_opens_on_its_newest_page(client, article):
    """As WordPress does by default: the article shows the last page, older ones link back."""
    comments = [make_comment(article, body=f"Komentar ke-{n}") for n in range(5)]
    discussion = DiscussionSettings.load()
    discussion.paginate, discussion.per_page = True, 2
    discussion.save()
    assert discussion.first_page == "newest"
    opening = page(client, article)
    assert "Komentar ke-4" in opening
    assert "Komentar ke-3" not in opening
    assert f'href="{article.get_absolute_url()}comment-page-2/#comments"' in opening
    middle = page(client, article, "comment-page-2/")
    assert "Komentar ke-2" in middle
    assert "Komentar ke-3" in middle
    assert f'href="{article.get_absolute_url()}#comments"' in middle  # newer: the article
    assert f'href="{article.get_absolute_url()}comment-page-1/#comments"' in middle
    assert (
        comments[4].get_absolute_url() == f"{article.get_absolute_url()}#comment-{comments[4].pk}"
    )


def test_closed_article_says_so_instead_of_the_form(client, article):
    article.comments_open = False
    article.save()
    html = page(client, article)
    assert "Komentar ditutup." in html
    assert 'id="commentform"' not in html


# Posting


def test_new_commenter_is_held_and_sees_only_their_own_preview(client, article):
    """A first comment is held; its author sees it privately for a while; nobody else does."""
    response = post(client, comment_form_data(article, comment="Komentar pertama saya"))
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(article.get_absolute_url() + f"?unapproved={comment.pk}&")
    assert location.endswith(f"#comment-{comment.pk}")
    preview = client.get(location)
    assert "Komentar pertama saya" in preview.content.decode()
    assert "Komentar Anda sedang menunggu moderasi." in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]
    assert "private" in preview["Cache-Control"]
    assert "Komentar pertama saya" not in page(Client(), article)
    forged = re.sub(r"moderation-hash=[^#]+", "moderation-hash=abc", location)
    assert "Komentar pertama saya" not in client.get(forged).content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
        assert "Komentar pertama saya" not in client.get(location).content.decode()


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


def test_form_errors_keep_everything_typed_with_a_summary(client, article):
    """Missing and invalid fields: 400, a summary and a message at each field, values kept."""
    data = comment_form_data(article, name="", email="budi@@contoh", url="situs saya",
                             comment="Teks yang <b>saya</b> ketik")  # fmt: skip
    response = post(client, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="comment-errors"' in html
    assert 'role="alert"' in html
    assert "Silakan isi nama Anda." in html
    assert "Silakan masukkan alamat email yang valid" in html
    assert "Teks yang &lt;b&gt;saya&lt;/b&gt; ketik" in html
    assert 'value="budi@@contoh"' in html
    assert 'value="situs saya"' in html
    assert 'aria-invalid="true"' in html
    assert not Comment.objects.exists()


def test_errors_come_in_the_readers_language(client, article):
    """Posting from the English page answers in English."""
    response = client.post("/en" + POST, comment_form_data(article, comment=""))
    assert "Please type your comment." in response.content.decode()


@pytest.mark.parametrize("field", ["name", "email", "comment"])
def test_every_required_field_empty_is_refused_with_a_message(client, article, field):
    response = post(client, comment_form_data(article, **{field: "   "}))
    assert response.status_code == 400
    assert 'id="comment-errors"' in response.content.decode()


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


def test_over_long_name_email_and_url_are_refused(client, article):
    data = comment_form_data(
        article,
        name="n" * 246,
        email="e" * 95 + "@example.com",
        url="https://x.example/" + "p" * 200,
    )
    html = post(client, data).content.decode()
    assert html.count('class="field-error"') == 3


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


def test_editors_are_notified_after_the_comment_is_saved(
    client, article, django_capture_on_commit_callbacks
):
    """A held comment mails the editors once committed, with a link to the queue."""
    make_staff("moderator", email="moderator@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, comment_form_data(article))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "moderator@example.com" in message.to
    assert "/admin/comments/comment/" in message.body


def test_a_failing_mail_server_loses_nothing(
    client, article, django_capture_on_commit_callbacks, caplog
):
    """SMTP down: the comment is stored, the visitor redirected, the failure logged."""
    caplog.set_level(logging.ERROR, logger="comments.notifications")
    make_staff("moderator", email="moderator@example.com")
    with (
        mock.patch("comments.notifications.send_mail", side_effect=OSError("no route")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = post(client, comment_form_data(article))
    assert response.status_code == 302
    assert Comment.objects.count() == 1
    assert "Could not send the comment notification" in caplog.text


# Cross-site requests and cached pages


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


def test_no_mail_for_published_comments_when_the_editor_turned_it_off(
    client, article, django_capture_on_commit_callbacks
):
    make_staff("moderator", email="moderator@example.com")
    make_comment(
        article,
        author_name="Budi Santoso",
        author_email="budi.rahasia@example.com",
        created_at=timezone.now() - datetime.timedelta(hours=1),
    )
    discussion = DiscussionSettings.load()
    discussion.notify_on_publish = False
    discussion.save()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, comment_form_data(article, comment="Tanpa surel"))
    assert Comment.objects.get(body="Tanpa surel").status == Comment.Status.APPROVED
    assert mail.outbox == []


def test_article_byline_shows_its_comment_count(client, article):
    for _ in range(2):
        make_comment(article)
    assert f'href="{article.get_absolute_url()}#comments">2 Komentar</a>' in page(client, article)


def test_names_keep_their_characters_and_lose_their_tags(client, article):
    """ "Tom & Jerry <3" stays as typed; markup in a name is dropped, never stored."""
    post(client, comment_form_data(article, name="Tom & Jerry <3 <b>tebal</b>"))
    assert Comment.objects.get().author_name == "Tom & Jerry <3 tebal"


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
