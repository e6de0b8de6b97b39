"""A reader browses the site in a real Chromium."""

from playwright.sync_api import expect

from tests.browser.pages import SEED_PATH


def test_reader_goes_from_home_to_the_seed_article_and_its_category(site, page):
    """Home leads with the seed article; its page shows the title, tags and category link."""
    page.goto(site + "/")
    page.locator(".lead").get_by_role(
        "link", name="Rusia dan Iran Perkuat Aliansi Hadapi Tekanan AS"
    ).click()
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
