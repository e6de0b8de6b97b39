"""Writes with side effects: a new comment, and editors changing a comment's status."""

import functools
import hashlib
import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

import pagecache
from articles import authors

from . import cachekeys, counts, moderation
from .models import Comment, DiscussionSettings, target_fields
from .notifications import notify_editors
from .tokens import read_form_token

STATUS_FOR = {
    moderation.APPROVE: Comment.Status.APPROVED,
    moderation.HOLD: Comment.Status.PENDING,
    moderation.SPAM: Comment.Status.SPAM,
}


@dataclass(frozen=True)
class Outcome:
    verdict: moderation.Verdict
    comment: Comment | None = None


def client_ip(request):
    """The visitor's address; behind a proxy, from the header the proxy sets (configured).

    The last address in X-Forwarded-For is the one our proxy saw; earlier ones are whatever
    the client claimed.
    """
    candidates = []
    header = settings.NEWSROOM_CLIENT_IP_HEADER
    if header and request.META.get(header):
        candidates.append(request.META[header].split(",")[-1].strip())
    candidates.append(request.META.get("REMOTE_ADDR", ""))
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def comment_create(*, article, data, request):
    """Run the rules over a valid form's data; store the comment unless a rule refuses it.

    `article` is what the comment is on: an article or a standing page."""
    discussion = DiscussionSettings.load()
    user = request.user if pagecache.signed_in(request) else None
    if user is not None:
        name = authors.display_name(user)  # the public name, never the login
        email, url = user.email, ""
    else:
        name, email, url = data.get("name", ""), data.get("email", ""), data.get("url", "")
    parent_id = data.get("parent")
    parent = Comment.objects.filter(pk=parent_id).first() if parent_id else None
    submission = moderation.Submission(
        article=article,
        name=name,
        email=email,
        url=url,
        body=data["comment"],
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:255],
        token=read_form_token(data.get("token")),
        discussion=discussion,
        user=user,
        parent=parent,
        parent_id=parent_id,
        honeypot=data.get("contact_phone", ""),
    )
    with transaction.atomic():
        # The flood and duplicate rules read, then this inserts: one submission at a time per
        # visitor and per text, or two simultaneous posts would both pass (docs/design.md).
        serialize(submission)
        verdict = moderation.evaluate(submission)
        if verdict.refused:
            return Outcome(verdict)
        comment = Comment.objects.create(
            **target_fields(article),
            parent=parent,
            author_name=name,
            author_email=email,
            author_url=url,
            body=submission.body,
            status=STATUS_FOR[verdict.action],
            created_at=submission.now,
            ip_address=submission.ip_address,
            user_agent=submission.user_agent,
            user=user,
        )
        if wants_notification(comment, discussion):
            base_url = f"{request.scheme}://{request.get_host()}"
            # Queued once committed (a worker never sees a comment that is not there yet);
            # robust: a queue that cannot take it is logged, the visitor still gets the comment.
            enqueue = functools.partial(
                notify_editors.enqueue, comment.pk, base_url, translation.get_language()
            )
            transaction.on_commit(enqueue, robust=True)
    return Outcome(verdict, comment)


def serialize(submission):
    """Wait for any other submission from this address or email, or with this text here.

    PostgreSQL: transaction-scoped advisory locks, one per key, taken in a fixed order (no
    deadlock) and released at commit or rollback; under READ COMMITTED the rules' queries that
    follow see the other transaction's comment once it has committed. SQLite: the connection
    starts every transaction with BEGIN IMMEDIATE (settings), which already holds the database's
    single write lock, so submissions are serialized there without more.
    """
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        return
    keys = {
        f"ip:{submission.ip_address or ''}",
        f"email:{submission.email.strip().lower()}",
        f"text:{submission.article._meta.model_name}:{submission.article.pk}:{submission.body}",
    }
    locks = sorted(lock_id(key) for key in keys)  # unnest keeps this order: no deadlock
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(k) FROM unnest(%s::bigint[]) AS k", [locks])


def lock_id(key):
    """A signed 64-bit number for an advisory lock, stable across processes and servers."""
    digest = hashlib.blake2b(f"newsroom.comment:{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def wants_notification(comment, discussion):
    if comment.status == Comment.Status.PENDING:
        return discussion.notify_on_hold
    if comment.status == Comment.Status.APPROVED:
        # Editors do not need mail about their own comments.
        return discussion.notify_on_publish and comment.user_id is None
    return False


def comment_set_status(*, comments, status):
    """Move comments to a status (the admin's bulk actions). Returns how many changed."""
    changing = comments.exclude(status=status)
    # An update sends no signals: purge the pages of articles whose visible comments change,
    # and recount the comments of every article concerned.
    rows = set(changing.values_list("article_id", "page_id", "status"))
    visible = [(a, p) for a, p, old in rows if Comment.Status.APPROVED in (old, status)]
    cachekeys.purge_articles({a for a, _p in visible}, {p for _a, p in visible})
    with transaction.atomic():
        changed = changing.update(status=status)
        counts.recount({a for a, _p, _old in rows}, {p for _a, p, _old in rows})
    return changed


def comment_reply(*, parent, user, body):
    """An editor's reply from the admin: approved, threaded under `parent`, signed as the user.

    Replying to a held comment approves it too (as WordPress's "Approve and Reply" does): a
    published answer to a comment nobody can see would make no sense on the page.
    Raises ValidationError when the body is empty or too long.
    """
    if not body.strip():
        raise ValidationError({"body": _("Write your reply first.")})
    reply = Comment(
        article_id=parent.article_id,
        page_id=parent.page_id,
        parent=parent,
        author_name=authors.display_name(user),
        author_email=user.email,
        body=body.strip(),
        status=Comment.Status.APPROVED,
        user=user,
    )
    reply.full_clean(exclude=["article", "page", "parent", "user"])
    with transaction.atomic():
        if parent.status == Comment.Status.PENDING:
            comment_set_status(comments=Comment.objects.filter(pk=parent.pk), status=reply.status)
            parent.status = reply.status
        reply.save()
    return reply
