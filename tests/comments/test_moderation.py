"""Each moderation rule on its own, then the order in which they decide."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from comments import moderation
from comments.models import Comment
from comments.tokens import FormToken
from tests.factories import make_comment, make_staff, make_user

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)


def submission(article, discussion, **fields):
    fields.setdefault("name", "Budi")
    fields.setdefault("email", "budi@example.com")
    fields.setdefault("url", "")
    fields.setdefault("body", "Tulisan yang bagus.")
    fields.setdefault("ip_address", "198.51.100.7")
    fields.setdefault("user_agent", "Mozilla/5.0")
    fields.setdefault("token", FormToken(article.pk, timezone.now().timestamp() - 30))
    return moderation.Submission(article=article, discussion=discussion, **fields)


def test_comments_open_refuses_when_the_article_is_closed(article, discussion):
    """An article with comments switched off refuses with 403 and a message."""
    assert moderation.comments_open(submission(article, discussion)) is None
    article.comments_open = False
    verdict = moderation.comments_open(submission(article, discussion))
    assert verdict.refused
    assert verdict.status == 403
    assert verdict.message


def test_comments_open_refuses_on_articles_older_than_the_setting(article, discussion):
    """With "close after 14 days" on, a 15-day-old article takes no comments."""
    article.published_at = timezone.now() - datetime.timedelta(days=15)
    assert moderation.comments_open(submission(article, discussion)) is None
    discussion.close_old_articles = True
    assert moderation.comments_open(submission(article, discussion)).status == 403
    article.published_at = timezone.now() - datetime.timedelta(days=13)
    assert moderation.comments_open(submission(article, discussion)) is None


def test_form_token_genuine_refuses_forged_tokens_and_other_articles(article, discussion):
    """A token we did not sign, or one for another article, is refused with 400."""
    forged = submission(article, discussion, token=FormToken(None, None))
    assert moderation.form_token_genuine(forged).status == 400
    other = submission(article, discussion, token=FormToken(article.pk + 1, 0))
    assert moderation.form_token_genuine(other).status == 400
    assert moderation.form_token_genuine(submission(article, discussion)) is None


def test_form_token_fresh_refuses_a_form_older_than_two_days(article, discussion):
    """A page left open for more than two days must be reloaded; a day-old one still works."""
    now = timezone.now().timestamp()
    old = submission(article, discussion, token=FormToken(article.pk, now - 2 * 86400 - 5))
    assert moderation.form_token_fresh(old).reason == "expired"
    day = submission(article, discussion, token=FormToken(article.pk, now - 86400))
    assert moderation.form_token_fresh(day) is None


def test_filled_by_a_person_refuses_a_form_posted_within_three_seconds(article, discussion):
    """Software posts at once; people take a few seconds to write."""
    now = timezone.now().timestamp()
    fast = submission(article, discussion, token=FormToken(article.pk, now - 1))
    assert moderation.filled_by_a_person(fast).reason == "too-fast"
    slow = submission(article, discussion, token=FormToken(article.pk, now - 4))
    assert moderation.filled_by_a_person(slow) is None


def test_reply_target_valid_refuses_missing_foreign_and_unapproved_parents(article, discussion):
    """Replies go only to approved comments of the same article."""
    ok = make_comment(article)
    held = make_comment(article, status=Comment.Status.PENDING)
    foreign = make_comment()
    assert moderation.reply_target_valid(submission(article, discussion)) is None
    assert (
        moderation.reply_target_valid(submission(article, discussion, parent=ok, parent_id=ok.pk))
        is None
    )
    for parent, parent_id in [(None, 999999), (held, held.pk), (foreign, foreign.pk)]:
        sub = submission(article, discussion, parent=parent, parent_id=parent_id)
        assert moderation.reply_target_valid(sub).status == 400


def test_not_flooding_refuses_a_second_comment_within_15_seconds(article, discussion):
    """Same IP or same email within 15 seconds: 429; after 15 seconds: fine."""
    with time_machine.travel(NOW, tick=False):
        make_comment(article, ip_address="198.51.100.7", author_email="lain@example.com")
    with time_machine.travel(NOW + datetime.timedelta(seconds=10), tick=False):
        assert moderation.not_flooding(submission(article, discussion)).status == 429
        other_ip = submission(article, discussion, ip_address="203.0.113.9")
        assert moderation.not_flooding(other_ip) is None
        same_email = submission(
            article, discussion, ip_address="203.0.113.9", email="LAIN@example.com"
        )
        assert moderation.not_flooding(same_email).status == 429
    with time_machine.travel(NOW + datetime.timedelta(seconds=16), tick=False):
        assert moderation.not_flooding(submission(article, discussion)) is None


def test_not_duplicate_refuses_the_same_text_by_the_same_author(article, discussion):
    """The same text by the same email on the same article: 409; by someone else: fine."""
    make_comment(article, author_email="budi@example.com", body="Tulisan yang bagus.")
    assert moderation.not_duplicate(submission(article, discussion)).status == 409
    assert moderation.not_duplicate(submission(article, discussion, email="x@example.com")) is None
    trashed = make_comment(article, author_email="y@example.com", body="Lagi.")
    trashed.status = Comment.Status.TRASH
    trashed.save()
    again = submission(article, discussion, email="y@example.com", body="Lagi.")
    assert moderation.not_duplicate(again) is None


def test_honeypot_empty_marks_a_filled_trap_as_spam(article, discussion):
    """The hidden field filled in: stored as spam for an editor to check, not shown."""
    assert moderation.honeypot_empty(submission(article, discussion)) is None
    trapped = submission(article, discussion, honeypot="08123456789")
    assert moderation.honeypot_empty(trapped).action == moderation.SPAM


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Judi Online"),
        ("email", "promo@judi.example"),
        ("url", "https://judi.example/"),
        ("body", "Main JUDI di sini"),
        ("ip_address", "203.0.113.66"),
        ("user_agent", "JudiBot/1.0"),
    ],
)
def test_no_disallowed_words_marks_spam_in_every_field(article, discussion, field, value):
    """A disallowed word (or IP) anywhere, in any case, marks the comment as spam."""
    discussion.disallowed_words = "judi\n203.0.113.66\n"
    assert moderation.no_disallowed_words(submission(article, discussion)) is None
    verdict = moderation.no_disallowed_words(submission(article, discussion, **{field: value}))
    assert verdict.action == moderation.SPAM


def test_trusted_author_approves_editors_and_the_article_author(article, discussion):
    """A signed-in editor or the article's author is approved; another user is not."""
    assert moderation.trusted_author(submission(article, discussion, user=make_staff())).action == (
        moderation.APPROVE
    )
    author = submission(article, discussion, user=article.author)
    assert moderation.trusted_author(author).action == moderation.APPROVE
    assert moderation.trusted_author(submission(article, discussion, user=make_user())) is None
    assert moderation.trusted_author(submission(article, discussion)) is None


