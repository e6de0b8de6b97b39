"""The article template asks the comments app for its block: `{% comments_section article %}`."""

from django import template
from django.middleware.csrf import get_token

from ..forms import CommentForm, id_from
from ..middleware import PREVIEW_PARAMETER
from ..models import Comment, DiscussionSettings
from ..services import signed_in
from ..threads import tree_for
from ..tokens import make_form_token, read_preview_hash

register = template.Library()


def held_comment(request, article):
    """The visitor's own held comment, when the link they were sent to proves it is theirs."""
    comment_id = id_from(request.GET.get(PREVIEW_PARAMETER))
    if comment_id is None:
        return None
    if not read_preview_hash(request.GET.get("moderation-hash"), comment_id):
        return None
    return (
        Comment.objects.filter(
            pk=comment_id,
            article=article,
            status__in=[Comment.Status.PENDING, Comment.Status.SPAM],
        )
        .for_thread()
        .first()
    )


def form_context(request, article, discussion, *, form=None, parent_id=None, form_token=None):
    """What the "Leave a Reply" form needs; shared by the article page and the error page."""
    user_signed_in = signed_in(request)
    if form is None:
        form = CommentForm(
            require_name_email=discussion.require_name_email, signed_in=user_signed_in
        )
    return {
        "article": article,
        "form": form,
        "form_token": form_token or make_form_token(article),
        "parent_id": parent_id or "",
        "signed_in": user_signed_in,
        "commenter": request.user if user_signed_in else None,
        # Only pages that are never shared (a signed-in user's) carry a CSRF token.
        "csrf_token_value": get_token(request) if user_signed_in else "",
        "comments_closed": discussion.comments_closed_for(article),
    }


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context, article):
    request = context["request"]
    discussion = DiscussionSettings.load()
    match = request.resolver_match
    page = match.kwargs.get("comment_page") if match else None
    thread = tree_for(article, discussion, page=page, held=held_comment(request, article))
    reply_to = None
    reply_id = id_from(request.GET.get("replytocom"))
    if discussion.threaded and reply_id in thread.ids:
        reply_to = next(
            (n.comment for n in thread.nodes if n.comment.pk == reply_id and n.can_reply),
            None,
        )
    return {
        **form_context(request, article, discussion, parent_id=reply_to.pk if reply_to else None),
        "thread": thread,
        "reply_to": reply_to,
        "discussion": discussion,
        "privacy_policy_url": context.get("privacy_policy_url", ""),
        "request": request,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }
