"""The article template asks the comments app for its block: `{% comments_section article %}`."""

import dataclasses

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language

import pagecache
from pagecache.engine import generations

from ..context import form_context
from ..forms import id_from
from ..middleware import PREVIEW_PARAMETER
from ..models import Comment, DiscussionSettings
from ..threads import tree_for
from ..tokens import read_preview_hash

register = template.Library()

# A rendered comment list is kept until a comment or the settings change (its name changes).
THREAD_CACHE_SECONDS = 24 * 60 * 60


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


def rendered_thread(article, discussion, page, comments_closed):
    """(thread, its HTML) for the plain article page, from the cache when nothing changed.

    The comment list is the costly part of an article page (every comment rendered). It is
    cached under the generations of the page-cache keys it shows, read before the comments are,
    so approving, editing or removing a comment, or changing the settings, renders it again.
    """
    keys = (f"comments:{article.pk}", "settings:discussion")
    name = "comments:thread:{}:{}:{}:{}:{}".format(
        article.pk, page, get_language(), comments_closed, ":".join(generations(*keys))
    )
    found = cache.get(name)
    if found is not None:
        return found
    thread = tree_for(article, discussion, page=page)
    html = render_to_string(
        "comments/thread.html",
        {"thread": thread, "comments_closed": comments_closed, "article": article},
    )
    summary = dataclasses.replace(thread, nodes=[])
    cache.set(name, (summary, html), THREAD_CACHE_SECONDS)
    return summary, html


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context, article):
    request = context["request"]
    pagecache.tag(request, f"comments:{article.pk}", "settings:discussion")
    discussion = DiscussionSettings.load()
    match = request.resolver_match
    page = match.kwargs.get("comment_page") if match else None
    held = held_comment(request, article)
    reply_id = id_from(request.GET.get("replytocom"))
    reply_to, thread_html = None, None
    if held is None and reply_id is None:
        closed = discussion.comments_closed_for(article)
        thread, thread_html = rendered_thread(article, discussion, page, closed)
    else:  # a commenter's own held comment, or a reply form: this visitor's page only
        thread = tree_for(article, discussion, page=page, held=held)
    if discussion.threaded and reply_id in thread.ids:
        reply_to = next(
            (n.comment for n in thread.nodes if n.comment.pk == reply_id and n.can_reply),
            None,
        )
    return {
        **form_context(request, article, discussion, parent_id=reply_to.pk if reply_to else None),
        "thread": thread,
        "thread_html": thread_html,
        "reply_to": reply_to,
        "discussion": discussion,
        "privacy_policy_url": context.get("privacy_policy_url", ""),
        "request": request,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }
