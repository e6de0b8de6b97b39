"""The article template asks the comments app for its block: `{% comments_section article %}`."""

import dataclasses

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

import pagecache
from pagecache import fragments, generations
from pagecache import keys as surrogate

from ..cachekeys import thread_key
from ..context import form_context
from ..forms import id_from
from ..middleware import PREVIEW_PARAMETER
from ..models import Comment, DiscussionSettings
from ..threads import render_thread, tree_for
from ..tokens import make_form_token, read_preview_hash

register = template.Library()

# A rendered comment list is kept until a comment or the settings change (its name changes).
THREAD_CACHE_SECONDS = 24 * 60 * 60
# Where the cached comment block takes the form token it is sent with (no HTML escaping
# touches it; a token is letters, digits, "-", "_" and ":").
FORM_TOKEN_SLOT = "@@comment-form-token@@"


def held_comment(request, article):
    """The visitor's own held comment, when the link they were sent to proves it is theirs."""
    comment_id = id_from(request.GET.get(PREVIEW_PARAMETER))
    if comment_id is None:
        return None
    if not read_preview_hash(request.GET.get("moderation-hash"), comment_id):
        return None
    return (
        Comment.objects.on(article)
        .filter(
            pk=comment_id,
            status__in=[Comment.Status.PENDING, Comment.Status.SPAM],
        )
        .for_thread()
        .first()
    )


def rendered_thread(article, discussion, page, comments_closed):
    """(thread, its HTML) for the plain article page, from the cache when nothing changed.

    The comment list is the costly part of an article page (every comment rendered). It is
    cached under the generations of the page-cache keys it shows, read before the comments are,
    so approving, editing or removing a comment, or changing the settings, renders it again.
    """
    keys = (thread_key(article), surrogate.DISCUSSION_SETTINGS)
    name = "{}:thread:{}:{}:{}:{}".format(
        keys[0], page, get_language(), comments_closed, ":".join(generations(*keys))
    )
    found = cache.get(name)
    if found is not None:
        return found
    thread = tree_for(article, discussion, page=page)
    html = render_thread(thread, comments_closed)
    summary = dataclasses.replace(thread, nodes=[])
    cache.set(name, (summary, html), THREAD_CACHE_SECONDS)
    return summary, html


@register.simple_tag(takes_context=True)
def comments_section(context, article):
    """The comment block under an article or a standing page."""
    request = context["request"]
    key = thread_key(article)
    pagecache.tag(request, key, surrogate.DISCUSSION_SETTINGS)
    discussion = DiscussionSettings.load()
    match = request.resolver_match
    page = match.kwargs.get("comment_page") if match else None
    held = held_comment(request, article)
    reply_id = id_from(request.GET.get("replytocom"))
    if held is None and reply_id is None and not pagecache.signed_in(request):
        # What every reader gets: the whole block, kept rendered with a slot for the form's
        # token (the one thing made per request), purged with the comments, the discussion
        # settings and the footer (its privacy policy link).
        closed = discussion.comments_closed_for(article)
        html = fragments.cached(
            request,
            f"{key}:{page}:{closed}",
            lambda: _render_section(
                context, article, discussion, page, None, None, FORM_TOKEN_SLOT
            ),
            keys=(key, surrogate.DISCUSSION_SETTINGS, surrogate.FOOTER),
        )
        return mark_safe(html.replace(FORM_TOKEN_SLOT, make_form_token(article)))
    return _render_section(context, article, discussion, page, held, reply_id, None)


def _render_section(context, article, discussion, page, held, reply_id, form_token):
    request = context["request"]
    reply_to, thread_html = None, None
    if held is None and reply_id is None:
        closed = discussion.comments_closed_for(article)
        thread, thread_html = rendered_thread(article, discussion, page, closed)
    else:  # a commenter's own held comment, or a reply form: this visitor's page only
        thread = tree_for(article, discussion, page=page, held=held)
        thread_html = render_thread(thread, discussion.comments_closed_for(article))
    if discussion.threaded and reply_id in thread.ids:
        reply_to = next(
            (n.comment for n in thread.nodes if n.comment.pk == reply_id and n.can_reply),
            None,
        )
    parent_id = reply_to.pk if reply_to else None
    form = form_context(request, article, discussion, parent_id=parent_id, form_token=form_token)
    return render_to_string(
        "comments/section.html",
        {
            **form,
            "thread": thread,
            "thread_html": thread_html,
            "reply_to": reply_to,
            "discussion": discussion,
            "privacy_policy_url": context.get("privacy_policy_url", ""),
            "request": request,
            "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
        },
    )
