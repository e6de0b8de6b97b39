"""Quality a reader can see, on every page type in both languages: accessible, valid, light."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.pages import VISITS

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PAGE_WEIGHT_LIMIT = 60 * 1024


def _needs(path, what):
    if not path.exists():
        pytest.fail(f"{what} is missing: run `make node_modules` (npm ci) first.")
    return path


def run_axe(page, rules=None):
    """axe-core's violations on the page as it stands (CDP evaluation, so a CSP cannot block it)."""
    page.evaluate(_needs(AXE_JS, "axe-core").read_text(encoding="utf-8"))
    options = (
        {"runOnly": {"type": "rule", "values": rules}}
        if rules
        else {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    )
    return page.evaluate("options => axe.run(document, options)", options)["violations"]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


def console_errors(page):
    """Collect the page's console errors and uncaught exceptions into a list as they happen."""
    errors = []
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))

    def on_console(message):
        # A 404 page's own status is reported on the console; that is the page working.
        if message.type == "error" and not (
            "status of 404" in message.text and message.location.get("url") == page.url
        ):
            errors.append(f"console: {message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    return errors


@pytest.mark.parametrize("visit", VISITS, ids=lambda visit: visit.id)
def test_page_has_no_accessibility_violations_in_light_and_dark_mode(site, page, visit):
    """axe-core finds nothing (WCAG 2.2 A/AA, best practice), light and dark; console is quiet."""
    errors = console_errors(page)
    response = visit.open(page, site)
    assert response.status == visit.page_type.status
    violations = run_axe(page)
    assert not violations, f"{visit.path} (light):\n{describe(violations)}"
    page.emulate_media(color_scheme="dark")
    violations = run_axe(page, rules=["color-contrast", "link-in-text-block"])
    assert not violations, f"{visit.path} (dark):\n{describe(violations)}"
    assert not errors, f"{visit.path}: " + "\n".join(errors)


def test_every_page_is_valid_html(site, page, tmp_path):
    """The Nu HTML Checker reports no error on any page type, in one run over all of them."""
    jar = _needs(VNU_JAR, "The Nu HTML Checker (vnu-jar)")
    java = shutil.which("java")
    assert java, "The Nu HTML Checker needs Java: apt-get install default-jre-headless"
    files = {}
    for visit in VISITS:
        response = visit.open(page, site)
        path = tmp_path / f"{visit.id}.html"
        path.write_bytes(response.body())
        files[str(path)] = visit.path
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    report = "\n".join(
        f"- {files.get(message.get('url', '').removeprefix('file:'), message.get('url'))}"
        f" line {message.get('lastLine')}: {message['message']}"
        f"\n    {message.get('extract', '').strip()}"
        for message in messages
    )
    assert not messages, f"The Nu HTML Checker found errors:\n{report}"
    assert result.returncode == 0, result.stderr
