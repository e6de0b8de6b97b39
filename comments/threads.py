"""An article's conversation as a flat list the thread template walks without recursion."""

import datetime
from dataclasses import dataclass, field
from html import escape

from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

from .layout import Placement, page_count
from .models import Comment, CommentAuthorFace


class ThreadComment(CommentAuthorFace):
    """A comment as the thread shows it, read as plain values: building 200 model instances
    cost more than the rest of the query."""

    __slots__ = ("author_name", "author_url", "body_html", "created_at", "parent_id", "pk")

    def __init__(self, author_name, author_url, body_html, created_at, parent_id, pk):
        self.author_name = author_name
        self.author_url = author_url
        self.body_html = body_html
        self.created_at = created_at
        self.parent_id = parent_id
        self.pk = pk


@dataclass(slots=True)
class Node:
    """One comment in the thread: where it sits and what it may show."""

    comment: ThreadComment  # or the visitor's own held Comment
    depth: int
    can_reply: bool
    held: bool = False
    tail: str = "</li>"


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
    """An article's (or a standing page's) approved comments, oldest first, nested up to the
    depth setting (one query).

    `page` is a comment page when the editor paginates comments (None: the first). `held` is the
    visitor's own held comment to show in its place.
    """
    rows = Comment.objects.approved().on(article).for_thread()
    comments = [ThreadComment(*row) for row in rows.values_list(*ThreadComment.__slots__)]
    count = len(comments)
    if held is not None:
        comments.append(held)
    placement = Placement(comments, discussion.threaded)
    ids, children, roots = placement.ids, placement.children, placement.roots
    pages = 1
    if discussion.paginate:
        pages = page_count(len(roots), discussion.per_page)
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
        nodes.append(Node(comment, depth, depth < max_depth and not held_here, held_here))
        child_depth = min(depth + 1, max_depth)
        stack.extend((child, child_depth) for child in reversed(children.get(comment.pk, ())))
    # What follows each comment: its replies' list, or its end and that of the lists it closes
    # (SafeString, not mark_safe: that is a lazy-aware wrapper, a cost per comment).
    opens = SafeString('<ol class="children">')
    closes = [SafeString("</li>" + "</ol></li>" * levels) for levels in range(max_depth)]
    for index, node in enumerate(nodes):
        next_depth = nodes[index + 1].depth if index + 1 < len(nodes) else 1
        node.tail = opens if next_depth > node.depth else closes[node.depth - next_depth]
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
    .comment-list, and comments.js finds a reply's comment and author from the <li>.
    Plain strings are escaped with the standard library's `html.escape` (what Django's
    `escape` calls, without its lazy-string wrapper: a thousand calls a page)."""
    says = escape(gettext("says:"))
    reply_label = escape(gettext("Reply"))
    reply_to_label = escape(pgettext("reply to a person", "to"))
    held_notice = escape(
        gettext(
            "Your comment is awaiting moderation. This is a preview; your comment will be "
            "visible after it has been approved."
        )
    )
    zone = timezone.get_current_timezone()
    faces = {}  # author name -> (escaped name, escaped initials, colour): names repeat
    days = {}  # local date -> its text (formatting a date is the slow part)
    parts = ['<ol class="comment-list">\n']
    for node in thread.nodes:
        comment = node.comment
        face = faces.get(comment.author_name)
        if face is None:
            face = faces[comment.author_name] = (
                escape(comment.display_name),
                escape(comment.initials),
                comment.avatar_colour,
            )
        name, initials, colour = face
        author = (
            f'<a href="{escape(comment.author_url)}" rel="nofollow ugc external">{name}</a>'
            if comment.author_url
            else name
        )
        created = comment.created_at
        local = created.astimezone(zone)
        day = local.date()
        day_text = days.get(day)
        if day_text is None:
            day_text = days[day] = escape(date_format(day, "j F Y"))
        # UTC, to the minute: the shortest valid datetime (the thread repeats it per comment).
        utc = created.astimezone(datetime.UTC)
        pk = comment.pk
        held = ' class="held"' if node.held else ""
        # Formatted by hand: strftime costs twice as much, per comment.
        parts.append(
            f'<li id="comment-{pk}"{held}><article><footer><i class="av a{colour}" '
            f'aria-hidden="true">{initials}</i> <b>{author}</b> {says} '
            f'<a href="#comment-{pk}"><time datetime="{utc.year:04d}-{utc.month:02d}-'
            f'{utc.day:02d}T{utc.hour:02d}:{utc.minute:02d}Z">'
            f"{day_text}, {local.hour:02d}:{local.minute:02d}</time></a></footer>"
        )
        if node.held:
            parts.append(f'<p class="held-notice" role="status">{held_notice}</p>')
        parts.append(comment.body_html)  # sanitized when stored (comments/html.py)
        if node.can_reply and not comments_closed:
            parts.append(
                f'<a rel="nofollow" class="reply" href="?replytocom={pk}#respond">'
                f'{reply_label}<span class="visually-hidden"> {reply_to_label} '
                f"{name}</span></a>"
            )
        parts.append(f"</article>{node.tail}")
    parts.append("</ol>\n")
    return mark_safe("".join(parts))
