"""The Content-Security-Policy holds in a real browser: nothing refused, no injected script runs."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import VISITS
from tests.factories import make_member

PASSWORD = "kata-sandi-uji-123"


def csp_violations(page):
    """Every CSP violation the page reports (console and securitypolicyviolation events)."""
    violations = []

    def on_console(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            violations.append(f"{message.type}: {message.text}")

    page.on("console", on_console)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return violations


@pytest.mark.parametrize("visit", VISITS, ids=lambda visit: visit.id)
def test_reader_pages_break_no_rule_of_their_policy(site, page, visit):
    """Every page type in both languages, with its scripts and styles: no violation reported."""
    violations = csp_violations(page)
    response = visit.open(page, site)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "nonce" not in response.headers["content-security-policy"]
    assert violations == []


def test_the_admin_editor_works_under_its_policy(site, page):
    """The article form's rich-text editor loads (its import map carries the nonce) and types."""
    user = make_member("Editor", "redaktur")
    user.set_password(PASSWORD)
    user.save()
    violations = csp_violations(page)
    page.goto(site + "/admin/login/?next=/admin/")
    page.fill("#id_username", "redaktur")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    response = page.goto(site + "/admin/articles/article/add/")
    assert "nonce-" in response.headers["content-security-policy"]
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("Kebijakan keamanan tidak menghalangi editor.")
    expect(editor).to_contain_text("Kebijakan keamanan")
    page.locator("#id_title").press_sequentially("Judul")
    expect(page.locator("#id_slug")).to_have_value("judul")
    assert violations == []
