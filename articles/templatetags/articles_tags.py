from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def posted_in(article):
    """The seed's footer line: category, tags and the permalink, each a link."""
    category = format_html(
        '<a href="{}" rel="category tag">{}</a>',
        article.category.get_absolute_url(),
        article.category.name,
    )
    permalink = format_html(
        '<a href="{}" rel="bookmark">{}</a>', article.get_absolute_url(), _("permalink")
    )
    tags = sorted(article.tags.all(), key=lambda tag: tag.name.lower())
    if not tags:
        return format_html(
            _("This entry was posted in {category}. Bookmark the {permalink}."),
            category=category,
            permalink=permalink,
        )
    tag_links = format_html_join(
        ", ",
        '<a href="{}" rel="tag">{}</a>',
        ((reverse("articles:tag", kwargs={"slug": tag.slug}), tag.name) for tag in tags),
    )
    return format_html(
        _("This entry was posted in {category} and tagged {tags}. Bookmark the {permalink}."),
        category=category,
        tags=tag_links,
        permalink=permalink,
    )
