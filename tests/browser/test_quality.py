"""Quality a reader can see, on every page type in both languages: accessible, valid, light."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.pages import SEED_PATH, VISITS

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
STATIC = ROOT / "static"
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
        # A 404 page's (or a refused form's 400) own status is reported on the console; that is
        # the page working.
        own_status = re.search(r"status of (404|400)", message.text)
        if message.type == "error" and not (own_status and message.location.get("url") == page.url):
            errors.append(f"console: {message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    return errors


@pytest.mark.quality_tools
@pytest.mark.parametrize("visit", VISITS, ids=lambda visit: visit.id)
def test_page_has_no_accessibility_violations_light_desktop_and_dark_phone(site, page, visit):
    """axe-core finds nothing (WCAG 2.2 A/AA, best practice): light on desktop, dark on a phone."""
    errors = console_errors(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    response = visit.open(page, site)
    assert response.status == visit.page_type.status
    violations = run_axe(page)
    assert not violations, f"{visit.path} (light, 1280px):\n{describe(violations)}"
    page.set_viewport_size({"width": 375, "height": 812})
    page.emulate_media(color_scheme="dark")
    violations = run_axe(page)
    assert not violations, f"{visit.path} (dark, 375px):\n{describe(violations)}"
    assert not errors, f"{visit.path}: " + "\n".join(errors)


@pytest.mark.quality_tools
def test_every_page_is_valid_html(site, page, tmp_path):
    """The Nu HTML Checker finds no error in any page type, nor in our CSS and SVG, in one run."""
    jar = _needs(VNU_JAR, "The Nu HTML Checker (vnu-jar)")
    java = shutil.which("java")
    assert java, "The Nu HTML Checker needs Java: apt-get install default-jre-headless"
    files = {}
    for visit in VISITS:
        response = visit.open(page, site)
        path = tmp_path / f"{visit.id}.html"
        path.write_bytes(response.body())
        files[str(path)] = visit.path
    for asset in sorted([*STATIC.glob("**/*.css"), *STATIC.glob("**/*.svg")]):
        files[str(asset)] = str(asset.relative_to(ROOT))
    checker = [java, "-jar", str(jar), "--errors-only", "--also-check-css", "--also-check-svg"]
    result = subprocess.run(
        [*checker, "--format", "json", "--stdout", *files],
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


# What the focused element looks like: its outline or a focus shadow, and where it sits.
FOCUS_STATE = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outline = style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0;
  const hit = document.elementFromPoint(
    Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1),
    Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1));
  const channel = c => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = color => {
    const [r, g, b] = color.match(/[\d.]+/g).map(Number);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  // The colour the ring is drawn against: the nearest opaque background around the element.
  let around = el.parentElement;
  while (around && /rgba\(.*, 0\)|transparent/.test(getComputedStyle(around).backgroundColor)) {
    around = around.parentElement;
  }
  const backdrop = around ? getComputedStyle(around).backgroundColor : "rgb(255, 255, 255)";
  const [light, dark] = [luminance(style.outlineColor), luminance(backdrop)].sort((a, b) => b - a);
  return {
    html: el.outerHTML.slice(0, 120),
    outline: outline,
    contrast: (light + 0.05) / (dark + 0.05),
    shadow: style.boxShadow !== "none",
    inView: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth
      && box.width > 0 && box.height > 0,
    covered: !!hit && hit !== el && !el.contains(hit) && !hit.contains(el),
  };
}"""


# Links and controls a keyboard user should reach: visible, enabled, not taken out of the order.
TABBABLE_COUNT = """() => [...document.querySelectorAll(
  "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]")]
  .filter(el => !el.disabled && el.tabIndex >= 0 && el.checkVisibility({visibilityProperty: true}))
  .length"""


def tab_through(page, where, from_the_top=False):
    """Tab from the top of the page to the last stop, checking each focus; returns the count."""
    skip = page.locator(".skip-link")
    if from_the_top:
        # A page brought into a state (errors, a reply) has moved focus on purpose; the walk
        # through every stop starts again at the skip link, as a keyboard user (a key press
        # first, so the browser shows focus as it does for keyboard users).
        page.keyboard.press("Shift")
        skip.focus()
    else:
        page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    seen = []
    for _stop in range(300):
        state = page.evaluate(FOCUS_STATE)
        if state is None or state["html"] in seen[:1]:
            break  # past the last stop (focus left the page) or back at the skip link
        seen.append(state["html"])
        assert state["outline"] >= 2 or state["shadow"], (
            f"{where}: no visible focus on {state['html']}"
        )
        # WCAG 1.4.11: a focus ring needs 3:1 against what surrounds it.
        assert state["shadow"] or state["contrast"] >= 3, (
            f"{where}: focus ring contrast {state['contrast']:.2f}:1 on {state['html']}"
        )
        assert state["inView"], f"{where}: focused but out of view: {state['html']}"
        assert not state["covered"], f"{where}: focus hidden under another element: {state}"
        page.keyboard.press("Tab")
    return len(seen)


