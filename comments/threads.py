"""An article's conversation as a flat list the thread template walks without recursion."""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext

from .models import Comment


@dataclass
class Node:
    """One comment in the thread, with what the template shows worked out once in Python."""

    comment: Comment
    depth: int
    can_reply: bool
    held: bool = False
    tail: str = "</li>"
    id: str = ""
    author: str = ""
    time_iso: str = ""
    time_text: str = ""

    def prepare(self, days):
        """`days`: {date: its text}, shared by the thread (formatting a date is the slow part)."""
        c = self.comment
        self.id = str(c.pk)
        name = escape(c.display_name)
        self.author = mark_safe(
            f'<a href="{escape(c.author_url)}" rel="nofollow ugc external">{name}</a>'
            if c.author_url
            else name
        )
        local = timezone.localtime(c.created_at)
        # UTC, to the minute: the shortest valid datetime (the thread repeats it per comment).
        utc = c.created_at.astimezone(datetime.UTC)
        self.time_iso = utc.strftime("%Y-%m-%dT%H:%MZ")
        day = local.date()
        if day not in days:
            days[day] = date_format(day, "j F Y")
        # The same text as date_format(local, "j F Y, H:i"), one date format per day.
        self.time_text = f"{days[day]}, {local:%H:%M}"


@dataclass
class Thread:
    nodes: list = field(default_factory=list)
    count: int = 0
    page: int = 1
    pages: int = 1
    ids: frozenset = frozenset()
    urls: dict = field(default_factory=dict)  # page number -> its address (previous, next)
    has_comments: bool = False  # anything to list on this page (held preview included)

    @property
    def previous_page(self):
        return self.page - 1 if self.page > 1 else None

    @property
    def next_page(self):
        return self.page + 1 if self.page < self.pages else None

    @property
    def previous_url(self):
        return self.urls.get(self.previous_page)

    @property
    def next_url(self):
        return self.urls.get(self.next_page)


def tree_for(article, discussion, *, page=None, held=None):
    """Approved comments, oldest first, nested up to the depth setting (one query).

    `page` is a comment page when the editor paginates comments (None: the first). `held` is the
    visitor's own held comment to show in its place.
    """
    comments = list(Comment.objects.approved().filter(article=article).for_thread())
    count = len(comments)
    if held is not None:
        comments.append(held)
    ids = {c.pk for c in comments}
    children = defaultdict(list)
    for comment in comments:
        parent = comment.parent_id if discussion.threaded and comment.parent_id in ids else None
        children[parent].append(comment)
    roots = children[None]
    pages = 1
    if discussion.paginate:
        pages = max(1, math.ceil(len(roots) / discussion.per_page))
        if page is not None and not 1 <= page <= pages:
            raise Http404
        page = page or discussion.opening_page(pages)
        roots = roots[(page - 1) * discussion.per_page : page * discussion.per_page]
    elif page is not None:
        raise Http404
    max_depth = discussion.thread_depth if discussion.threaded else 1
    nodes = []
    stack = [(comment, 1) for comment in reversed(roots)]
    while stack:
        comment, depth = stack.pop()
        held_here = held is not None and comment.pk == held.pk
        nodes.append(Node(comment, depth, can_reply=depth < max_depth and not held_here))
        nodes[-1].held = held_here
        child_depth = min(depth + 1, max_depth)
        stack.extend((child, child_depth) for child in reversed(children.get(comment.pk, ())))
    days = {}
    for index, node in enumerate(nodes):
        node.prepare(days)
        next_depth = nodes[index + 1].depth if index + 1 < len(nodes) else 1
        if next_depth > node.depth:
            node.tail = mark_safe('<ol class="children">')
        else:
            node.tail = mark_safe("</li>" + "</ol></li>" * (node.depth - next_depth))
    thread = Thread(nodes, count, page or 1, pages, frozenset(ids), has_comments=bool(nodes))
    article_url = article.get_absolute_url()
    for number in (thread.previous_page, thread.next_page):
        if number:
            thread.urls[number] = discussion.comment_page_url(article_url, number, pages)
    return thread


def render_thread(thread, comments_closed):
    """The comment list's HTML, built in Python: one string per comment from a fixed pattern.

    A template would resolve some fifteen variables per comment through Django's template
    engine (about 20 ms of CPU for 200 comments); this is the same markup for a tenth of it.
    No class names on the repeated elements: comments.css styles them in place under
    .comment-list, and comments.js finds a reply's comment and author from the <li>."""
    says = escape(gettext("says:"))
    reply_label = escape(gettext("Reply"))
    reply_to_label = escape(pgettext("reply to a person", "to"))
    held_notice = escape(
        gettext(
            "Your comment is awaiting moderation. This is a preview; your comment will be "
            "visible after it has been approved."
        )
    )
    parts = ['<ol class="comment-list">\n']
    for node in thread.nodes:
        comment = node.comment
        held = ' class="held"' if node.held else ""
        parts.append(
            f'<li id="comment-{node.id}"{held}><article><footer><i class="av '
            f'a{comment.avatar_colour}" aria-hidden="true">{escape(comment.initials)}</i> '
            f"<b>{conditional_escape(node.author)}</b> {says} "
            f'<a href="#comment-{node.id}"><time datetime="{node.time_iso}">'
            f"{escape(node.time_text)}</time></a></footer>"
        )
        if node.held:
            parts.append(f'<p class="held-notice" role="status">{held_notice}</p>')
        parts.append(comment.body_html)  # sanitized when stored (comments/html.py)
        if node.can_reply and not comments_closed:
            parts.append(
                f'<a rel="nofollow" class="reply" href="?replytocom={node.id}#respond">'
                f'{reply_label}<span class="visually-hidden"> {reply_to_label} '
                f"{escape(comment.display_name)}</span></a>"
            )
        parts.append(f"</article>{node.tail}")
    parts.append("</ol>\n")
    return mark_safe("".join(parts))
