"""Reading and posting comments through the site, including every kind of bad input."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

import pagecache
from comments.models import Comment, DiscussionSettings
from pagecache import keys as surrogate
from tests.comments.helpers import page, post
from tests.factories import comment_form_data, make_article, make_comment, make_staff

pytestmark = pytest.mark.django_db


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


def test_thread_shows_names_as_the_comment_does_escaped_and_anonymous_when_blank(client, article):
    """The thread reads plain rows, not models, yet names, initials and avatar colours follow
    the comment's own rule: a blank name is "Anonim", a typed tag stays text."""
    blank = make_comment(article, author_name="")
    tagged = make_comment(article, author_name="<b>Budi</b> Santoso")
    html = page(client, article)
    assert re.search(
        rf'<li id="comment-{blank.pk}"><article><footer><i class="av a{blank.avatar_colour}" '
        rf'aria-hidden="true">A</i> <b>Anonim</b>',
        html,
    )
    assert "kepada Anonim</span>" in html
    assert (
        f'<i class="av a{tagged.avatar_colour}" aria-hidden="true">S</i> '
        "<b>&lt;b&gt;Budi&lt;/b&gt; Santoso</b>"
    ) in html
    assert "<b>Budi</b>" not in html


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
                    "tests.comments.helpers.privacy_context",
                ]
            },
        }
    ]
    assert '<a href="/kebijakan-privasi/">Kebijakan privasi</a>' in page(client, article)


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
    # The rendered comment list is made again.
    pagecache.purge(surrogate.article_comments(article.pk))
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


def test_article_byline_shows_its_comment_count(client, article):
    for _ in range(2):
        make_comment(article)
    assert f'href="{article.get_absolute_url()}#comments">2 Komentar</a>' in page(client, article)
