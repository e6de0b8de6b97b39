"""WordPress post content to the HTML the site stores.

Block-editor markup keeps its HTML and loses its `<!-- wp:... -->` comments. Classic-editor text
gets WordPress's own paragraph rules (a port of `wpautop()` from wp-includes/formatting.php):
blank lines make paragraphs, single newlines `<br>`, block-level elements are left alone.
Captions become `<figure>`/`<figcaption>`; other shortcodes need WordPress's PHP to render and
are removed, and counted so the import can report them. `articles.html.sanitize_html` (run when
the article is saved) then applies the site's one rule for stored HTML.

Every step is linear in the length of the text: nothing searches again, from each of many
starts, for an end that is not there (an unclosed shortcode, comment or <script>). A regular
expression with a lazy `.*?` up to a closing marker does exactly that, so closers are found with
`str.find` or from one list of tokens, and whitespace runs are matched from their first character.
"""

import html
import re
from collections import Counter, defaultdict

ALL_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form"
    r"|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside"
    r"|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
_BLOCK_COMMENT_START = re.compile(r"<!--\s*/?wp:")
_TAG = re.compile(r"<[^<>]*>")
_BR_PAIR = re.compile(r"<br\s*/?>\s*<br\s*/?>")
_BLOCK_OPEN = re.compile(r"(<" + ALL_BLOCKS + r"[\s/>])")
_BLOCK_CLOSE = re.compile(r"(</" + ALL_BLOCKS + r">)")
_HR = re.compile(r"(<hr\s*?/?>)")
_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n")
_H1 = re.compile(r"<(/?)h1\b", re.IGNORECASE)
_PRESERVE_OPEN = re.compile(r"<(script|style|svg|math)")
_PRE_PLACEHOLDER = re.compile(r"<pre wp-pre-tag-\d+></pre>")
_LINE_END = re.compile(r"\s+")
_BEFORE_FIGCAPTION = re.compile(r"(?<!\s)\s*(<figcaption[^<>]*>)")
_KEEP = "<WPPreserveNewline />"
_LONE_URL = re.compile(r"<(p|div)\b([^<>]*)>\s*(https?://[^\s<>\"]+)\s*</\1>")

# Core and widespread plugin shortcodes. Anything else in brackets ("[sic]", "[1]") is text.
CAPTIONS = ("caption", "wp_caption")
REMOVED_SHORTCODES = (
    "gallery", "audio", "video", "playlist", "embed", "contact-form", "contact-form-7",
    "youtube", "vimeo", "soundcloud", "googlemaps", "slideshow", "tweet", "instagram",
    "twitter", "polldaddy", "wpvideo", "archives", "sitemap", "recipe",
)  # fmt: skip
_SHORTCODE_NAMES = "|".join(re.escape(name) for name in (*CAPTIONS, *REMOVED_SHORTCODES))
# [name attrs] and [/name]: shortcodes are [name attrs]content[/name] or a self-standing
# [name attrs]; [[name]] is WordPress's escape.
_SHORTCODE_TAG = re.compile(r"\[(/?)(" + _SHORTCODE_NAMES + r")\b([^\[\]]*?)/?\]", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'(?<![\w-])([\w-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))')
_CAPTION_MEDIA = re.compile(r"^\s*((?:<a\b[^<>]*>\s*)?<img\b[^<>]*>(?:\s*</a>)?)(.*)$", re.DOTALL)


def is_block_content(text):
    return "<!-- wp:" in text


def convert(text, report=None):
    """The stored HTML for a post's content (before sanitizing); shortcodes counted in `report`."""
    text = text or ""
    blocks = is_block_content(text)
    text = remove_block_comments(text)
    text = replace_shortcodes(text, report if report is not None else Counter())
    # The page's title is its one <h1>; the body's headings start at <h2> (as the editor's do).
    text = _H1.sub(r"<\1h2", text)
    if not blocks:
        text = wpautop(text)
    # A URL alone in its paragraph is an embed in WordPress (a video, a tweet): keep it a link.
    return _LONE_URL.sub(lambda m: f'<p><a href="{m[3]}">{m[3]}</a></p>', text).strip()


def remove_block_comments(text):
    """The text without its `<!-- wp:... -->` and `<!-- /wp:... -->` comments."""
    parts, position, start = [], 0, text.find("<!--")
    while start != -1:
        opening = _BLOCK_COMMENT_START.match(text, start)
        if opening is None:
            start = text.find("<!--", start + 4)
            continue
        end = text.find("-->", opening.end())
        if end == -1:  # unclosed: neither it nor any later comment ends
            break
        parts.append(text[position:start])
        position = end + 3
        start = text.find("<!--", position)
    parts.append(text[position:])
    return "".join(parts)


