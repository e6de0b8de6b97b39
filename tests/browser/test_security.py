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


def test_pages_carrying_every_xss_payload_open_no_dialog(site, browser):
    """With the CSP switched off (escaping alone is tested), no payload ever runs.

    Articles and comments hold the payloads (titles, excerpts, bodies, captions, alt texts,
    category and tag names, commenter names, websites and texts), the remembered commenter
    details in localStorage hold them too, and the search box is sent them.
    """
    from articles.models import Article, Category
    from comments.models import Comment
    from tests.factories import make_user
    from tests.security.xss_payloads import PAYLOADS

    author = make_user("penulis_xss", first_name="Penulis", last_name="XSS")
    parent = Category.objects.get(slug="berita-internasional")
    articles = []
    for n, payload in enumerate(PAYLOADS[:30]):
        payload = payload.replace("\x00", "")
        article = Article.objects.create(
            title=payload,
            slug=f"xss-{n}",
            author=author,
            category=Category.objects.create(name=payload[:100], slug=f"xss-{n}", parent=parent),
            status=Article.Status.PUBLISHED,
            excerpt=payload,
            body=f"<p>{payload}</p>{payload}",
            featured_image=f"xss/foto-{n}.jpg",
            featured_image_alt=payload,
            featured_image_caption=payload,
        )
        article.tags.add(payload[:100])  # tag and category names hold 100 characters
        articles.append(article)
    target = articles[0]
    for n, payload in enumerate(PAYLOADS):
        url = payload if payload.startswith("https://example.com/") else ""
        Comment.objects.create(
            article=target,
            author_name=payload.replace("\x00", ""),
            author_email=f"xss{n}@example.net",
            author_url=url,
            body=payload.replace("\x00", ""),
            status=Comment.Status.APPROVED,
        )
    context = browser.new_context(bypass_csp=True, locale="id-ID")
    context.add_init_script(
        "window.localStorage.setItem('newsroom.commenter', JSON.stringify({name: "
        "'\"><img src=x onerror=alert(1)>', url: 'javascript:alert(2)',"
        " email: '<svg onload=alert(3)>'}));"
    )
    dialogs = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("popup", lambda popup: dialogs.append(f"popup {popup.url}"))
    paths = ["/", "/page/2/", "/page/3/", "/en/", target.get_absolute_url()]
    paths += [article.get_absolute_url() for article in articles[1:12]]
    paths += [
        articles[3].category.get_absolute_url(),
        "/search/?q=%3Cscript%3Ealert(9)%3C/script%3E",
    ]
    try:
        page.goto(site + "/")
        page.evaluate("alert('kontrol')")  # the harness sees a dialog when one opens
        assert dialogs == ["kontrol"]
        dialogs.clear()
        for path in paths:
            page.goto(site + path)
            page.mouse.move(200, 300)
            page.mouse.move(400, 600)
        page.goto(site + target.get_absolute_url())
        expect(page.locator("#id_name")).to_have_value('"><img src=x onerror=alert(1)>')
        page.locator(".comment-list .reply").first.click()
        page.keyboard.press("Tab")
    finally:
        context.close()
    assert dialogs == []
