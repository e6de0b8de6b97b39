"""The editor's desk in a real Chromium: one-click moderation, the dashboard, autosave, ..."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from comments.models import Comment
from tests.factories import make_article, make_category, make_comment, make_member

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


def leave_the_form(page):
    """Submit the changed form (it comes back with errors, unchanged): without this, closing the
    page after the test would send the autosave beacon to a server whose test has ended."""
    page.click("input[name=_save]")
    expect(page.locator(".errornote")).to_be_visible()


def row_of(page, comment):
    return page.locator(f".moderation-row[data-comment='{comment.pk}']")


def test_comment_approved_with_one_click_then_undone_without_a_reload(site, page, log_in):
    """Approve on the row: the status changes in place and in the database; Undo restores it."""
    article = make_article("Artikel Moderasi")
    held = make_comment(article, status=Comment.Status.PENDING, author_name="Sari", body="Bagus!")
    log_in("Editor", "redaktur")
    page.goto(site + "/admin/comments/comment/")
    page.evaluate("window.notReloaded = true")
    row = row_of(page, held)
    row.get_by_role("button", name="Setujui").click()
    expect(page.locator("#moderation-status")).to_contain_text("Komentar dari Sari disetujui.")
    expect(page.locator("tr", has=row).locator(".comment-status")).to_have_text("Disetujui")
    expect(row.get_by_role("button", name="Setujui")).to_be_hidden()
    held.refresh_from_db()
    assert held.status == Comment.Status.APPROVED

    page.get_by_role("button", name="Urungkan").click()
    expect(page.locator("tr", has=row).locator(".comment-status")).to_have_text("Menunggu")
    expect(page.locator("#moderation-status")).to_contain_text("dikembalikan ke moderasi")
    held.refresh_from_db()
    assert held.status == Comment.Status.PENDING
    assert page.evaluate("window.notReloaded") is True


def test_keyboard_moves_through_the_queue_and_moderates_and_replies(site, page, log_in):
    """J/K move the highlight; S marks spam, T trashes; R opens a reply sent as the editor."""
    article = make_article("Artikel Antrean")
    first = make_comment(article, status=Comment.Status.PENDING, author_name="Ani")
    second = make_comment(article, status=Comment.Status.PENDING, author_name="Budi")
    editor = log_in("Editor", "redaktur")
    page.goto(site + "/admin/comments/comment/")
    # Newest first: Budi's comment leads the queue.
    page.keyboard.press("j")
    expect(page.locator("tr.moderation-current")).to_contain_text("Budi")
    page.keyboard.press("s")
    expect(page.locator("#moderation-status")).to_contain_text("ditandai sebagai spam")
    page.keyboard.press("j")
    expect(page.locator("tr.moderation-current")).to_contain_text("Ani")
    page.keyboard.press("k")
    expect(page.locator("tr.moderation-current")).to_contain_text("Budi")
    page.keyboard.press("t")
    expect(page.locator("#moderation-status")).to_contain_text("tempat sampah")
    second.refresh_from_db()
    assert second.status == Comment.Status.TRASH

    page.keyboard.press("j")
    page.keyboard.press("r")
    reply_box = page.get_by_label("Balasan Anda")
    expect(reply_box).to_be_focused()
    reply_box.fill("Terima kasih, Ani.")
    page.get_by_role("button", name="Kirim balasan").click()
    status = page.locator("#moderation-status")
    expect(status).to_contain_text("Balasan Anda untuk Ani sudah terbit")
    reply = Comment.objects.get(parent=first)
    assert reply.user == editor
    assert reply.status == Comment.Status.APPROVED
    first.refresh_from_db()
    assert first.status == Comment.Status.APPROVED

    # The reply is on the article, under Ani's comment.
    page.get_by_role("link", name="Lihat di artikel").click()
    expect(page.locator(f"#comment-{first.pk} #comment-{reply.pk}")).to_contain_text(
        "Terima kasih, Ani."
    )


def test_article_list_links_each_count_to_its_comments_with_a_pending_badge(site, page, log_in):
    article = make_article("Artikel Ramai")
    make_comment(article)
    make_comment(article, status=Comment.Status.PENDING, author_name="Citra")
    log_in("Editor", "redaktur")
    page.goto(site + "/admin/articles/article/?q=Ramai")
    page.get_by_role("link", name="1 menunggu").click()
    expect(page).to_have_url(re.compile(r"status__exact=pending"))
    expect(page.locator(".moderation-row")).to_have_count(1)
    expect(page.locator(".moderation-row")).to_contain_text("Komentar nomor")


def test_dashboard_shows_counts_recent_work_and_the_30_day_chart(site, page, log_in):
    """The admin home: counts link to their lists, the chart draws 30 days of two bars."""
    log_in("Editor", "redaktur")
    page.goto(site + "/admin/")
    glance = page.locator("#at-a-glance")
    published = Article.objects.published().count()
    expect(glance.locator("div", has_text="Terbit").locator("dd")).to_have_text(str(published))
    expect(page.locator("#recently-published li").first).to_be_visible()
    expect(page.locator("#recent-comments li").first).to_be_visible()
    chart = page.get_by_role("img", name=re.compile("30 hari terakhir"))
    expect(chart).to_be_visible()
    expect(chart.locator(".activity-chart__bar--articles")).to_have_count(30)
    expect(chart.locator(".activity-chart__bar--comments")).to_have_count(30)
    page.get_by_text("Angkanya, hari demi hari").click()
    expect(page.locator(".activity-chart__data tbody tr")).to_have_count(30)
    glance.get_by_role("link", name="Terbit").click()
    expect(page).to_have_url(re.compile(r"status__exact=published"))


def test_autosave_brings_the_body_back_after_the_page_is_closed(site, context, page, log_in):
    """Type, the half-minute autosave runs, the tab is closed; on return, Restore brings back
    the title and the body; the article itself was never changed."""
    editor = log_in("Editor", "redaktur")
    article = make_article("Judul Asli", author=editor, body="<p>Teks asli.</p>")
    url = f"{site}/admin/articles/article/{article.pk}/change/"
    page.clock.install()
    page.goto(url)
    page.fill("#id_title", "Judul Sedang Ditulis")
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.press("End")
    page.keyboard.type(" Paragraf yang belum disimpan.")
    page.clock.run_for(31_000)
    expect(page.locator(".autosave-status")).to_have_text(re.compile(r"^Tersimpan otomatis \d"))

    # Leaving with unsaved changes asks first.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    with page.expect_event("close"):
        page.close(run_before_unload=True)
    assert dialogs == ["beforeunload"]
    article.refresh_from_db()
    assert article.title == "Judul Asli"

    again = context.new_page()
    again.goto(url)
    offer = again.locator(".autosave-offer")
    expect(offer).to_contain_text("lebih baru")
    expect(again.locator("#id_title")).to_have_value("Judul Asli")
    offer.get_by_role("button", name="Pulihkan teks yang tersimpan otomatis").click()
    expect(again.locator("#id_title")).to_have_value("Judul Sedang Ditulis")
    restored = again.locator(".ProseMirror[contenteditable=true]")
    expect(restored).to_contain_text("Teks asli. Paragraf yang belum disimpan.")
    again.click("input[name=_continue]")
    expect(again.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.title == "Judul Sedang Ditulis"
    assert "Paragraf yang belum disimpan." in article.body


def test_quick_edit_from_the_list_changes_category_and_status(site, page, log_in):
    """A row's Quick edit link: a small form, back to the list with the article changed."""
    log_in("Editor", "redaktur")
    article = make_article("Draf Untuk Diubah Cepat", status=Article.Status.DRAFT)
    page.goto(site + "/admin/articles/article/?q=Diubah+Cepat")
    page.get_by_role("link", name="Ubah cepat: Draf Untuk Diubah Cepat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ubah cepat")
    page.get_by_label("Status").select_option("published")
    page.get_by_label("Kategori").select_option(label="Olahraga")
    page.get_by_role("button", name="Simpan perubahan").click()
    expect(page.locator(".messagelist .success")).to_have_text("1 artikel diubah.")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.category.name == "Olahraga"


