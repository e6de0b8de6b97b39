"""The README's figures are measured, not remembered: these tests fail when they drift."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests.browser.pages import SEED_PATH

ROOT = Path(__file__).resolve().parent.parent
KB = 1024  # as the browser test's PAGE_WEIGHT_LIMIT counts
WEIGHT = re.compile(
    r"now (?P<total>[\d.]+) KB: (?P<html>[\d.]+) KB HTML, (?P<css>[\d.]+) KB CSS in"
    r" (?P<css_files>\w+) files?, (?P<js>[\d.]+) KB JS"
)
COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4}


def readme():
    return " ".join((ROOT / "README.md").read_text().split())


def static_size(urls):
    return sum(Path(finders.find(url.removeprefix("/static/"))).stat().st_size for url in urls)


@pytest.mark.django_db
def test_readme_states_the_article_page_weight_as_measured():
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
    stated = WEIGHT.search(readme())
    assert stated, "README: 'now X KB: X KB HTML, X KB CSS in N files, X KB JS' is missing"
    figures = f"measured: {', '.join(f'{k} {v / KB:.1f} KB' for k, v in measured.items())}"
    assert float(stated["css"]) == round(measured["css"] / KB, 1), figures
    assert float(stated["js"]) == round(measured["js"] / KB, 1), figures
    assert COUNTS[stated["css_files"]] == len(stylesheets), stylesheets
    assert abs(float(stated["html"]) * KB - measured["html"]) <= 0.1 * measured["html"], figures
    parts = float(stated["html"]) + float(stated["css"]) + float(stated["js"])
    assert abs(float(stated["total"]) - parts) <= 0.15, "the total is not the sum of the parts"


def test_readme_counts_the_stylesheets_and_scripts_there_are():
    """The layout line names every hand-written stylesheet and script in static/."""
    text = readme()
    for path in sorted((ROOT / "static").glob("*/*.[cj]s")):
        assert path.name in text, f"README does not mention static/{path.parent.name}/{path.name}"
