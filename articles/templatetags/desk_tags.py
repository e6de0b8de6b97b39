"""The admin home's desk panels (see articles.dashboard)."""

from django import template

from .. import dashboard

register = template.Library()


@register.simple_tag
def desk_overview(user):
    """Counts at a glance, recently published and articles per day, for what `user` edits
    (three queries)."""
    return {
        "counts": dashboard.article_counts(user),
        "recent": dashboard.recently_published(user),
        "per_day": dashboard.articles_per_day(user),
    }


@register.inclusion_tag("admin/desk/activity_chart.html")
def activity_chart(articles_per_day, comments_per_day=None):
    """The last 30 days as an SVG bar chart, with the same numbers as a table."""
    return {"chart": dashboard.activity_chart(articles_per_day, comments_per_day)}