def test_bulk_edit_through_the_list_action(site, page, log_in):
    log_in("Editor", "redaktur")
    first = make_article("Massal Satu", status=Article.Status.DRAFT)
    second = make_article("Massal Dua", status=Article.Status.DRAFT)
    page.goto(site + "/admin/articles/article/?q=Massal")
    page.locator("#action-toggle").check()
    page.select_option("select[name=action]", "edit_selected")
    page.click("button[name=index]")
    expect(page.get_by_role("heading", level=2, name="2 artikel yang Anda ubah")).to_be_visible()
    page.get_by_label("Status").select_option("pending")
    page.get_by_label("Tag").fill("Sorotan")
    page.get_by_role("button", name="Simpan perubahan").click()
    expect(page.locator(".messagelist .success")).to_have_text("2 artikel diubah.")
    for article in (first, second):
        article.refresh_from_db()
        assert article.status == Article.Status.PENDING
        assert article.tags.names()[0] == "Sorotan"


def test_writing_aids_count_words_show_the_address_and_offer_a_free_slug(site, page, log_in):
    log_in("Editor", "redaktur")
    today = timezone.localtime()
    make_article("Pasar Ramai", slug="pasar-ramai", published_at=today)
    page.goto(site + "/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially("Pasar Ramai")
    note = page.locator(".slug-url")
    expect(note).to_contain_text(f"/{today:%Y/%m/%d}/pasar-ramai/")
    expect(note).to_contain_text("“pasar-ramai-2” masih bebas")
    note.get_by_role("button", name="Pakai").click()
    expect(page.locator("#id_slug")).to_have_value("pasar-ramai-2")
    expect(note).not_to_contain_text("masih bebas")

    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Pedagang sayur menggelar lapak sejak subuh di pasar induk.")
    expect(page.locator(".writing-count")).to_have_text("9 kata, sekitar 1 menit membaca")
    preview = page.locator(".search-preview")
    expect(preview.locator(".search-preview__title")).to_have_text("Pasar Ramai")
    expect(preview.locator(".search-preview__url")).to_contain_text("/pasar-ramai-2/")
    expect(preview.locator(".search-preview__description")).to_have_text(
        "Pedagang sayur menggelar lapak sejak subuh di pasar induk."
    )
    page.fill("#id_excerpt", "Ringkasan untuk mesin pencari.")
    expect(preview.locator(".search-preview__description")).to_have_text(
        "Ringkasan untuk mesin pencari."
    )
    leave_the_form(page)


def test_edit_link_shows_for_an_editor_and_not_for_a_reader_on_the_same_cached_page(
    site, browser, page, log_in
):
    """The editor's browser is handed the very bytes a reader got (as a shared cache would):
    the script adds the Edit link for the editor only."""
    import urllib.request

    article = Article.objects.published().first()
    url = site + article.get_absolute_url()
    with urllib.request.urlopen(url) as response:
        cached = response.read()
        assert "public" in response.headers["Cache-Control"]

    reader = browser.new_context(locale="id-ID")
    reader_page = reader.new_page()
    asked = []
    reader_page.on(
        "request", lambda r: asked.append(r.url) if "/admin/edit-link/" in r.url else None
    )
    reader_page.goto(url, wait_until="load")  # deferred scripts have run by then
    expect(reader_page.locator(".entry__title")).to_have_text(article.title)
    expect(reader_page.locator(".entry__edit")).to_have_count(0)
    assert asked == []  # a reader's browser does not even ask
    reader.close()

    log_in("Editor", "redaktur")
    page.route(url, lambda route: route.fulfill(body=cached, content_type="text/html"))
    page.goto(url)
    link = page.locator(".entry__edit a")
    expect(link).to_have_text("Sunting")
    link.click()
    expect(page).to_have_url(re.compile(rf"/admin/articles/article/{article.pk}/change/$"))

    # After signing out, the marker is gone and so is the link.
    page.goto(site + "/admin/")
    page.locator("#logout-form button").click()
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "/admin/edit-link/" in r.url else None)
    page.goto(url, wait_until="load")
    expect(page.locator(".entry__edit")).to_have_count(0)
    assert asked == []


