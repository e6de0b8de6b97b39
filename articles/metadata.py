"""What search engines, link previews and feed readers read about a page.

Canonical URL, Open Graph and Twitter card values (`PageMeta`), schema.org JSON-LD for articles,
and the one function that picks an article's representative image (`social_image`).
"""

import dataclasses
import json
import mimetypes

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _

from . import images
from .authors import author_url, display_name

DESCRIPTION_CHARS = 200
SOCIAL_IMAGE_WIDTH = 1200  # what Facebook and X recommend for large link previews
HEADLINE_CHARS = 110  # Google's limit for a NewsArticle headline
# Characters that could end a <script> element or start markup, escaped inside JSON-LD.
OG_LOCALES = {"id": "id_ID", "en": "en_US"}
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class SocialImage:
    """An article's image as link previews, feeds and structured data show it."""

    def __init__(self, storage, name, alt=""):
        self.storage = storage
        self.name = name
        self.alt = alt

    @property
    def url(self):
        return self.storage.url(self.name)

    @property
    def mime_type(self):
        return mimetypes.guess_type(self.name)[0] or "application/octet-stream"

    @cached_property
    def length(self):
        """The size in bytes, or None when the file cannot be read (a missing upload)."""
        try:
            return self.storage.size(self.name)
        except OSError:
            return None


def social_image(article):
    """The image that stands for `article` outside the page, or None.

    The single place to switch to a sized rendition: og:image, twitter:image, the feeds'
    enclosures and the JSON-LD image all come from here.
    """
    if not article.featured_image:
        return None
    # The rendition made for large link previews; the upload itself only when it has none yet
    # (an import before `manage.py make_renditions`).
    rendition = images.best_rendition(article.featured_image_renditions, SOCIAL_IMAGE_WIDTH)
    name = rendition["src"] if rendition else article.featured_image.name
    return SocialImage(article.featured_image.storage, name, article.featured_image_alt)


def og_locale(language):
    """Open Graph wants language_TERRITORY: id_ID, en_US."""
    return OG_LOCALES.get(language) or to_locale(language)


def absolute(request, url):
    return request.build_absolute_uri(url)


@dataclasses.dataclass
class PageMeta:
    """The head metadata of one page: title, description, canonical URL, social cards."""

    title: str
    description: str
    url: str | None = None  # the canonical URL; None for pages that must not be indexed
    type: str = "website"
    image: str | None = None
    image_alt: str = ""
    page: int = 1
    extra: list = dataclasses.field(default_factory=list)  # (property, content) pairs: article:*

    def __post_init__(self):
        self.description = Truncator(" ".join(self.description.split())).chars(DESCRIPTION_CHARS)

    @property
    def site_name(self):
        return settings.NEWSROOM_SITE_NAME

    @property
    def document_title(self):
        """The <title>: page title, page number, site name."""
        parts = [self.title] if self.title and self.title != self.site_name else []
        if self.page > 1:
            parts.append(_("Page %(number)s") % {"number": self.page})
        parts.append(self.site_name)
        return " \u2013 ".join(parts)

    @property
    def locale(self):
        return og_locale(get_language() or settings.LANGUAGE_CODE)

    @property
    def alternate_locales(self):
        current = get_language()
        return [og_locale(code) for code, _name in settings.LANGUAGES if code != current]

    @property
    def twitter_card(self):
        """A large picture for an article with its own image; the small card otherwise."""
        return "summary_large_image" if self.type == "article" and self.image else "summary"


def article_meta(request, article):
    url = absolute(request, article.get_absolute_url())
    image = social_image(article)
    extra = [
        ("article:published_time", timezone.localtime(article.published_at).isoformat()),
        ("article:modified_time", timezone.localtime(modified_time(article)).isoformat()),
        ("article:section", article.category.name),
        ("article:author", absolute(request, author_url(article.author))),
    ]
    extra += [("article:tag", tag.name) for tag in article.tags.all()]
    return PageMeta(
        title=article.title,
        description=article.summary,
        url=url,
        type="article",
        image=absolute(request, image.url) if image else None,
        image_alt=image.alt if image else "",
        extra=extra,
    )


def modified_time(article):
    """When the article last changed; never before its publication (scheduled edits)."""
    return max(article.updated_at, article.published_at)


def news_article_data(request, article):
    """schema.org NewsArticle for `article`, as a dict ready for JSON."""
    url = absolute(request, article.get_absolute_url())
    image = social_image(article)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": Truncator(article.title).chars(HEADLINE_CHARS),
        "description": article.summary,
        "datePublished": timezone.localtime(article.published_at).isoformat(),
        "dateModified": timezone.localtime(modified_time(article)).isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": display_name(article.author),
                "url": absolute(request, author_url(article.author)),
            }
        ],
        "articleSection": article.category.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "inLanguage": settings.LANGUAGE_CODE,
        "isAccessibleForFree": True,
        "publisher": publisher_data(request),
    }
    if image:
        data["image"] = [absolute(request, image.url)]
    return data


def site_image_url(request):
    """The site's own image (the publisher logo), for link previews of list pages."""
    return absolute(request, static(settings.NEWSROOM_PUBLISHER_LOGO))


def publisher_data(request):
    return {
        "@type": "Organization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": absolute(request, reverse("articles:home")),
        "logo": {
            "@type": "ImageObject",
            "url": site_image_url(request),
        },
    }


def website_data(request):
    """schema.org WebSite with its search, for the home page."""
    home = absolute(request, reverse("articles:home"))
    search = absolute(request, reverse("articles:search"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": home,
        "inLanguage": get_language() or settings.LANGUAGE_CODE,
        "publisher": publisher_data(request),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_terms}}"},
            "query-input": "required name=search_terms",
        },
    }


def breadcrumb_data(request, crumbs):
    """schema.org BreadcrumbList from (name, url) pairs, the home page first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute(request, url)}
            for n, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def article_crumbs(article, ancestors):
    return [
        (_("Home"), reverse("articles:home")),
        *((category.name, category.get_absolute_url()) for category in ancestors),
        (article.category.name, article.category.get_absolute_url()),
        (article.title, article.get_absolute_url()),
    ]


def json_ld(data):
    """JSON for a <script type="application/ld+json"> element: nothing in it can close the tag."""
    return json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
