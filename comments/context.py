"""Context builders shared by the comments block (a template tag) and the comment views."""

from django.middleware.csrf import get_token

import pagecache

from .forms import CommentForm
from .tokens import make_form_token


def form_context(request, article, discussion, *, form=None, parent_id=None, form_token=None):
    """What the "Leave a Reply" form needs; shared by the article (or standing page) and the
    error page. `article` is what the comment is on."""
    on_page = article._meta.model_name == "page"
    user_signed_in = pagecache.signed_in(request)
    if form is None:
        form = CommentForm(
            require_name_email=discussion.require_name_email, signed_in=user_signed_in
        )
    return {
        "article": article,
        # The form's hidden field naming what it is under, and that one's title.
        "target_field": "page" if on_page else "article",
        "target_title": article.localized_title() if on_page else article.title,
        "form": form,
        "form_token": form_token or make_form_token(article),
        "parent_id": parent_id or "",
        "signed_in": user_signed_in,
        "commenter": request.user if user_signed_in else None,
        # Only pages that are never shared (a signed-in user's) carry a CSRF token.
        "csrf_token_value": get_token(request) if user_signed_in else "",
        "comments_closed": discussion.comments_closed_for(article),
    }
