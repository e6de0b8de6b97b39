"""WordPress post content to the HTML the site stores.

Block-editor markup keeps its HTML and loses its `<!-- wp:... -->` comments. Classic-editor text
gets WordPress's own paragraph rules (a port of `wpautop()` from wp-includes/formatting.php):
blank lines make paragraphs, single newlines `<br>`, block-level elements are left alone.
Captions become `<figure>`/`<figcaption>`; other shortcodes need WordPress's PHP to render and
are removed, and counted so the import can report them. `articles.html.sanitize_html` (run when
the article is saved) then applies the site's one rule for stored HTML.
"""

import html
import re
from collections import Counter

ALL_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form"
    r"|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside"
    r"|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
_TAG_OR_COMMENT = re.compile(r"<!--.*?-->|<[^<>]*>", re.DOTALL)
_BR_PAIR = re.compile(r"<br\s*/?>\s*<br\s*/?>")
_BLOCK_OPEN = re.compile(r"(<" + ALL_BLOCKS + r"[\s/>])")
_BLOCK_CLOSE = re.compile(r"(</" + ALL_BLOCKS + r">)")
_HR = re.compile(r"(<hr\s*?/?>)")
_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n")
_H1 = re.compile(r"<(/?)h1\b", re.IGNORECASE)
_PRESERVE = re.compile(r"<(script|style|svg|math).*?</\1>", re.DOTALL)
_LONE_URL = re.compile(r"<(p|div)\b([^>]*)>\s*(https?://[^\s<>\"]+)\s*</\1>")

# Core and widespread plugin shortcodes. Anything else in brackets ("[sic]", "[1]") is text.
CAPTIONS = ("caption", "wp_caption")
REMOVED_SHORTCODES = (
    "gallery", "audio", "video", "playlist", "embed", "contact-form", "contact-form-7",
    "youtube", "vimeo", "soundcloud", "googlemaps", "slideshow", "tweet", "instagram",
    "twitter", "polldaddy", "wpvideo", "archives", "sitemap", "recipe",
)  # fmt: skip
_SHORTCODE_NAMES = "|".join(re.escape(name) for name in (*CAPTIONS, *REMOVED_SHORTCODES))
# [name attrs]content[/name] or a self-standing [name attrs]; [[name]] is WordPress's escape.
_SHORTCODE = re.compile(
    r"(?<!\[)\[(" + _SHORTCODE_NAMES + r")\b([^\]]*?)/?\](?:(.*?)\[/\1\])?(?!\])",
    re.DOTALL | re.IGNORECASE,
)
_ATTRIBUTE = re.compile(r'([\w-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))')
_CAPTION_MEDIA = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.DOTALL)


def is_block_content(text):
    return "<!-- wp:" in text


def convert(text, report=None):
    """The stored HTML for a post's content (before sanitizing); shortcodes counted in `report`."""
    text = text or ""
    blocks = is_block_content(text)
    text = _BLOCK_COMMENT.sub("", text)
    text = replace_shortcodes(text, report if report is not None else Counter())
    # The page's title is its one <h1>; the body's headings start at <h2> (as the editor's do).
    text = _H1.sub(r"<\1h2", text)
    if not blocks:
        text = wpautop(text)
    # A URL alone in its paragraph is an embed in WordPress (a video, a tweet): keep it a link.
    return _LONE_URL.sub(lambda m: f'<p><a href="{m[3]}">{m[3]}</a></p>', text).strip()


def replace_shortcodes(text, report):
    def replace(match):
        name, attributes, inner = match[1].lower(), match[2], match[3] or ""
        if name in CAPTIONS:
            return caption(inner, _attributes(attributes))
        report[name] += 1
        if name == "embed" and inner.strip().startswith("http"):
            url = html.escape(inner.strip())
            return f'<a href="{url}">{url}</a>'
        return ""

    return _SHORTCODE.sub(replace, text)


def _attributes(text):
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTRIBUTE.finditer(text)}


def caption(inner, attributes):
    """[caption]<img> Text[/caption] (or caption="Text") as a figure with its figcaption."""
    match = _CAPTION_MEDIA.match(inner)
    if not match:
        return inner
    media, text = match[1], match[2].strip() or attributes.get("caption", "")
    figcaption = f"<figcaption>{text}</figcaption>" if text else ""
    return f"<figure>{media}{figcaption}</figure>"


def _replace_in_tags(text, old, new):
    """WordPress's wp_replace_in_html_tags: `old` becomes `new` inside tags and comments only."""
    return _TAG_OR_COMMENT.sub(lambda m: m[0].replace(old, new), text)


def wpautop(text, br=True):
    """WordPress's wpautop(): paragraphs and line breaks for classic-editor text."""
    if not text.strip():
        return ""
    text += "\n"
    pre_tags = {}
    if "<pre" in text:
        parts = text.split("</pre>")
        last = parts.pop()
        text = ""
        for i, part in enumerate(parts):
            start = part.find("<pre")
            if start == -1:
                text += part
                continue
            name = f"<pre wp-pre-tag-{i}></pre>"
            pre_tags[name] = part[start:] + "</pre>"
            text += part[:start] + name
        text += last
    text = _BR_PAIR.sub("\n\n", text)
    text = _BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _BLOCK_CLOSE.sub(r"\1\n\n", text)
    text = _HR.sub(r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _replace_in_tags(text, "\n", " <!-- wpnl --> ")
    if "<figcaption" in text:
        text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p for p in _PARAGRAPH_SPLIT.split(text) if p]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(r"<p>\s*(</?" + ALL_BLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.IGNORECASE)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(r"<p>\s*(</?" + ALL_BLOCKS + r"[^>]*>)", r"\1", text)
    text = re.sub(r"(</?" + ALL_BLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    if br:
        text = _PRESERVE.sub(lambda m: m[0].replace("\n", "<WPPreserveNewline />"), text)
        text = text.replace("<br>", "<br />")
        text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
        text = text.replace("<WPPreserveNewline />", "\n")
    text = re.sub(r"(</?" + ALL_BLOCKS + r"[^>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for name, original in pre_tags.items():
        text = text.replace(name, original)
    return text.replace(" <!-- wpnl --> ", "\n").replace("<!-- wpnl -->", "\n")
