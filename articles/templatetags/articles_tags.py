from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..media_library import with_srcset

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


@register.inclusion_tag("includes/responsive_image.html")
def responsive_image(article, sizes="100vw", loading="lazy", alt=None):
    """The featured image's renditions as <picture> with srcset, sizes, width and height.

    `loading="eager"` for an image above the fold; `alt=""` where the image is decorative.
    Nothing is rendered when the article has no renditions: never the original upload.
    """
    renditions = article.featured_image_renditions or {}
    sources = renditions.get("sources") or []
    if not sources:
        return {"image": None}
    url = article.featured_image.storage.url
    largest = sources[-1]
    default = next((s for s in sources if s["width"] >= 960), largest)
    return {
        "image": {
            "src": url(default["src"]),
            "srcset": ", ".join(f"{url(s['src'])} {s['width']}w" for s in sources),
            "webp_srcset": ", ".join(f"{url(s['webp'])} {s['width']}w" for s in sources),
            "width": largest["width"],
            "height": largest["height"],
            "alt": article.featured_image_alt if alt is None else alt,
        },
        "sizes": sizes,
        "loading": loading,
    }


@register.filter
def body_images(html):
    """An article body (sanitized on save) with its library images given srcset and sizes."""
    return mark_safe(with_srcset(html))  # the body was sanitized when it was saved
