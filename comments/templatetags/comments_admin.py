"""The admin home's panel of comments awaiting moderation."""

from django import template

from ..models import Comment

register = template.Library()

PANEL_SIZE = 5


@register.inclusion_tag("admin/comments/moderation_panel.html", takes_context=True)
def moderation_panel(context):
    """The pending count and the newest held comments, for editors who moderate (2 queries)."""
    user = context["request"].user
    if not user.has_perm("comments.change_comment"):
        return {"show": False}
    held = Comment.objects.in_moderation().select_related("article").order_by("-created_at")
    return {
        "show": True,
        "count": held.count(),
        "latest": list(held[:PANEL_SIZE]),
    }
