"""Signed values in the comment form and in the held-comment preview link.

The form token says "this form came from our page for this article (or standing page), rendered
at time T". It
carries nothing about the visitor, so a shared cache may serve it to everyone (see
docs/design.md, "Comments on cached pages").
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

FORM_SALT = "comments.form-token"
PREVIEW_SALT = "comments.held-preview"


@dataclass(frozen=True)
class FormToken:
    article_id: int | None
    issued_at: float | None
    page_id: int | None = None

    @property
    def genuine(self):
        return self.article_id is not None or self.page_id is not None

    def is_for(self, target):
        """True when the form was shown under `target` (an article or a standing page)."""
        if target._meta.model_name == "page":
            return self.page_id == target.pk
        return self.article_id == target.pk

    def age(self, now=None):
        return (now if now is not None else time.time()) - self.issued_at


def make_form_token(article, *, issued_at=None):
    issued_at = time.time() if issued_at is None else issued_at
    on = "p" if article._meta.model_name == "page" else "a"
    return signing.dumps({on: article.pk, "t": int(issued_at)}, salt=FORM_SALT, compress=True)


def retry_form_token(article, posted):
    """The token for the form shown again after an error.

    It keeps the time the form was first shown, so a quick correction is not refused as "too
    fast"; a forged, expired or other article's token gets a fresh one.
    """
    token = read_form_token(posted)
    if token.is_for(article) and token.age() <= settings.NEWSROOM_COMMENT_TOKEN_MAX_AGE:
        return make_form_token(article, issued_at=token.issued_at)
    return make_form_token(article)


def read_form_token(value):
    """The token's article and time, or a FormToken with None for anything forged or garbled."""
    try:
        data = signing.loads(value or "", salt=FORM_SALT)
        if "p" in data:
            return FormToken(None, float(data["t"]), int(data["p"]))
        return FormToken(int(data["a"]), float(data["t"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
        return FormToken(None, None)


def make_preview_hash(comment):
    return signing.dumps(comment.pk, salt=PREVIEW_SALT)


def read_preview_hash(value, comment_id):
    """True when the hash was made for this comment and has not expired."""
    try:
        signed_id = signing.loads(
            value or "", salt=PREVIEW_SALT, max_age=settings.NEWSROOM_COMMENT_PREVIEW_SECONDS
        )
    except signing.BadSignature:
        return False
    return str(signed_id) == str(comment_id)
