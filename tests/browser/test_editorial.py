"""Editors at work in the admin, in a real Chromium."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import image_bytes, make_member

PASSWORD = "kata-sandi-uji-123"


@pytest.fixture
def log_in(site, page):
    def log_in_as(role, username):
        user = make_member(role, username)
        user.set_password(PASSWORD)
        user.save()
        page.goto(site + "/admin/login/?next=/admin/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        expect(page.locator("#user-tools")).to_contain_text(user.first_name)
        return user

    return log_in_as


def choose_category(page, name):
    """Pick a category in the admin's autocomplete (select2) box."""
    page.click(".field-category .select2-selection")
    page.fill(".select2-search__field", name)
    page.locator(".select2-results__option", has_text=re.compile(f"^{name}$")).click()


def test_editor_writes_schedules_previews_and_publishes_an_illustrated_article(site, page, log_in):
    """From a blank form to the home page, with the image served through its renditions."""
    log_in("Editor", "redaktur")
    page.goto(site + "/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially("Banjir Rob Meluas ke Jakarta Barat")
    expect(page.locator("#id_slug")).to_have_value("banjir-rob-meluas-ke-jakarta-barat")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("Air laut pasang menggenangi permukiman warga sejak pagi.")
    page.keyboard.press("Enter")
    page.keyboard.type("Petugas menyiagakan pompa air.")
    choose_category(page, "Nasional")
    page.locator("#id_tags").press_sequentially("Banjir, Geo")
    expect(page.locator("#id_tags-suggestions option")).to_have_attribute(
        "value", "Banjir, Geopolitik"
    )
    page.fill("#id_tags", "Banjir, Geopolitik")
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    page.select_option("#id_status", "scheduled")
    page.fill("#id_published_at_0", tomorrow.strftime("%Y-%m-%d"))
    page.fill("#id_published_at_1", "08:00:00")
    page.set_input_files(
        "#id_featured_image",
        files=[{"name": "banjir.png", "mimeType": "image/png", "buffer": image_bytes()}],
    )
    page.fill("#id_featured_image_alt", "Warga menembus banjir dengan perahu")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()

    article = Article.objects.get(slug="banjir-rob-meluas-ke-jakarta-barat")
    assert article.status == Article.Status.SCHEDULED
    assert "<p>Air laut pasang menggenangi permukiman warga sejak pagi.</p>" in article.body
    assert sorted(article.tags.names()) == ["Banjir", "Geopolitik"]
    assert article.category.slug == "nasional"

    # Preview: from the change form, the article as readers will see it.
    page.click("a.previewlink")
    expect(page.locator(".preview-banner")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Banjir Rob Meluas ke Jakarta Barat")
    image = page.locator(".entry__figure img")
    expect(image).to_have_attribute("srcset", re.compile(r"banjir-640w\.jpg 640w"))
    expect(image).to_have_attribute("width", "1600")

    # Publish now from the list's bulk action.
    page.goto(site + "/admin/articles/article/")
    page.locator(f"input[name=_selected_action][value='{article.pk}']").check()
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.is_public

    page.goto(site + "/")
    card = page.locator(".card", has_text="Banjir Rob Meluas ke Jakarta Barat")
    expect(card).to_be_visible()
    expect(card.locator("img")).to_have_attribute("srcset", re.compile(r"-320w\.jpg 320w"))
    expect(card.locator("source")).to_have_attribute("type", "image/webp")


def test_contributor_attempt_to_publish_is_refused(site, page, log_in):
    """The status list offers no publishing; a forged "published" is refused by the server."""
    log_in("Contributor", "kontributor")
    page.goto(site + "/admin/articles/article/add/")
    options = page.locator("#id_status option").evaluate_all("els => els.map(e => e.value)")
    assert options == ["draft", "pending"]
    page.fill("#id_title", "Tulisan Kontributor")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Isi tulisan.")
    choose_category(page, "Olahraga")
    # Forge the choice the form does not offer, as a hostile browser could.
    page.locator("#id_status").evaluate(
        "select => { select.add(new Option('published', 'published'));"
        " select.value = 'published'; }"
    )
    page.click("input[name=_save]")
    expect(page.locator(".errorlist")).to_contain_text("Anda tidak dapat menerbitkan")
    expect(page.locator("#id_title")).to_have_value("Tulisan Kontributor")
    assert not Article.objects.filter(title="Tulisan Kontributor").exists()
    expect(page.locator("select[name=action] option[value=publish]")).to_have_count(0)


def test_the_body_editor_speaks_indonesian(site, page, log_in):
    """Menu tooltips and the figure dialog of the body editor are in Indonesian."""
    log_in("Editor", "redaktur-bahasa")
    page.goto(site + "/admin/articles/article/add/")
    menubar = page.locator(".prose-menubar").first
    expect(menubar.locator('[title="Tebal"]')).to_have_count(1)
    titles = menubar.locator("[title]").evaluate_all("els => els.map(e => e.title)")
    english = {"bold", "italic", "undo", "redo", "figure", "insert link", "unordered list"}
    assert english.isdisjoint(titles), titles
    options = menubar.locator(".prose-menubar__option").all_text_contents()
    assert "Judul 2" in options, options
    assert "Heading 2" not in options, options
    menubar.locator('[title="Gambar"]').click()
    dialog = page.locator("dialog[open]")
    expect(dialog).to_contain_text("Sisipkan gambar")
    expect(dialog).to_contain_text("URL gambar")
    expect(dialog).not_to_contain_text("Image URL")
