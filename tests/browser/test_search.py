"""A reader searches from the header box in a real Chromium."""

from playwright.sync_api import expect


def test_reader_searches_from_the_header_and_sees_marked_results(site, page):
    """The header box leads to the results, the query stays in the box, the match is marked."""
    page.goto(site + "/category/olahraga/")
    box = page.get_by_role("searchbox", name="Cari artikel")
    box.fill("Iran")
    box.press("Enter")
    expect(page).to_have_url(site + "/search/?q=Iran")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hasil pencarian untuk “Iran”")
    expect(page.get_by_role("searchbox", name="Kata kunci")).to_have_value("Iran")
    result = page.get_by_role("link", name="Rusia dan Iran Perkuat Aliansi Hadapi Tekanan AS")
    expect(result).to_be_visible()
    expect(page.locator(".search-result__snippet mark").first).to_have_text("Iran")
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rusia dan Iran Perkuat Aliansi Hadapi Tekanan AS"
    )


def test_search_page_fits_a_phone_screen(site, page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site + "/search/?q=harga")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the search page scrolls sideways by {overflow}px at 320px"