def replace_shortcodes(text, report):
    """Captions as figures, other known shortcodes removed (counted in `report`).

    An opening tag pairs with the first closing tag of its name after it (not followed by "]"),
    found from the list of closing tags, so an unclosed shortcode costs one step, not a scan."""
    tags = list(_SHORTCODE_TAG.finditer(text))
    closers = defaultdict(list)  # name -> indexes in `tags` of its closing tags
    for index, tag in enumerate(tags):
        if tag[1] and not tag[3] and not text.startswith("]", tag.end()):
            closers[tag[2].lower()].append(index)
    seen = Counter()  # name -> how many of its closers lie before the current tag
    parts, position = [], 0
    for index, tag in enumerate(tags):
        if tag[1] or tag.start() < position or text[tag.start() - 1 : tag.start()] == "[":
            continue
        name, ends = tag[2].lower(), closers[tag[2].lower()]
        while seen[name] < len(ends) and ends[seen[name]] < index:
            seen[name] += 1
        if seen[name] < len(ends):
            closer = tags[ends[seen[name]]]
            inner, end = text[tag.end() : closer.start()], closer.end()
        elif not text.startswith("]", tag.end()):
            inner, end = "", tag.end()
        else:
            continue
        parts += [text[position : tag.start()], _shortcode(name, tag[3], inner, report)]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _shortcode(name, attributes, inner, report):
    if name in CAPTIONS:
        return caption(inner, _attributes(attributes))
    report[name] += 1
    if name == "embed" and inner.strip().startswith("http"):
        url = html.escape(inner.strip())
        return f'<a href="{url}">{url}</a>'
    return ""


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
    parts, position, start, comments_end = [], 0, text.find("<"), True
    while start != -1:
        end = -1
        if comments_end and text.startswith("<!--", start):
            end = text.find("-->", start + 4)
            if end == -1:  # no comment closes after here: "<!--" is just a "<"
                comments_end = False
            else:
                end += 3
        if end == -1:
            match = _TAG.match(text, start)
            if match is None:
                start = text.find("<", start + 1)
                continue
            end = match.end()
        parts += [text[position:start], text[start:end].replace(old, new)]
        position = end
        start = text.find("<", end)
    parts.append(text[position:])
    return "".join(parts)


def _preserve_newlines(text):
    """Newlines inside <script>, <style>, <svg> and <math> marked, to keep them from <br />."""
    parts, position, unclosed = [], 0, set()
    for match in _PRESERVE_OPEN.finditer(text):
        name = match[1]
        if match.start() < position or name in unclosed:
            continue
        end = text.find(f"</{name}>", match.end())
        if end == -1:
            unclosed.add(name)
            continue
        end += len(name) + 3
        parts += [text[position : match.start()], text[match.start() : end].replace("\n", _KEEP)]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _line_breaks(text):
    """WordPress's `(?<!<br />)\\s*\\n` -> "<br />\\n", one whitespace run at a time."""

    def replace(match):
        run = match[0]
        first = 1 if text.endswith("<br />", 0, match.start()) else 0
        last = run.rfind("\n")
        if last < first:
            return run
        return run[:first] + "<br />\n" + run[last + 1 :]

    return _LINE_END.sub(replace, text)


def wpautop(text, br=True):
    """WordPress's wpautop(): paragraphs and line breaks for classic-editor text."""
    if not text.strip():
        return ""
    text += "\n"
    pre_tags = {}
    if "<pre" in text:
        parts = text.split("</pre>")
        last = parts.pop()
        kept = []
        for i, part in enumerate(parts):
            start = part.find("<pre")
            if start == -1:
                kept.append(part)
                continue
            name = f"<pre wp-pre-tag-{i}></pre>"
            pre_tags[name] = part[start:] + "</pre>"
            kept += [part[:start], name]
        text = "".join([*kept, last])
    text = _BR_PAIR.sub("\n\n", text)
    text = _BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _BLOCK_CLOSE.sub(r"\1\n\n", text)
    text = _HR.sub(r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _replace_in_tags(text, "\n", " <!-- wpnl --> ")
    if "<figcaption" in text:
        text = _BEFORE_FIGCAPTION.sub(r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p for p in _PARAGRAPH_SPLIT.split(text) if p]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(r"<p>\s*(</?" + ALL_BLOCKS + r"[^<>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^<>]*)>", r"<blockquote\1><p>", text, flags=re.IGNORECASE)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(r"<p>\s*(</?" + ALL_BLOCKS + r"[^<>]*>)", r"\1", text)
    text = re.sub(r"(</?" + ALL_BLOCKS + r"[^<>]*>)\s*</p>", r"\1", text)
    if br:
        text = _preserve_newlines(text)
        text = text.replace("<br>", "<br />")
        text = _line_breaks(text)
        text = text.replace(_KEEP, "\n")
    text = re.sub(r"(</?" + ALL_BLOCKS + r"[^<>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^<>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    if pre_tags:
        text = _PRE_PLACEHOLDER.sub(lambda m: pre_tags.get(m[0], m[0]), text)
    return text.replace(" <!-- wpnl --> ", "\n").replace("<!-- wpnl -->", "\n")
