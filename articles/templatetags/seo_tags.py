from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..metadata import json_ld

register = template.Library()


@register.simple_tag
def json_ld_script(data):
    """A <script type="application/ld+json"> element; "<", ">" and "&" are escaped in the JSON."""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(json_ld(data)))
