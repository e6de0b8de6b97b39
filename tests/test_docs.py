"""The docs (README.md, docs/*.md) state what the repository shows: they fail when the docs drift.

A figure (a number with a unit, or a table of measured numbers) must name, in the same paragraph,
list item or table caption, the command or the file it comes from, and that command or file must
exist; a table of measurements also says when, on what machine and under what load it was taken.
"""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests.browser.pages import SEED_PATH
from tests.docs_markdown import (
    CODE_SPAN,
    DOCS,
    LINK,
    MAKE,
    ROOT,
    ignored,
    make_targets,
    names_in,
    read,
    top_level,
    tracked,
    without_code,
)

README = ROOT / "README.md"
DOC = {path.name: read(path) for path in DOCS}

# A number with a unit: 13.8x, 22%, 48.5 ms, 1.1 s, 30 seconds, 6,414 req/s, 49.8 KB, 10 queries.
FIGURE = re.compile(
    r"(?<![\w.,/:-])\d[\d,]*(?:\.\d+)?"
    r"(?:x\b|%|\s?(?:req/s|ms|KB|KiB|MB|GB)\b|\s(?:s|seconds|min|minutes|bytes|queries)\b)(?!/)"
)
# A table cell that is only a measurement: "6,414 (2.4 / 3.9)", "100", "1.00x", "0". A table with
# such a cell, or with a figure (a number with a unit) in a cell, is a table of measurements.
BARE_NUMBER = re.compile(r"[\d,.\s()/x%~-]*\d[\d,.\s()/x%~-]*")
DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")
MACHINE = re.compile(r"\b\d+-core\b")
LOAD = re.compile(r"load\s+average\s+(?:of\s+)?(?:[\d.]+|not\s+recorded)")


def blocks():
    for name, doc in DOC.items():
        for section in doc.sections:
            for block in section.blocks():
                yield name, section, block


def measured_table(block):
    cells = [c.strip() for line in block.lines[2:] for c in line.strip().strip("|").split("|")]
    return any(
        BARE_NUMBER.fullmatch(without_code(c)) or FIGURE.search(without_code(c)) for c in cells
    )


def figures(block):
    if block.kind == "table" and measured_table(block):
        return ["a table of measurements"]
    return FIGURE.findall(without_code(block.text))


def sources(block):
    found = names_in(block.text)
    lead = block.lead
    if lead is not None and (block.kind == "table" or lead.text.rstrip().endswith(":")):
        found |= names_in(lead.text)
    return found


def is_command(source):
    return source.startswith(("make ", "manage.py ", "bench/", "scripts/", "scripts."))


def test_every_figure_names_the_command_or_file_it_comes_from():
    """A paragraph, list item or table stating a figure names its source in the repository:
    a `make` target the Makefile has, a tracked file or module, a management command. A table of
    measurements names the command that produced it (in the table or its caption)."""
    unsourced = []
    for name, section, block in blocks():
        stated = figures(block)
        if not stated:
            continue
        found = sources(block)
        if block.kind == "table" and measured_table(block):
            found = {s for s in found if is_command(s)}
        if not found:
            unsourced.append(f"{name}, {section.title!r}: {stated[:3]} in {block.lines[0][:70]!r}")
    assert not unsourced, "figures without a source:\n" + "\n".join(unsourced)


def test_every_table_of_measurements_says_when_where_and_under_what_load():
    """A measured table's caption gives the date, the machine and its load average."""
    missing = []
    for name, section, block in blocks():
        if block.kind != "table" or not measured_table(block):
            continue
        caption = (block.lead.text if block.lead else "") + "\n" + block.text
        lacks = [
            what
            for what, pattern in (("date", DATE), ("machine", MACHINE), ("load", LOAD))
            if not pattern.search(caption)
        ]
        if lacks:
            missing.append(f"{name}, {section.title!r}: no {', '.join(lacks)}")
    assert not missing, "\n".join(missing)


def test_measured_tables_live_in_the_performance_doc():
    """Benchmark tables are kept in one place, docs/performance.md, not spread over the docs."""
    elsewhere = {
        f"{name}, {section.title!r}"
        for name, section, block in blocks()
        if block.kind == "table" and measured_table(block) and name != "performance.md"
    }
    assert not elsewhere, elsewhere


