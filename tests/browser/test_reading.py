"""A reader browses the site in a real Chromium."""

import re

from playwright.sync_api import expect

SEED_PATH = "/2026/11/23/rusia-dan-iran-perkuat-aliansi-hadapi-tekanan-as/"


def test_reader_goes_from_home_to_the_seed_article_and_its_category(site, page):
    """Home lists the seed article; its page shows the title, tags and category link."""
    page.goto(site + "/")
    page.get_by_role("link", name="Rusia dan Iran Perkuat Aliansi Hadapi Tekanan AS").click()
    expect(page).to_have_url(site + SEED_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rusia dan Iran Perkuat Aliansi Hadapi Tekanan AS"
    )
    expect(page.locator(".entry__footer")).to_contain_text("Tulisan ini dipublikasikan di")
    page.locator(".entry__footer").get_by_role("link", name="Berita Internasional").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kategori: Berita Internasional")


def test_reader_switches_to_english_and_keeps_the_page(site, page):
    page.goto(site + SEED_PATH)
    page.get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(site + "/en" + SEED_PATH)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".entry__footer")).to_contain_text("This entry was posted in")


def test_phone_width_has_no_horizontal_scroll(site, page):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/", SEED_PATH, "/category/olahraga/"):
        page.goto(site + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Langsung ke konten")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#content$"))