def test_password_reset_from_the_login_page_and_remember_me(site, page, context):
    """Forgotten password: the mailed link sets a new one; signing in without "remember me"
    gives a session cookie that ends with the browser."""
    from django.core import mail

    make_member("Editor", "lupa", email="lupa@example.com")
    page.goto(site + "/admin/login/")
    page.get_by_role("link", name="Lupa kredensial masuk?").click()
    page.get_by_label("Alamat email").fill("lupa@example.com")
    page.get_by_role("button").filter(has_text=re.compile("sandi", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("telah dikirim")
    link = re.search(r"https?://\S+/admin/password-reset/\S+/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_label("Sandi baru:").fill("sandi-baru-yang-panjang-42")
    page.get_by_label("Konfirmasi sandi:").fill("sandi-baru-yang-panjang-42")
    page.get_by_role("button").filter(has_text=re.compile("sandi", re.I)).click()
    page.get_by_role("link", name="Masuk").click()
    page.fill("#id_username", "lupa")
    page.fill("#id_password", "sandi-baru-yang-panjang-42")
    expect(page.get_by_label("Ingat saya")).not_to_be_checked()
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("#user-tools")).to_be_visible()
    session = next(c for c in context.cookies() if c["name"] == "sessionid")
    assert session["expires"] == -1


def test_image_uploaded_in_the_body_editor_appears_in_the_article_with_srcset(site, page, log_in):
    """Upload from disk above the body editor: the image lands in the body, the published
    article serves it with a srcset, and the library says where it is used."""
    from tests.factories import image_bytes

    log_in("Editor", "redaktur")
    page.goto(site + "/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially("Pasar Terapung Banjarmasin")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Perahu-perahu pedagang memenuhi sungai.")
    page.keyboard.press("Enter")
    box = page.locator(".media-upload")
    box.get_by_label("Berkas gambar").set_input_files(
        files=[{"name": "pasar.png", "mimeType": "image/png", "buffer": image_bytes()}]
    )
    box.get_by_label("Teks alternatif").fill("Perahu pedagang di sungai")
    box.get_by_label("Keterangan").fill("Pasar terapung pagi hari")
    box.get_by_role("button", name="Unggah dan sisipkan").click()
    expect(box.get_by_role("status")).to_have_text(
        "Gambar sudah masuk ke isi, di tempat kursor tadi."
    )
    editor_image = page.locator(".ProseMirror[contenteditable=true] img")
    expect(editor_image).to_have_attribute("alt", "Perahu pedagang di sungai")
    choose = page.locator(".field-category .select2-selection")
    choose.click()
    page.fill(".select2-search__field", "Nasional")
    page.locator(".select2-results__option", has_text=re.compile("^Nasional$")).click()
    page.select_option("#id_status", "published")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()

    article = Article.objects.get(title="Pasar Terapung Banjarmasin")
    page.goto(site + article.get_absolute_url())
    image = page.locator(".entry__content img")
    expect(image).to_have_attribute("srcset", re.compile(r"pasar-640w\.jpg 640w"))
    expect(image).to_have_attribute("alt", "Perahu pedagang di sungai")
    expect(page.locator(".entry__content figcaption")).to_have_text("Pasar terapung pagi hari")

    page.goto(site + "/admin/articles/mediaimage/")
    page.get_by_role("link", name="Perahu pedagang di sungai").first.click()
    expect(page.locator(".where-used")).to_contain_text("Pasar Terapung Banjarmasin")


def test_an_earlier_library_image_is_chosen_and_inserted_into_the_body(site, page, log_in):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.media_library import library_add
    from tests.factories import image_bytes

    log_in("Author", "penulis")
    library_add(
        upload=SimpleUploadedFile("monas.png", image_bytes(), "image/png"), alt="Tugu Monas"
    )
    page.goto(site + "/admin/articles/article/add/")
    box = page.locator(".media-upload")
    box.get_by_label("Atau pilih gambar sebelumnya").select_option(label="Tugu Monas")
    box.get_by_role("button", name="Sisipkan", exact=True).click()
    image = page.locator(".ProseMirror[contenteditable=true] img")
    expect(image).to_have_attribute("alt", "Tugu Monas")
    expect(image).to_have_attribute("src", re.compile(r"/media/library/.*monas-960w\.jpg$"))
    leave_the_form(page)


FITS = """() => {
    const box = document.querySelector('#changelist .results');
    const table = box.querySelector('table');
    const headers = [...table.querySelectorAll('thead th')].map((th) => {
        const r = th.getBoundingClientRect();
        return {name: th.textContent.trim(), right: Math.round(r.right)};
    });
    return {box: box.clientWidth, table: Math.round(table.getBoundingClientRect().width),
            scroll: box.scrollWidth, headers, viewport: document.documentElement.clientWidth,
            page: document.documentElement.scrollWidth};
}"""


def test_the_article_and_comment_lists_fit_a_1280px_screen(site, page, log_in):
    """Every column, the comment count and "Ubah cepat" included, is in view without scrolling
    sideways, on the article list and the comment list (long titles and names)."""
    article = make_article(
        "Pemerintah Umumkan Paket Kebijakan Ekonomi Baru untuk Menjaga Daya Beli Masyarakat",
        category=make_category("Ekonomi dan Bisnis Internasional"),
    )
    body = "Kebijakan ini semoga benar-benar sampai ke masyarakat kecil di daerah."
    make_comment(article, author_name="Bambang Sutrisno Wibowo", body=body)
    log_in("Editor", "redaktur")
    page.set_viewport_size({"width": 1280, "height": 800})
    for path, last in [
        ("/admin/articles/article/", "Ubah cepat"),
        ("/admin/comments/comment/", None),
    ]:
        page.goto(site + path)
        found = page.evaluate(FITS)
        assert found["scroll"] <= found["box"], (path, found)
        assert found["page"] <= found["viewport"], (path, found)
        assert all(h["right"] <= found["viewport"] for h in found["headers"]), (path, found)
        if last:
            assert found["headers"][-1]["name"] == last
