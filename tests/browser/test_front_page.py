"""The front page and the article page as a reader on a phone meets them."""

from playwright.sync_api import expect

from tests.browser.pages import SEED_PATH

PHONE = {"width": 390, "height": 844}
BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


def test_on_a_phone_the_lead_story_comes_first_right_under_a_short_header(site, page):
    """At 390 px the lead headline starts within 140 px of the top (it was about 250 px)."""
    page.set_viewport_size(PHONE)
    page.goto(site + "/")
    lead = page.locator(".lead__title")
    expect(lead).to_have_text("Rusia dan Iran Perkuat Aliansi Hadapi Tekanan AS")
    top = lead.evaluate("el => el.getBoundingClientRect().top")
    assert top < 140, f"the lead headline starts {top}px down"
    first_story = page.evaluate("document.querySelector('main article').className")
    assert first_story == "lead"
    # The header's search is a link to the search page; the sections scroll on one line.
    expect(page.locator(".search-link")).to_be_visible()
    expect(page.locator("#header-search")).to_be_hidden()
    nav = page.locator(".site-nav ul")
    assert nav.evaluate("el => el.getBoundingClientRect().height") < 48


def test_front_page_shows_sections_and_whats_popular(site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/")
    titles = page.locator(".section-block .section-block__title").all_inner_texts()
    assert [t.lower() for t in titles] == [
        "nasional",
        "berita internasional",
        "ekonomi",
        "olahraga",
        "teknologi",
    ]
    aside = page.locator(".home-columns__aside")
    expect(aside.get_by_role("heading", name="Terpopuler")).to_be_visible()
    expect(aside.locator(".popular__list").first.locator("li")).to_have_count(5)
    expect(aside.get_by_role("heading", name="Terbanyak dikomentari")).to_be_visible()
    expect(page.locator(".lead img")).to_have_attribute("fetchpriority", "high")


def test_reading_an_article_sends_one_beacon_and_sets_no_cookie(site, browser):
    """A reader's visit is counted once (a reload is not another read); nothing is stored in
    the browser."""
    from popularity.models import HourlyReads

    def reads():
        rows = HourlyReads.objects.filter(article__slug=SEED_PATH.split("/")[-2])
        return sum(rows.values_list("count", flat=True))

    before = reads()
    context = browser.new_context(user_agent=BROWSER, locale="id-ID")
    page = context.new_page()
    try:
        with page.expect_response(lambda r: "/hit/" in r.url) as beacon:
            page.goto(site + SEED_PATH)
        assert beacon.value.status == 204
        assert beacon.value.request.method == "POST"
        with page.expect_response(lambda r: "/hit/" in r.url):
            page.reload()
        assert context.cookies() == []
    finally:
        context.close()
    assert reads() == before + 1


def test_share_copies_the_link_with_javascript(site, context, page):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(site + SEED_PATH)
    share = page.locator(".share")
    links = share.get_by_role("link").all_inner_texts()
    assert links == ["WhatsApp", "Telegram", "Facebook", "X"]
    copy = share.get_by_role("button", name="Salin tautan")
    copy.click()
    expect(share.get_by_role("button", name="Tautan disalin")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == site + SEED_PATH


def test_share_links_work_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, locale="id-ID")
    page = context.new_page()
    try:
        page.goto(site + SEED_PATH)
        expect(page.locator(".share__link--whatsapp")).to_be_visible()
        expect(page.locator("[data-share-copy]")).to_be_hidden()
        expect(page.get_by_role("heading", name="Baca juga")).to_be_visible()
    finally:
        context.close()