def test_file_paths_named_by_the_docs_exist_in_the_repository():
    """A file path in code (`bench/run.py`) is tracked by git; an ignored output
    (`bench-results/...`) is named beside the `make` command that writes it, never as a file of
    the repository; nothing points outside it (`../`)."""
    wrong = []
    for name, section, block in blocks():
        for span in CODE_SPAN.findall(block.text):
            for word in span.split():
                word = word.strip(",;:()'\"")
                if word.startswith("../"):
                    wrong.append(f"{name}: {word} is outside the repository")
                    continue
                if word.startswith(("/", "http", "-", "$")) or "/" not in word:
                    continue
                if not re.fullmatch(r"[\w.-]+(/[\w.<>*{},-]+)*/[\w<>*-]+\.[a-z]+", word):
                    continue
                pattern = re.sub(r"<[^>]*>|\*", "*", word)
                if any(Path(p).match(pattern) for p in tracked()) and (
                    "*" in pattern or word in tracked()
                ):
                    continue
                if ignored(word):
                    if re.search(r"\d{8}", word):
                        wrong.append(f"{name}: {word} is one run's output, in nobody's checkout")
                    elif not any(t in make_targets() for t in MAKE.findall(block.text)):
                        wrong.append(f"{name}: {word} is git-ignored output; name its make command")
                    continue
                wrong.append(f"{name}, {section.title!r}: {word} is not in the repository")
    assert not wrong, "\n".join(wrong)


def test_relative_links_reach_a_file_and_heading():
    broken = []
    for path in DOCS:
        doc = DOC[path.name]
        text = path.read_text()
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target):
                continue
            file_part, _sep, fragment = target.partition("#")
            goal = (path.parent / file_part).resolve() if file_part else path
            if not goal.exists():
                broken.append(f"{path.name}: {target} (no such file)")
            elif fragment and goal.suffix == ".md" and fragment not in read(goal).anchors():
                broken.append(f"{path.name}: {target} (no such heading in {goal.name})")
        assert doc  # every doc parsed
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("name", [p.name for p in DOCS if p.parent.name == "docs"])
def test_each_doc_opens_with_a_table_of_contents(name):
    """The first section is "Contents": a link to every section of the doc, in order."""
    doc = DOC[name]
    second_level = [s for s in doc.sections if s.level == 2]
    assert second_level, f"{name} has no sections"
    assert second_level[0].title == "Contents", f"{name}: no Contents first"
    listed = [t.removeprefix("#") for t in LINK.findall("\n".join(second_level[0].lines))]
    anchors = dict(zip((id(s) for s in doc.sections[1:]), doc.anchors(), strict=True))
    wanted = [anchors[id(s)] for s in second_level[1:]]
    assert [a for a in listed if a in wanted] == wanted, f"{name}: Contents misses sections"
    assert set(listed) <= set(doc.anchors()), f"{name}: Contents links a missing heading"


def test_readme_opens_with_the_two_commands():
    """Before anything else: `make run` and `make test`, the two commands a newcomer needs."""
    doc = DOC["README.md"]
    assert not [line for line in doc.sections[1].lines[:2] if line.strip()], "text before them"
    first = doc.sections[1].code[0].splitlines()
    assert [line.split("#")[0].strip() for line in first] == ["make run", "make test"]


def test_readme_links_every_doc():
    text = README.read_text()
    for path in DOCS[1:]:
        assert f"](docs/{path.name}" in text, f"README does not link docs/{path.name}"


def test_readme_stays_a_newcomers_page():
    lines = len(README.read_text().splitlines())
    assert lines <= 180, f"README.md is {lines} lines: move the detail to a doc"


@pytest.mark.parametrize("name", ["README.md", "design.md"])
def test_layout_lists_every_top_level_entry(name):
    """The Layout section names each folder and file `git ls-files` has at the top."""
    layout = DOC[name].section("Layout")
    words = set(re.findall(r"[\w.-]+/?", "\n".join(layout.code + layout.lines)))
    missing = [entry for entry in top_level() if entry not in words]
    assert not missing, f"{name}'s Layout leaves out {missing}"


def test_design_layout_names_every_stylesheet_and_script():
    """design.md's Layout names every hand-written stylesheet and script in static/."""
    layout = "\n".join(DOC["design.md"].section("Layout").code)
    for path in sorted((ROOT / "static").glob("*/*.[cj]s")):
        assert path.name in layout, (
            f"design.md's Layout does not name static/{path.parent.name}/{path.name}"
        )


