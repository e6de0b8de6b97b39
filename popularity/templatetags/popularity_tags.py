from django import template

from ..ranking import most_commented, most_read

register = template.Library()


@register.inclusion_tag("popularity/blocks.html", takes_context=True)
def popular_blocks(context):
    """The home page's "Most read" and "Most commented" lists (cached; see ranking.py)."""
    return {"most_read": most_read(), "most_commented": most_commented()}
