"""Article HTML: sanitized on the way in with nh3, summarized for listings."""

import html
import re

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    # srcset/sizes: imported WordPress images point at their renditions (wordpress/media.py).
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "title", "loading"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# What the admin's rich-text editor (django-prose-editor) offers. Everything it can produce is in
# ALLOWED_TAGS, so an article edited in the admin keeps its markup; sanitize_html stays the one
# rule for what is stored, whatever sent it.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": sorted(URL_SCHEMES)},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "Figure": True,
    "Caption": True,
    "Image": True,
    "History": True,
    "HTML": True,
}

_WHITESPACE = re.compile(r"\s+")
# Where one block of text ends and the next begins: a space keeps "...2027.</p><p>Warga" two words.
_BLOCK_BOUNDARY = re.compile(
    r"(?=<(?:/?(?:p|div|h[1-6]|li|dt|dd|blockquote|pre|figcaption|caption|td|th|tr)|br|hr)\b)",
    re.IGNORECASE,
)


def sanitize_html(value):
    """Keep the article markup an editor may use; drop scripts, styles, handlers, bad URLs."""
    cleaned = nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        # Images in the text sit below the title and lead: load them as the reader scrolls.
        set_tag_attribute_values={"img": {"loading": "lazy", "decoding": "async"}},
        strip_comments=True,
    )
    # The editor always keeps one paragraph; an empty one means an empty body.
    return "" if is_empty(cleaned) else cleaned


def is_empty(cleaned):
    """Nothing, or one empty paragraph (<p></p>, <p><br></p>), spaces aside.

    Not a regex: "\\s*(?:<p>...</p>)?\\s*" tried every split of a run of spaces between its two
    "\\s*" (16,000 spaces took 3.4 s; a Contributor's autosave of 100,000 froze a worker).
    """
    text = cleaned.strip()
    if text.startswith("<p>") and text.endswith("</p>"):
        text = text[3:-4].strip()
        return text in ("", "<br>")
    return not text


def plain_text(value):
    """The text of an HTML fragment, whitespace folded, entities decoded."""
    text = nh3.clean(_BLOCK_BOUNDARY.sub(" ", value or ""), tags=set())
    return _WHITESPACE.sub(" ", html.unescape(text)).strip()


def summarize(value, words=55):
    """The first `words` words of an HTML fragment, with an ellipsis when cut."""
    parts = plain_text(value).split(" ")
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]) + "\u2026"
