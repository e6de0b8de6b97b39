"""A WordPress post's (or page's) comments: threads, statuses and private fields, in few
statements."""

import html
import ipaddress

from django.db import connection
from django.utils import timezone

from articles.html import plain_text
from comments import counts
from comments.html import render_comment_html
from comments.models import Comment

from . import wxr
from .models import WordPressObject

Kind = WordPressObject.Kind
COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
    "post-trashed": Comment.Status.TRASH,
}


def _int(value, default=0):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def import_comments(article, rows, report, label=""):
    """The post's comments in two statements (the rows, the replies' parents), then its counts.
    `article` is what they are on: the article, or the standing page, made from the item.

    A comment whose WordPress ID another comment has (in this post or another) is skipped and
    reported; replies that loop (2 -> 3 -> 2) are cut where the loop closes, and reported.
    Returns the WordPress ID mappings to store and whether any comment was added or changed."""
    real = [row for row in rows if row.get("wp:comment_type", "") in ("", "comment")]
    if len(real) < len(rows):
        report.add("pingback/trackback", "skipped", len(rows) - len(real))
    if not real:
        return [], False
    ids = [_int(row.get("wp:comment_id")) for row in real]
    known = dict(
        WordPressObject.objects.filter(kind=Kind.COMMENT, wp_id__in=ids).values_list(
            "wp_id", "object_id"
        )
    )
    existing = Comment.objects.in_bulk(known.values()) if known else {}
    kept, parents = [], {}
    for wp_id, row in zip(ids, real, strict=True):
        comment = existing.get(known.get(wp_id))
        if wp_id in parents or (
            comment is not None and comment.target_key != (article._meta.model_name, article.pk)
        ):
            report.add("comment", "skipped")
            report.problem(f"{label}: comment {wp_id} skipped: its ID is another comment's")
            continue
        if wp_id in known and comment is None:  # deleted here since the last import
            report.add("comment", "skipped")
            continue
        kept.append((wp_id, row, comment))
        parents[wp_id] = _int(row.get("wp:comment_parent"))
    for cycle in break_cycles(parents):
        if len(cycle) > 1:
            numbers = ", ".join(str(wp_id) for wp_id in sorted(cycle))
            report.problem(
                f"{label}: comments {numbers} reply to each other in a cycle;"
                f" comment {cycle[0]} is now top-level"
            )
    new, changed, placed = [], [], []
    for wp_id, row, comment in kept:
        fields = comment_fields(article, row, report, f"{label}: comment {wp_id}")
        if comment is None:
            comment = Comment(**fields)
            new.append((wp_id, comment))
        elif any(getattr(comment, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(comment, key, value)
            changed.append(comment)
            report.add("comment", "updated")
        else:
            report.add("comment", "unchanged")
        placed.append((comment, parents[wp_id]))
    Comment.objects.bulk_create([comment for _wp_id, comment in new])
    report.add("comment", "imported", len(new))
    made = {**{wp_id: c.pk for wp_id, _row, c in kept if c}, **{k: c.pk for k, c in new}}
    replies = []
    for comment, parent in placed:
        parent_id = made.get(parent) if parent != 0 else None
        if comment.parent_id != parent_id:
            comment.parent_id = parent_id
            replies.append(comment)
    if changed:
        Comment.objects.bulk_update(changed, [*comment_fields(article, real[0])])
    if replies:
        # One prepared statement for the replies' parents: bulk_update's CASE expressions
        # cost more to build than the whole insert.
        table, quote = Comment._meta.db_table, connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {quote(table)} SET {quote('parent_id')} = %s WHERE {quote('id')} = %s",
                [(comment.parent_id, comment.pk) for comment in replies],
            )
    # Bulk writes send no signals: the article's comment counts are set once, here.
    on_page = article._meta.model_name == "page"
    counts.recount(set() if on_page else {article.pk}, {article.pk} if on_page else set())
    mappings = [
        WordPressObject(kind=Kind.COMMENT, wp_id=wp_id, object_id=comment.pk)
        for wp_id, comment in new
    ]
    return mappings, bool(new or changed or replies)


def break_cycles(parents):
    """Cut every loop in {comment: the comment it replies to, or 0 (none)}, in place, where the walk
    that found it came back: that comment becomes top-level. Linear: each comment is walked
    once. Returns each loop's comments, the one cut first."""
    done, cycles = set(), []
    for start in parents:
        path, on_path, node = [], set(), start
        while node and node in parents and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parents[node]
        if node in on_path:
            loop = path[path.index(node) :]
            parents[node] = 0
            cycles.append(loop)
        done.update(path)
    return cycles


def comment_fields(article, row, report=None, label=""):
    body = plain_text_keeping_lines(row.get("wp:comment_content", ""))[:65525]
    email = row.get("wp:comment_author_email", "").strip()
    url = row.get("wp:comment_author_url", "").strip()
    try:
        ip = str(ipaddress.ip_address(row.get("wp:comment_author_IP", "").strip()))
    except ValueError:
        ip = None
    dates = (row.get("wp:comment_date_gmt"), row.get("wp:comment_date"))
    created = wxr.parse_date(*dates)
    invalid = wxr.invalid_dates(*dates)
    if invalid and report is not None:
        report.problem(f"{label}: invalid date {', '.join(map(repr, invalid))}")
    on_page = article._meta.model_name == "page"
    return {
        "article_id": None if on_page else article.pk,
        "page_id": article.pk if on_page else None,
        "author_name": html.unescape(row.get("wp:comment_author", "")).strip()[:245],
        "author_email": email if len(email) <= 100 and "@" in email else "",
        "author_url": url if len(url) <= 200 and url.startswith(("http://", "https://")) else "",
        "body": body,
        "body_html": render_comment_html(body),
        "status": COMMENT_STATUSES.get(row.get("wp:comment_approved", ""), "pending"),
        "created_at": created or getattr(article, "published_at", None) or timezone.now(),
        "ip_address": ip,
    }


def plain_text_keeping_lines(value):
    """A WordPress comment's HTML as the plain text our comments store (lines kept)."""
    lines = [plain_text(line) for line in (value or "").replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()
