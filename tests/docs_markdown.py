"""Reading the project's Markdown (README.md, docs/*.md) as the doc tests need it: sections,
blocks (paragraphs, list items, tables), anchors, links, code spans, and what in the repository a
block names (a `make` target, a tracked file, a module, a management command)."""

import functools
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6}) +(.+?) *#*$")
LIST_ITEM = re.compile(r"^(?:[-*+]|\d+\.) ")
CODE_SPAN = re.compile(r"`([^`]+)`")
LINK = re.compile(r"!?\[(?:[^\]]|\][^(])*?\]\(([^)\s]+)\)")
MAKE = re.compile(r"\bmake ([a-z][\w-]*)")
MANAGE = re.compile(r"manage\.py ([a-z_]+)")


@functools.cache
def tracked():
    """Every file git tracks, as paths relative to the repository."""
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return frozenset(out.stdout.split())


@functools.cache
def tracked_dirs():
    return frozenset(str(Path(p).parent) for p in tracked()) - {"."}


def top_level():
    """What `git ls-files | cut -d/ -f1 | sort -u` lists: folders as `name/`, files as `name`."""
    return sorted({p.split("/")[0] + ("/" if "/" in p else "") for p in tracked()})


@functools.cache
def make_targets():
    text = (ROOT / "Makefile").read_text()
    return frozenset(re.findall(r"^([a-z][\w-]*):", text, re.MULTILINE))


@functools.cache
def management_commands():
    return frozenset(
        Path(p).stem for p in tracked() if re.search(r"/management/commands/[a-z]\w*\.py$", p)
    )


def ignored(path):
    """Whether git ignores this path (an output such as bench-results/ or cluster-results/)."""
    probe = re.sub(r"<[^>]*>|\*", "x", path)
    return (
        subprocess.run(["git", "check-ignore", "-q", "--no-index", probe], cwd=ROOT).returncode == 0
    )


def anchor(title):
    """GitHub's anchor for a heading (before de-duplication)."""
    text = re.sub(r"`([^`]*)`", r"\1", title).strip().lower()
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def without_code(text):
    return CODE_SPAN.sub(" ", text)


@dataclass
class Block:
    """A paragraph, one list item (with its continuation lines) or a table."""

    kind: str  # "paragraph", "item" or "table"
    lines: list = field(default_factory=list)
    lead: "Block | None" = None  # the paragraph that introduces a list or captions a table

    @property
    def text(self):
        return "\n".join(self.lines)


@dataclass
class Section:
    title: str
    level: int
    anchor: str
    lines: list = field(default_factory=list)  # outside fenced code
    code: list = field(default_factory=list)  # the fenced code blocks, each as one string

    def blocks(self):
        blocks, current = [], None
        for line in [*self.lines, ""]:
            if not line.strip():
                current = None
                continue
            if line.lstrip().startswith("|"):
                kind = "table"
            elif LIST_ITEM.match(line):
                kind = "item"
            elif current is not None and current.kind in ("item", "paragraph"):
                current.lines.append(line)
                continue
            else:
                kind = "paragraph"
            if current is not None and current.kind == kind == "table":
                current.lines.append(line)
                continue
            current = Block(kind, [line])
            blocks.append(current)
        lead = None
        for i, block in enumerate(blocks):
            if block.kind == "paragraph":
                lead = block
            elif block.kind == "item":
                block.lead = lead
            else:  # a table's caption: the paragraph just before it, else just after
                before = blocks[i - 1] if i and blocks[i - 1].kind == "paragraph" else None
                after = blocks[i + 1] if i + 1 < len(blocks) else None
                block.lead = before or (after if after and after.kind == "paragraph" else None)
        return blocks


@dataclass
class Doc:
    path: Path
    sections: list

    @property
    def name(self):
        return str(self.path.relative_to(ROOT))

    def anchors(self):
        seen, result = {}, []
        for section in self.sections[1:]:
            count = seen.get(section.anchor, 0)
            seen[section.anchor] = count + 1
            result.append(section.anchor + (f"-{count}" if count else ""))
        return result

    def section(self, title):
        found = [s for s in self.sections if s.title == title]
        assert found, f"{self.name} has no section {title!r}"
        return found[0]


@functools.cache
def read(path):
    """The doc as sections: the first holds what comes before any heading."""
    sections = [Section("", 0, "")]
    fence = None
    for line in Path(path).read_text().splitlines():
        if fence is not None:
            if FENCE.match(line):
                sections[-1].code.append("\n".join(fence))
                fence = None
            else:
                fence.append(line)
            continue
        if FENCE.match(line):
            fence = []
            continue
        heading = HEADING.match(line)
        if heading:
            title = heading[2]
            sections.append(Section(title, len(heading[1]), anchor(title)))
        else:
            sections[-1].lines.append(line)
    return Doc(Path(path), sections)


def names_in(text):
    """The repository things a block names: `make` targets, tracked files (not the docs nor their
    pictures), modules and management commands, each only if it exists."""
    found = set()
    for target in MAKE.findall(text):
        if target in make_targets():
            found.add(f"make {target}")
    for command in MANAGE.findall(text):
        if command in management_commands():
            found.add(f"manage.py {command}")
    words = [w for span in CODE_SPAN.findall(text) for w in re.split(r"[\s(),]+", span)]
    words += LINK.findall(text)
    for word in words:
        word = word.strip(",;:()'\"").split("#")[0]
        a_file = word in tracked() and not word.endswith((".md", ".png", ".jpg", ".svg"))
        if a_file or (word.rstrip("/") in tracked_dirs() and word.count("/") >= 2):
            found.add(word)
        elif re.fullmatch(r"[a-z_]+(\.[A-Za-z_]\w*)+", word):
            parts = word.split(".")
            for end in range(len(parts), 0, -1):
                module = "/".join(parts[:end])
                if f"{module}.py" in tracked() or (
                    end > 1 and f"{module}/__init__.py" in tracked()
                ):
                    found.add(word)
                    break
    return found