def test_readme_describes_what_ci_runs():
    """Each `make` target .ci/run runs, and its faketime pass, is named where the README says
    what CI runs."""
    ci = (ROOT / ".ci" / "run").read_text()
    run = set(re.findall(r"^\s*(?:\S+=\S+ )*make ([a-z][\w-]*)", ci, re.MULTILINE))
    run.discard("node_modules")
    section = "\n".join(DOC["README.md"].section("What CI runs").lines)
    for target in sorted(run):
        assert f"make {target}" in section, f"README's CI section leaves out make {target}"
    for tool in ("ruff", "faketime", "PostgreSQL", "SQLite", "Lighthouse"):
        assert tool in section, tool


def environment_variables():
    pattern = re.compile(
        r"(?:os\.environ\.get|os\.environ\.setdefault|os\.environ\[|os\.getenv|\benv(?:\.\w+)?)"
        r"\(?\s*\"([A-Z][A-Z0-9_]+)\""
    )
    apps = {p.split("/")[0] for p in tracked() if p.endswith("/apps.py")} | {"newsroom"}
    names = set()
    for path in tracked():
        if path.endswith(".py") and (path.split("/")[0] in apps or path == "manage.py"):
            names |= set(pattern.findall((ROOT / path).read_text()))
    return names


# Read from the environment by a library, not by our code: boto3 (django-storages' S3) reads these.
READ_BY_LIBRARIES = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


def test_configuration_names_every_environment_variable_the_code_reads():
    """docs/operations.md's Configuration tables list every variable the site reads from the
    environment, and no variable that nothing reads."""
    doc = DOC["operations.md"]
    start = doc.sections.index(doc.section("Configuration"))
    documented = set()
    for section in doc.sections[start:]:
        if section is not doc.sections[start] and section.level <= 2:
            break
        for block in section.blocks():
            if block.kind == "table":
                for line in block.lines[2:]:
                    first = line.strip().strip("|").split("|")[0]
                    names = (s.split("=")[0] for s in CODE_SPAN.findall(first))
                    documented |= {n for n in names if re.fullmatch(r"[A-Z][A-Z0-9_]+", n)}
    read_by_code = environment_variables() | READ_BY_LIBRARIES
    assert not read_by_code - documented, f"undocumented: {sorted(read_by_code - documented)}"
    assert not documented - read_by_code, f"read by nothing: {sorted(documented - read_by_code)}"


# The page weight, as docs/performance.md states it.
KB = 1024  # as the browser test's PAGE_WEIGHT_LIMIT counts
WEIGHT = re.compile(
    r"now (?P<total>[\d.]+) KB: (?P<html>[\d.]+) KB HTML, (?P<css>[\d.]+) KB CSS in"
    r" (?P<css_files>\w+) files?, (?P<js>[\d.]+) KB JS"
)
COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4}


def static_size(urls):
    return sum(Path(finders.find(url.removeprefix("/static/"))).stat().st_size for url in urls)


@pytest.mark.django_db
def test_performance_doc_states_the_article_page_weight_as_measured():
    """The seed article's HTML (demo comments included) and the CSS and JS it loads, uncompressed:
    CSS and JS to the tenth of a KB; the HTML within 10% (it moves with the demo content)."""
    from articles import demo as articles_demo
    from comments import demo as comments_demo
    from pages import demo as pages_demo

    articles_demo.seed()
    pages_demo.seed()
    comments_demo.seed()
    html = Client().get(SEED_PATH).content
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html.decode())
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', html.decode())
    measured = {"html": len(html), "css": static_size(stylesheets), "js": static_size(scripts)}
    section = DOC["performance.md"].section("Page weight")
    stated = WEIGHT.search(" ".join("\n".join(section.lines).split()))
    assert stated, (
        "performance.md, Page weight: 'now X KB: X KB HTML, X KB CSS in N files, X KB JS'"
    )
    figures = f"measured: {', '.join(f'{k} {v / KB:.1f} KB' for k, v in measured.items())}"
    assert float(stated["css"]) == round(measured["css"] / KB, 1), figures
    assert float(stated["js"]) == round(measured["js"] / KB, 1), figures
    assert COUNTS[stated["css_files"]] == len(stylesheets), stylesheets
    assert abs(float(stated["html"]) * KB - measured["html"]) <= 0.1 * measured["html"], figures
    parts = float(stated["html"]) + float(stated["css"]) + float(stated["js"])
    assert abs(float(stated["total"]) - parts) <= 0.15, "the total is not the sum of the parts"