@pytest.mark.parametrize("visit", VISITS, ids=lambda visit: visit.id)
def test_keyboard_reaches_every_stop_with_a_visible_focus(site, page, visit):
    """Tab starts at a visible skip link; every stop shows a 3:1 focus ring, in view, uncovered."""
    page.set_viewport_size({"width": 1280, "height": 800})
    visit.open(page, site)
    visited = tab_through(page, visit.path, from_the_top=visit.page_type.prepare is not None)
    reachable = page.evaluate(TABBABLE_COUNT)
    assert visited == reachable, (
        f"{visit.path}: Tab visited {visited} of {reachable} links and controls"
    )


@pytest.mark.parametrize("path", ["/", SEED_PATH])
def test_focus_ring_stands_out_in_dark_mode_on_a_phone(site, page, path):
    """In dark mode on a 375px phone every focus ring still shows, at 3:1, in view."""
    page.set_viewport_size({"width": 375, "height": 812})
    page.emulate_media(color_scheme="dark")
    page.goto(site + path)
    assert tab_through(page, f"{path} (dark, phone)") == page.evaluate(TABBABLE_COUNT)


def test_skip_link_moves_focus_to_the_main_content(site, page):
    """Enter on the skip link lands in <main>, so the next Tab goes to the first content link."""
    page.goto(site + SEED_PATH)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_no_page_scrolls_sideways_on_a_320px_phone(site, page):
    """At 320 CSS pixels wide nothing overflows: no horizontal scrolling on any page type."""
    page.set_viewport_size({"width": 320, "height": 640})
    wide = {}
    for visit in VISITS:
        visit.open(page, site)
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        if overflow > 0:
            wide[visit.path] = overflow
    assert not wide, f"pages wider than 320px (path: extra px): {wide}"


LUMINANCE = """selector => {
  const channel = c => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = color => {
    const [r, g, b] = color.match(/[\\d.]+/g).map(Number);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const style = getComputedStyle(document.querySelector(selector));
  return {
    background: luminance(getComputedStyle(document.body).backgroundColor),
    text: luminance(style.color),
  };
}"""


def test_dark_mode_follows_the_system_setting(site, page):
    """With prefers-color-scheme: dark the page turns light-on-dark; light mode is dark-on-light."""
    page.goto(site + SEED_PATH)
    light = page.evaluate(LUMINANCE, ".entry__content p")
    assert light["background"] > 0.9
    assert light["text"] < 0.05
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate(LUMINANCE, ".entry__content p")
    assert dark["background"] < 0.05
    assert dark["text"] > 0.6
    assert page.evaluate("getComputedStyle(document.documentElement).colorScheme").startswith(
        "light dark"
    )


def test_printed_article_is_the_article_alone(site, page):
    """A printed article is the masthead, title and text in black on white, without navigation."""
    page.goto(site + SEED_PATH)
    page.emulate_media(media="print", color_scheme="dark")
    for chrome in (".site-nav", ".language-switch", ".site-footer", ".breadcrumbs", ".skip-link"):
        expect(page.locator(chrome)).to_be_hidden()
    expect(page.locator(".post-navigation")).to_be_hidden()
    # The comments print; the form to write one and the reply links do not.
    expect(page.locator(".comment-list article > p").first).to_be_visible()
    expect(page.locator("#respond")).to_be_hidden()
    expect(page.locator("#commentform")).to_be_hidden()
    expect(page.locator(".comment-list .reply").first).to_be_hidden()
    expect(page.locator(".site-title")).to_be_visible()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".entry__content")).to_be_visible()
    colors = page.evaluate(LUMINANCE, ".entry__content p")
    assert colors["text"] < 0.01
    assert colors["background"] > 0.99
    # Even a reader whose screen is dark gets grey-free ink for the byline on paper.
    assert page.evaluate(LUMINANCE, ".entry__byline")["text"] < 0.05
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_article_is_light_and_needs_nothing_from_other_sites(site, page):
    """The article's HTML + CSS + JS stay under 60 KB; every request stays on our own origin."""
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(site + SEED_PATH)
    page.wait_for_load_state("networkidle")
    foreign = [request.url for request in requests if not request.url.startswith(site)]
    assert not foreign, f"third-party requests: {foreign}"
    fonts = [request.url for request in requests if request.resource_type == "font"]
    assert not fonts, f"web fonts downloaded (the site uses system fonts): {fonts}"
    weights = {
        request.url: len(request.response().body())
        for request in requests
        if request.resource_type in ("document", "stylesheet", "script")
    }
    total = sum(weights.values())
    assert total < PAGE_WEIGHT_LIMIT, f"{total} bytes, over {PAGE_WEIGHT_LIMIT}: {weights}"


def test_footer_stays_at_the_bottom_of_a_short_page(site, page):
    """On a page shorter than the window (a 404) the footer meets the window's bottom edge."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/2026/11/23/no-such-article/")
    bottom = page.evaluate("document.querySelector('.site-footer').getBoundingClientRect().bottom")
    assert bottom == 900


def test_every_page_reads_without_javascript(browser, site):
    """With JavaScript off every page type still shows its heading, content and navigation."""
    context = browser.new_context(java_script_enabled=False, locale="id-ID")
    page = context.new_page()
    try:
        for visit in VISITS:
            response = visit.open(page, site)
            assert response.status == visit.page_type.status, visit.path
            expect(page.locator("h1")).to_be_visible()
            expect(page.locator("main")).not_to_be_empty()
            expect(page.get_by_role("navigation").first).to_be_visible()
    finally:
        context.close()
