"""A visitor joins the conversation under the seed article in a real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from comments import demo as comments_demo
from comments.models import Comment
from tests.browser.pages import SEED_PATH


@pytest.fixture
def article_url(site, settings):
    """The seed article with its demo comments; no minimum fill time (no waiting in tests)."""
    settings.NEWSROOM_COMMENT_MIN_FILL_SECONDS = 0
    comments_demo.seed()
    return site + SEED_PATH


def fill(page, comment, name="Rina Wijaya", email="rina.wijaya@example.com"):
    page.get_by_role("textbox", name="Komentar").fill(comment)
    page.get_by_role("textbox", name="Nama").fill(name)
    page.get_by_role("textbox", name="Email").fill(email)


def test_visitor_posts_a_comment_and_sees_it_held(article_url, page):
    """The comment lands, marked as awaiting moderation, at its own anchor."""
    page.goto(article_url)
    fill(page, "Pertama kali berkomentar di sini.")
    page.get_by_role("button", name="Kirim Komentar").click()
    expect(page).to_have_url(re.compile(r"\?unapproved=\d+&moderation-hash=.+#comment-\d+$"))
    held = page.locator(".comment-list .held")
    expect(held).to_contain_text("Pertama kali berkomentar di sini.")
    expect(held).to_contain_text("Komentar Anda sedang menunggu moderasi.")


def test_errors_are_summarised_the_summary_takes_focus_and_text_stays(article_url, page):
    page.goto(article_url)
    page.get_by_role("textbox", name="Komentar").fill("Teks yang tidak boleh hilang")
    page.get_by_role("textbox", name="Email").fill("bukan-email")
    page.get_by_role("button", name="Kirim Komentar").click()
    summary = page.locator("#comment-errors")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Silakan isi nama Anda.")
    expect(summary).to_contain_text("Silakan masukkan alamat email yang valid")
    expect(page.get_by_role("textbox", name="Komentar")).to_have_value(
        "Teks yang tidak boleh hilang"
    )
    summary.get_by_role("link", name="Silakan isi nama Anda.").click()
    expect(page).to_have_url(re.compile(r"#id_name$"))


def test_reply_moves_the_form_under_the_comment_and_cancel_brings_it_back(article_url, page):
    page.goto(article_url)
    sari = Comment.objects.get(author_name="Sari Wulandari")
    item = page.locator(f"#comment-{sari.pk}")
    item.get_by_role("link", name="Balas kepada Sari Wulandari").first.click()
    expect(item.locator("#respond")).to_be_visible()
    expect(page.locator("#reply-title")).to_contain_text("Balas kepada Sari Wulandari")
    expect(page.locator("#comment_parent")).to_have_value(str(sari.pk))
    expect(page.get_by_role("textbox", name="Komentar")).to_be_focused()
    page.get_by_role("link", name="Batalkan balasan").click()
    expect(item.locator("#respond")).to_have_count(0)
    expect(page.locator("#comment_parent")).to_have_value("")
    expect(page.locator("#reply-title")).to_contain_text("Tinggalkan Balasan")
    item.get_by_role("link", name="Balas kepada Sari Wulandari").first.click()
    fill(page, "Balasan saya untuk Sari.")
    page.get_by_role("button", name="Kirim Komentar").click()
    held = page.locator(f"#comment-{sari.pk} .children .held")
    expect(held).to_contain_text("Balasan saya untuk Sari.")


@pytest.mark.parametrize("name", ["Ana $& Budi", "Ana $` Budi", "Ana $' Budi", "Rp $$5"])
def test_reply_title_shows_a_name_with_dollar_patterns_as_typed(article_url, page, name):
    """A name is text: "$&", "$`", "$'" and "$$" in it never turn into other text."""
    sari = Comment.objects.get(author_name="Sari Wulandari")
    sari.author_name = name
    sari.save()
    page.goto(article_url)
    page.locator(f"#comment-{sari.pk} .reply").first.click()
    expect(page.locator("#reply-title")).to_contain_text(f"Balas kepada {name}")


def test_remembered_details_are_filled_in_only_after_opting_in(article_url, page):
    page.goto(article_url)
    fill(page, "Ingat saya, ya.")
    page.get_by_label("Simpan nama, email, dan situs web saya").check()
    page.get_by_role("button", name="Kirim Komentar").click()
    expect(page.locator(".comment-list .held")).to_be_visible()
    page.goto(article_url)
    expect(page.get_by_role("textbox", name="Nama")).to_have_value("Rina Wijaya")
    expect(page.get_by_role("textbox", name="Email")).to_have_value("rina.wijaya@example.com")


def test_without_javascript_reply_post_and_errors_still_work(article_url, browser):
    context = browser.new_context(java_script_enabled=False, locale="id-ID")
    page = context.new_page()
    try:
        page.goto(article_url)
        andi = Comment.objects.get(author_name="Andi Pratama")
        page.locator(f"#comment-{andi.pk}").get_by_role("link", name="Balas kepada Andi").click()
        expect(page).to_have_url(re.compile(rf"\?replytocom={andi.pk}#respond$"))
        expect(page.locator("#reply-title")).to_contain_text("Balas kepada Andi Pratama")
        page.get_by_role("button", name="Kirim Komentar").click()
        expect(page.locator("#comment-errors")).to_contain_text("Silakan tulis komentar Anda.")
        fill(page, "Balasan tanpa JavaScript.", name="Tono", email="tono@example.com")
        page.get_by_role("button", name="Kirim Komentar").click()
        held = page.locator(f"#comment-{andi.pk} .children .held")
        expect(held).to_contain_text("Balasan tanpa JavaScript.")
    finally:
        context.close()


def test_held_comment_is_approved_in_the_admin_then_everyone_sees_it(article_url, browser, page):
    """Visitor posts, is held; an editor approves it in the admin; a stranger then sees it."""
    from tests.factories import make_staff

    editor = make_staff("moderator")
    editor.set_password("kata-sandi-uji")
    editor.save()
    page.goto(article_url)
    fill(page, "Mohon disetujui, Redaksi.")
    page.get_by_role("button", name="Kirim Komentar").click()
    expect(page.locator(".comment-list .held")).to_be_visible()

    admin = browser.new_context(locale="id-ID")
    try:
        editor_page = admin.new_page()
        base = article_url.split("/2026/")[0]
        editor_page.goto(base + "/admin/comments/comment/")
        editor_page.locator("#id_username").fill("moderator")
        editor_page.locator("#id_password").fill("kata-sandi-uji")
        editor_page.locator("input[type=submit]").click()
        row = editor_page.locator("#result_list tbody tr").first
        expect(row).to_contain_text("Mohon disetujui, Redaksi.")
        row.locator("input.action-select").check()
        editor_page.locator("select[name=action]").select_option("approve")
        editor_page.locator("button[name=index]").click()
        expect(editor_page.locator(".messagelist")).to_contain_text("1")
    finally:
        admin.close()

    stranger = browser.new_context(locale="id-ID")
    try:
        reader = stranger.new_page()
        reader.goto(article_url)
        expect(reader.locator("#comments")).to_contain_text("Mohon disetujui, Redaksi.")
        expect(reader.locator(".comment-list .held")).to_have_count(0)
    finally:
        stranger.close()


DOUBLE_CLICK = """() => {
  const form = document.getElementById("commentform");
  const button = form.querySelector("[type=submit]");
  let submissions = 0;
  form.addEventListener("submit", (event) => { if (!event.defaultPrevented) submissions += 1; });
  button.click();
  const disabled = button.disabled;
  button.click();  // the impatient second click, before the first answer has come
  form.requestSubmit();  // and Enter pressed in a field
  return {disabled, submissions};
}"""


def test_the_submit_button_is_disabled_after_the_first_click(article_url, page):
    """While the post is on its way, a second click sends nothing; one comment is stored."""
    page.goto(article_url)
    fill(page, "Satu klik, satu komentar.")
    assert page.evaluate(DOUBLE_CLICK) == {"disabled": True, "submissions": 1}
    expect(page).to_have_url(re.compile(r"#comment-\d+$"))
    assert Comment.objects.filter(body="Satu klik, satu komentar.").count() == 1
