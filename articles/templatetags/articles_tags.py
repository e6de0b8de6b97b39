from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import authors
from ..media_library import with_srcset

register = template.Library()


@register.simple_tag
def text_lang():
    """` lang="id"` inside an element holding an article's own text (title, excerpt, body) on a
    page in another language: articles are written in Indonesian and none has an English
    version, so screen readers and search engines read it as Indonesian on /en/ too."""
    if (get_language() or settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)


@register.simple_tag
def page_lang():
    """` lang="en"` on the page's own words inside an element marked with text_lang."""
    current = get_language() or settings.LANGUAGE_CODE
    return "" if current == settings.LANGUAGE_CODE else format_html(' lang="{}"', current)


@register.filter
def author_name(user):
    """The author's public name: articles.authors.display_name, never the login."""
    return authors.display_name(user)


@register.filter
def author_url(user):
    """The author page's address: articles.authors.author_url."""
    return authors.author_url(user)


@register.simple_tag
def posted_in(article):
    """The seed's footer line: categories (the primary first), tags and the permalink, each a
    link. The other categories are the view's `article.other_categories` (none elsewhere)."""
    category = format_html_join(
        ", ",
        '<a href="{}" rel="category tag">{}</a>',
        (
            (c.get_absolute_url(), c.name)
            for c in [article.category, *getattr(article, "other_categories", ())]
        ),
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


def upload_image(article, renditions, sizes, loading, alt):
    """The stored upload as a plain <img>, while its renditions are queued."""
    pending = article.featured_image and renditions.get("name") == article.featured_image.name
    if not pending or not renditions.get("width"):
        return {"image": None}
    return {
        "image": {
            "src": article.featured_image.storage.url(renditions["name"]),
            "width": renditions["width"],
            "height": renditions["height"],
            "alt": article.featured_image_alt if alt is None else alt,
        },
        "sizes": sizes,
        "loading": loading,
    }


@register.inclusion_tag("includes/responsive_image.html")
def responsive_image(article, sizes="100vw", loading="lazy", alt=None):
    """The featured image's renditions as <picture> with srcset, sizes, width and height.

    `loading="eager"` for an image above the fold; `alt=""` where the image is decorative.
    While the renditions are still being made (a task), the upload itself is shown, at the
    size noted when it was stored; without that note (an import), nothing is rendered.
    """
    renditions = article.featured_image_renditions or {}
    sources = renditions.get("sources") or []
    if not sources:
        return upload_image(article, renditions, sizes, loading, alt)
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


# Where "Share" sends a reader: plain links (no third-party script, nothing loaded until
# clicked), WhatsApp first as most Indonesian readers share there.
SHARE_TARGETS = [
    ("whatsapp", "WhatsApp", "https://wa.me/?{}", lambda url, title: {"text": f"{title} {url}"}),
    (
        "telegram",
        "Telegram",
        "https://t.me/share/url?{}",
        lambda url, title: {"url": url, "text": title},
    ),
    (
        "facebook",
        "Facebook",
        "https://www.facebook.com/sharer/sharer.php?{}",
        lambda u, t: {"u": u},
    ),
    ("x", "X", "https://x.com/intent/post?{}", lambda url, title: {"url": url, "text": title}),
]


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, article):
    """Share links for the article's public address, and the copy/Web Share buttons."""
    url = context["request"].build_absolute_uri(article.get_absolute_url())
    links = [
        (key, name, template.format(urlencode(params(url, article.title))))
        for key, name, template, params in SHARE_TARGETS
    ]
    return {"links": links, "url": url, "title": article.title}


@register.filter
def body_images(html):
    """An article body (sanitized on save) with its library images given srcset and sizes."""
    return mark_safe(with_srcset(html))  # the body was sanitized when it was saved
