"""The admin home's panels of comments: awaiting moderation, and the desk's overview."""

from django import template
from django.db.models import Count, Q

from articles.dashboard import per_day

from ..models import Comment

register = template.Library()

PANEL_SIZE = 5


@register.inclusion_tag("admin/comments/moderation_panel.html", takes_context=True)
def moderation_panel(context):
    """The pending count and the newest held comments, for editors who moderate (2 queries)."""
    user = context["request"].user
    if not user.has_perm("comments.change_comment"):
        return {"show": False}
    held = Comment.objects.in_moderation().select_related("article", "page").order_by("-created_at")
    return {
        "show": True,
        "count": held.count(),
        "latest": list(held[:PANEL_SIZE]),
    }


@register.simple_tag(takes_context=True)
def comment_desk(context):
    """Comments by status, the newest (approved or held), and comments received per WIB day
    over the chart's days, for editors who moderate (three queries); None for everyone else."""
    if not context["request"].user.has_perm("comments.change_comment"):
        return None
    counts = Comment.objects.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in Comment.Status.values}
    )
    return {
        "counts": counts,
        "recent": list(
            Comment.objects.filter(status__in=[Comment.Status.APPROVED, Comment.Status.PENDING])
            .select_related("article", "page")
            .order_by("-created_at")[:5]
        ),
        "per_day": per_day(Comment.objects.all(), "created_at"),
    }
