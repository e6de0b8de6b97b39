"""Reading a WordPress eXtended RSS (WXR) file one element at a time.

lxml's iterparse with entity expansion, DTD loading and network access off (no billion
laughs, no external entities), and huge_tree off (libxml2's limits on depth and text size
stay). Each top-level element is turned into a plain dict and cleared, with its processed
siblings, so memory stays flat however large the export.

A file that is not well-formed because a CDATA section holds an unescaped "]]>" (old
WordPress versions wrote them) is read again through `repaired()`, the way WordPress's
importer reads it with its fallback (regex) parser: a field's CDATA runs from the
`<![CDATA[` after its opening tag to the `]]>` before its closing tag.
"""

import datetime
import functools
import re

from django.utils import timezone
from lxml import etree

NAMESPACE_PREFIXES = (
    ("wordpress.org/export/", "wp"),
    ("purl.org/rss/1.0/modules/content", "content"),
    ("purl.org/dc/elements", "dc"),
    ("wellformedweb.org/CommentAPI", "wfw"),
)
TOP_LEVEL = {"wp:author", "wp:category", "wp:tag", "wp:term", "item"}
VERSION = "wp:wxr_version"
_VERSION_NUMBER = re.compile(r"\d+\.\d+")


class NotWXR(ValueError):
    """The file has no WXR version number: WordPress's importer refuses it, and so do we."""

    def __init__(self):
        super().__init__(
            "This does not appear to be a WXR file, missing/invalid WXR version number"
        )


def is_version(text):
    """WordPress's test for <wp:wxr_version>: a number like 1.2."""
    return bool(_VERSION_NUMBER.search(text or ""))


@functools.lru_cache(maxsize=512)
def local_name(tag):
    """ "wp:post_id" for "{https://wordpress.org/export/1.2/}post_id" (any WXR version)."""
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    if not tag.startswith("{"):
        return tag
    uri, name = tag[1:].split("}", 1)
    if "wordpress.org/export/" in uri and uri.rstrip("/").endswith("excerpt"):
        return f"excerpt:{name}"
    for marker, prefix in NAMESPACE_PREFIXES:
        if marker in uri:
            return f"{prefix}:{name}"
    return name


def _text(element):
    return (element.text or "").strip() if element is not None else ""


def _value(element):
    """An element's text, with an entity reference the parser left unexpanded kept as written
    ("&eacute;": the HTML-entity decoding downstream reads it) and the text after it kept."""
    if not len(element):
        return element.text or ""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child, etree._Entity):
            parts.append(child.text)
        parts.append(child.tail or "")
    return "".join(parts)


def _children(element):
    """{local name: text} of an element's simple children (the last one wins)."""
    return {local_name(child.tag): _value(child) for child in element}


def parse_item(element):
    """An <item> as a dict: its fields, terms, post meta and comments."""
    item = {"terms": [], "meta": {}, "comments": []}
    for child in element:
        name = local_name(child.tag)
        if name == "category":
            item["terms"].append(
                (child.get("domain", ""), child.get("nicename", ""), _value(child).strip())
            )
        elif name == "wp:postmeta":
            fields = _children(child)
            item["meta"].setdefault(fields.get("wp:meta_key", ""), []).append(
                fields.get("wp:meta_value", "")
            )
        elif name == "wp:comment":
            comment = {}
            for part in child:
                part_name = local_name(part.tag)
                if part_name != "wp:commentmeta":
                    comment[part_name] = _value(part)
            item["comments"].append(comment)
        elif name:
            item[name] = _value(child)
    return item


_CDATA_FIELD = re.compile(rb"<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?><!\[CDATA\[")
_CDATA_BOUNDARY = b"]]><![CDATA["
_CDATA_END = b"]]>"
_CDATA_ESCAPED_END = b"]]]]><![CDATA[>"


def _escape_cdata(inner):
    """A field's CDATA content with each "]]>" in it escaped (the sections it was already split
    into are joined first); None when it needed nothing."""
    text = inner.replace(_CDATA_BOUNDARY, b"")
    if _CDATA_END not in text:
        return None
    return text.replace(_CDATA_END, _CDATA_ESCAPED_END)


def repaired(file, repairs):
    """The bytes of an open WXR file with its CDATA fields escaped, line by line (linear: each
    line is searched once); the line number of each field changed is added to `repairs`."""
    field = None  # (closing marker, pieces of its content, the line it started on)
    for number, line in enumerate(file, 1):
        position = 0
        while position < len(line):
            if field is None:
                match = _CDATA_FIELD.search(line, position)
                if match is None:
                    yield line[position:]
                    break
                yield line[position : match.end()]
                field, position = (b"]]></" + match[1] + b">", [], number), match.end()
                continue
            end = line.find(field[0], position)
            if end == -1:
                field[1].append(line[position:])
                break
            field[1].append(line[position:end])
            inner = b"".join(field[1])
            escaped = _escape_cdata(inner)
            if escaped is not None:
                repairs.append(field[2])
            yield inner if escaped is None else escaped
            yield field[0]
            field, position = None, end + len(field[0])
    if field is not None:  # never closed: left as it was, for the parser to refuse
        yield b"".join(field[1])


class _Chunks:
    """A file-like object over an iterator of byte strings, for lxml's iterparse."""

    def __init__(self, chunks):
        self.chunks, self.buffer, self.offset = chunks, b"", 0

    def read(self, size=-1):
        rest = len(self.buffer) - self.offset
        while size < 0 or rest < size:
            chunk = next(self.chunks, None)
            if chunk is None:
                break
            self.buffer, self.offset = self.buffer[self.offset :] + chunk, 0
            rest = len(self.buffer)
        size = rest if size < 0 else min(size, rest)
        data = self.buffer[self.offset : self.offset + size]
        self.offset += size
        return data


def read(path, repairs=None):
    """Yield (kind, dict) for each author, category, tag, term and item of the file at `path`,
    and (VERSION, text) for its <wp:wxr_version>. With a list as `repairs`, the file is read
    `repaired()`, and the lines of the fields repaired are added to it."""
    if repairs is None:
        yield from _read(str(path))
        return
    with open(path, "rb") as file:
        yield from _read(_Chunks(repaired(file, repairs)))


def _read(source):
    events = etree.iterparse(
        source,
        events=("end",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        strip_cdata=True,
    )
    for _event, element in events:
        parent = element.getparent()
        if parent is None or local_name(parent.tag) != "channel":
            continue
        name = local_name(element.tag)
        if name in TOP_LEVEL:
            yield name, (parse_item(element) if name == "item" else _children(element))
        elif name == VERSION:
            yield name, _text(element)
        element.clear()
        while element.getprevious() is not None:
            del parent[0]


def invalid_dates(*values):
    """Those of `values` that are set (not empty, not WordPress's 0000-00-00) but no date."""
    return [
        value.strip()
        for value in values
        if (value or "").strip()
        and not value.strip().startswith("0000")
        and parse_date(value) is None
    ]


def parse_date(gmt, local=""):
    """An aware datetime from WordPress's GMT date, else its local date in the site's zone."""
    for value, aware in ((gmt, True), (local, False)):
        value = (value or "").strip()
        if not value or value.startswith("0000"):
            continue
        try:
            moment = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")  # noqa: DTZ007 (zone set below)
        except ValueError:
            continue
        if aware:
            return moment.replace(tzinfo=datetime.UTC)
        return timezone.make_aware(moment)
    return None
