"""The rules a new comment goes through: small named checks, each returning a verdict or None.

`RULES` is read in order; the first rule with a verdict decides. Refusals come first (the
comment is not stored), then spam, then approvals that skip moderation, then reasons to hold.
A comment no rule stops is approved.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .html import count_links, render_comment_html
from .models import Comment, DiscussionSettings
from .tokens import FormToken

APPROVE, HOLD, SPAM, REJECT = "approve", "hold", "spam", "reject"


@dataclass(frozen=True)
class Verdict:
    action: str
    reason: str
    message: str = ""
    status: int = 200

    @property
    def refused(self):
        return self.action == REJECT


@dataclass
class Submission:
    """Everything the rules may look at, gathered once by the service."""

    article: object  # what the comment is on: an article or a standing page
    name: str
    email: str
    url: str
    body: str
    ip_address: str | None
    user_agent: str
    token: FormToken
    discussion: DiscussionSettings
    user: object = None
    parent: Comment | None = None
    parent_id: int | None = None
    honeypot: str = ""
    now: datetime.datetime = field(default_factory=timezone.now)

    @property
    def body_html(self):
        return render_comment_html(self.body)

    def haystack(self):
        return "\n".join(
            [self.name, self.email, self.url, self.body, self.ip_address or "", self.user_agent]
        ).lower()


def refuse(reason, message, status):
    return Verdict(REJECT, reason, message, status)


def is_trusted(sub):
    """A signed-in editor, or the article's own author."""
    user = sub.user
    if user is None or not user.is_authenticated:
        return False
    author_id = getattr(sub.article, "author_id", None)  # a standing page has no author
    return user.has_perm("comments.change_comment") or (author_id and user.pk == author_id)


# Refusals: nothing is stored, the visitor gets a message and their text back.


def comments_open(sub):
    if sub.discussion.comments_closed_for(sub.article, sub.now):
        if sub.article._meta.model_name == "page":
            return refuse("closed", _("Comments are closed on this page."), 403)
        return refuse("closed", _("Comments are closed on this article."), 403)
    return None


def form_token_genuine(sub):
    if not sub.token.genuine or not sub.token.is_for(sub.article):
        return refuse(
            "token",
            _("This form could not be checked. Please post your comment again."),
            400,
        )
    return None


def form_token_fresh(sub):
    if sub.token.age(sub.now.timestamp()) > settings.NEWSROOM_COMMENT_TOKEN_MAX_AGE:
        return refuse(
            "expired",
            _("This page was open for a long time. Please post your comment again."),
            400,
        )
    return None


def filled_by_a_person(sub):
    if sub.token.age(sub.now.timestamp()) < settings.NEWSROOM_COMMENT_MIN_FILL_SECONDS:
        return refuse(
            "too-fast",
            _("That was very fast. Please check your comment and post it again."),
            400,
        )
    return None


def reply_target_valid(sub):
    if sub.parent_id is None:
        return None
    parent = sub.parent
    if (
        parent is None
        or parent.target_key != (sub.article._meta.model_name, sub.article.pk)
        or parent.status != Comment.Status.APPROVED
    ):
        return refuse(
            "parent",
            _("The comment you are replying to is not available. Your comment was not posted."),
            400,
        )
    return None


def not_flooding(sub):
    if is_trusted(sub):
        return None
    since = sub.now - datetime.timedelta(seconds=settings.NEWSROOM_COMMENT_FLOOD_SECONDS)
    recent = Comment.objects.filter(created_at__gt=since)
    same_ip = sub.ip_address and recent.filter(ip_address=sub.ip_address).exists()
    if same_ip or (sub.email and recent.by_email(sub.email).exists()):
        return refuse(
            "flood", _("You are posting comments too quickly. Please wait a moment."), 429
        )
    return None


def not_duplicate(sub):
    same = (
        Comment.objects.on(sub.article).filter(body=sub.body).exclude(status=Comment.Status.TRASH)
    )
    if sub.email:
        same = same.by_email(sub.email)
    elif sub.name:
        same = same.filter(author_name=sub.name)
    elif sub.ip_address:
        same = same.filter(ip_address=sub.ip_address)
    if same.exists():
        return refuse(
            "duplicate",
            _("Duplicate comment: it looks as though you have already said that."),
            409,
        )
    return None


# Spam: stored for an editor to review, never shown.


def honeypot_empty(sub):
    """People do not see the trap field; software that fills every field does."""
    if sub.honeypot.strip():
        return Verdict(SPAM, "honeypot")
    return None


def has_listed_word(sub, words):
    """Whether any of `words` (one a line, as editors type them) is in the comment anywhere."""
    haystack = sub.haystack()
    return any(word in haystack for word in sub.discussion.word_list(words))


def no_disallowed_words(sub):
    if has_listed_word(sub, sub.discussion.disallowed_words):
        return Verdict(SPAM, "disallowed-word")
    return None


# Approvals that skip moderation.


def trusted_author(sub):
    if is_trusted(sub):
        return Verdict(APPROVE, "trusted")
    return None


# Reasons to hold for an editor.


def moderation_not_required(sub):
    if sub.discussion.moderate_all:
        return Verdict(HOLD, "moderate-all")
    return None


def few_links(sub):
    limit = sub.discussion.max_links
    if limit and count_links(sub.body_html) >= limit:
        return Verdict(HOLD, "links")
    return None


def no_moderation_words(sub):
    if has_listed_word(sub, sub.discussion.moderation_words):
        return Verdict(HOLD, "moderation-word")
    return None


def known_commenter(sub):
    """With "approve known commenters" on, only someone already approved skips the queue."""
    if not sub.discussion.previously_approved:
        return None
    known = (
        sub.email
        and Comment.objects.approved().by_email(sub.email).filter(author_name=sub.name).exists()
    )
    return Verdict(APPROVE, "known") if known else Verdict(HOLD, "unknown")


RULES = [
    comments_open,
    form_token_genuine,
    form_token_fresh,
    filled_by_a_person,
    reply_target_valid,
    not_flooding,
    not_duplicate,
    honeypot_empty,
    no_disallowed_words,
    trusted_author,
    moderation_not_required,
    few_links,
    no_moderation_words,
    known_commenter,
]


def evaluate(sub, rules=None):
    """The first verdict of the rules, or approval when none objects."""
    for rule in RULES if rules is None else rules:
        verdict = rule(sub)
        if verdict is not None:
            return verdict
    return Verdict(APPROVE, "default")
