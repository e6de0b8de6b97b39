"""What counts as executable markup in a response, judged the way a browser would parse it."""

import json
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

# Elements that run code or load a document in the page, whatever their attributes.
FORBIDDEN_TAGS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "xss",
    "isindex", "bgsound", "math", "template", "xmp", "plaintext", "listing", "marquee",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "background", "dynsrc", "lowsrc", "poster",
    "xlink:href", "srcdoc", "values", "to", "from", "srcset",
}  # fmt: skip
# Inert <template> elements the site itself writes (the admin queue's reply form), by id.
SITE_TEMPLATES = {"moderation-reply-form"}
# Script elements the site itself writes: files from /static/ and data blocks.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json", "importmap"}
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data:text/html|data:image/svg)", re.I)


def _url_is_bad(value):
    # Browsers drop whitespace and control characters from URLs before reading the scheme.
    squashed = re.sub(r"[\x00-\x20]", "", value)
    return bool(BAD_SCHEME.match(squashed)) or "url=javascript" in squashed.lower()


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.script_type = None
        self.script_text = []

    def handle_starttag(self, tag, attrs):
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attrs)}>"[:200]
        if tag in FORBIDDEN_TAGS and not (
            tag == "template" and dict(attrs).get("id") in SITE_TEMPLATES
        ):
            self.problems.append(f"forbidden element {where}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"event handler {where}")
            if name in URL_ATTRIBUTES and _url_is_bad(value):
                self.problems.append(f"script URL {where}")
            if name == "style" and re.search(r"expression|javascript|url\(", value, re.I):
                self.problems.append(f"style with code {where}")
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            self.problems.append(f"meta refresh {where}")
        if tag == "script":
            attributes = dict(attrs)
            kind = (attributes.get("type") or "").lower()
            src = attributes.get("src") or ""
            if kind in DATA_SCRIPT_TYPES:
                self.script_type = kind
            elif src.startswith(("/static/", "/admin/jsi18n/")):
                self.script_type = "file"
            else:
                self.problems.append(f"script {where}")
                self.script_type = "bad"
            self.script_text = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self.script_type is not None:
            self.script_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.script_type is not None:
            text = "".join(self.script_text)
            if self.script_type == "file" and text.strip():
                self.problems.append(f"script file with inline code: {text[:100]!r}")
            if self.script_type in ("application/ld+json", "application/json", "importmap"):
                try:
                    json.loads(text)
                except ValueError:
                    self.problems.append(f"data block is not JSON (broken out?): {text[:100]!r}")
            self.script_type = None


def executable_markup(html):
    """The problems found in an HTML document (empty when nothing in it could run)."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.problems


ATOM = "{http://www.w3.org/2005/Atom}"
# The feed fields that readers render as HTML: an RSS item's description and content:encoded,
# an Atom entry's summary and content of type html. Titles and names are text (XML-escaped).
ITEM_HTML_FIELDS = {
    "item": ["description", "{http://purl.org/rss/1.0/modules/content/}encoded"],
    f"{ATOM}entry": [f"{ATOM}summary", f"{ATOM}content"],
}


def feed_problems(xml):
    """A feed must parse as XML (nothing broke out of its text), and its HTML fields are safe."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        return [f"feed is not well-formed XML: {error}"]
    problems = []
    for item_tag, fields in ITEM_HTML_FIELDS.items():
        for item in root.iter(item_tag):
            for field in fields:
                for element in item.findall(field):
                    if element.text and element.get("type", "html") == "html":
                        problems += [f"{field}: {p}" for p in executable_markup(element.text)]
    return problems
