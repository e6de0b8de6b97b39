"""The admin home's panels: what waits for review, what goes out next, the writer's drafts."""

from django import template

from ..models import Article

register = template.Library()

PANEL_SIZE = 10


@register.simple_tag
def editorial_dashboard(user):
    """Three short lists for the admin home, one query each, limited to what `user` may edit."""
    mine = Article.objects.editable_by(user).select_related("author__author_profile", "category")
    return {
        "pending": list(
            mine.filter(status=Article.Status.PENDING).order_by("-updated_at")[:PANEL_SIZE]
        ),
        "scheduled": list(mine.scheduled().order_by("published_at")[:PANEL_SIZE]),
        "drafts": list(
            mine.filter(author=user, status=Article.Status.DRAFT).order_by("-updated_at")[
                :PANEL_SIZE
            ]
        ),
    }
