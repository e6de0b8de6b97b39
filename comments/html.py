"""Comment text becomes safe HTML once, when the comment is saved."""

import re

import nh3
from django.utils.html import linebreaks, urlize

_LINK = re.compile(r"<a\s", re.IGNORECASE)


def render_comment_html(text):
    """Escape everything, keep paragraphs and line breaks, link URLs with rel="nofollow ugc"."""
    html = linebreaks(urlize(text or "", trim_url_limit=60, autoescape=True))
    # urlize escapes the text; nh3 is the last word on what may reach a page.
    return nh3.clean(
        html,
        tags={"p", "br", "a"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc",
    )


def count_links(html):
    """Links in rendered comment HTML: bare URLs count once urlize has made them links."""
    return len(_LINK.findall(html))