def test_moderation_not_required_holds_everything_when_switched_on(article, discussion):
    """ "Hold every comment" sends every comment to the queue."""
    assert moderation.moderation_not_required(submission(article, discussion)) is None
    discussion.moderate_all = True
    verdict = moderation.moderation_not_required(submission(article, discussion))
    assert verdict.action == moderation.HOLD


def test_few_links_holds_comments_with_two_or_more_links(article, discussion):
    """Two links, typed bare or as URLs, hold the comment; one does not."""
    one = submission(article, discussion, body="Lihat https://example.com/a")
    assert moderation.few_links(one) is None
    two = submission(article, discussion, body="https://example.com/a dan www.example.org")
    assert moderation.few_links(two).action == moderation.HOLD
    discussion.max_links = 0
    assert moderation.few_links(two) is None


def test_no_moderation_words_holds_a_comment_with_a_listed_word(article, discussion):
    """A moderation word in any field holds the comment."""
    discussion.moderation_words = "pinjaman\n"
    assert moderation.no_moderation_words(submission(article, discussion)) is None
    loan = submission(article, discussion, url="https://pinjaman.example/")
    assert moderation.no_moderation_words(loan).action == moderation.HOLD


def test_known_commenter_approves_someone_already_approved(article, discussion):
    """Same name and email as an approved comment: approved; a stranger: held."""
    assert moderation.known_commenter(submission(article, discussion)).action == moderation.HOLD
    make_comment(article, author_name="Budi", author_email="Budi@Example.com")
    assert moderation.known_commenter(submission(article, discussion)).action == moderation.APPROVE
    discussion.previously_approved = False
    stranger = submission(article, discussion, email="baru@example.com")
    assert moderation.known_commenter(stranger) is None


def test_evaluate_lets_the_first_verdict_decide(article, discussion):
    """Refusals beat spam, spam beats trust, trust beats holds; no objection approves."""
    discussion.moderate_all = True
    closed = submission(article, discussion, honeypot="x")
    article.comments_open = False
    assert moderation.evaluate(closed).reason == "closed"
    article.comments_open = True
    assert moderation.evaluate(closed).reason == "honeypot"
    editor = submission(article, discussion, user=make_staff(), body="https://a.example b.example")
    assert moderation.evaluate(editor).action == moderation.APPROVE
    assert moderation.evaluate(submission(article, discussion)).reason == "moderate-all"
    discussion.moderate_all = discussion.previously_approved = False
    assert moderation.evaluate(submission(article, discussion)).reason == "default"
