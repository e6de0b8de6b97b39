"""Issue 9, editors: restoring revisions, images across errors, schedule, publish now, language."""

import datetime
import html
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.admin_helpers import ADD_URL, LIST_URL, NOW, change_url, form_data, login
from tests.factories import (
    image_bytes,
    make_article,
    make_category,
    make_member,
    make_page,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def category():
    return make_category("Nasional", slug="nasional")


@pytest.fixture
def editor():
    return make_member("Editor", "dewi", first_name="Dewi", last_name="Lestari")


@pytest.fixture
def contributor():
    return make_member("Contributor", "budi")


def field_errors(page, field):
    match = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', page, re.S)
    return re.findall(r"<li>(.*?)</li>", match.group(1)) if match else []


# "Publish now" means now.

TYPED = datetime.datetime(2015, 3, 1, 3, 0, tzinfo=datetime.UTC)


@time_machine.travel(NOW, tick=False)
def test_bulk_publish_now_ignores_a_date_a_contributor_typed(client, editor, contributor, category):
    """A pending draft dated 2015 by its contributor is published now, on today's address."""
    draft = make_article(
        author=contributor, category=category, status="pending", published_at=TYPED
    )
    login(client, editor)
    client.post(LIST_URL, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert draft.published_at == NOW
    assert Article.objects.published().filter(pk=draft.pk).exists()
    local = timezone.localtime(NOW)
    assert draft.get_absolute_url().startswith(f"/{local:%Y}/{local:%m}/{local:%d}/")


def test_bulk_publish_again_keeps_the_date_of_an_article_that_was_live(client, editor, category):
    """Returned to draft and published again: its date (and address) stay."""
    when = timezone.now().replace(microsecond=0) - datetime.timedelta(days=3)
    article = make_article(category=category, published_at=when)
    article.status = Article.Status.DRAFT
    article.save()
    login(client, editor)
    client.post(LIST_URL, {"action": "publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == when


@time_machine.travel(NOW, tick=False)
def test_publishing_in_the_form_ignores_a_typed_past_date_unless_back_dated(
    client, editor, contributor, category
):
    """Status "Published" on a contributor's dated draft means now; "Back-date" keeps the date."""
    draft = make_article(
        author=contributor, category=category, status="pending", published_at=TYPED
    )
    login(client, editor)
    data = form_data(category, author=contributor, when=TYPED, slug=draft.slug, status="published")
    assert client.post(change_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.published_at == NOW
    other = make_article(author=contributor, category=category, status="pending", published_at=None)
    data = form_data(
        category, author=contributor, when=TYPED, slug=other.slug, status="published", backdate="on"
    )
    assert client.post(change_url(other), data).status_code == 302
    other.refresh_from_db()
    assert other.published_at == TYPED


def test_only_editors_are_offered_back_dating(client, editor, contributor):
    login(client, editor)
    assert 'name="backdate"' in client.get(ADD_URL).content.decode()
    login(client, contributor)
    assert 'name="backdate"' not in client.get(ADD_URL).content.decode()


# Scheduling: the effective state, the time zone, one error.


def test_a_scheduled_article_that_went_live_reads_published_in_list_and_form(
    client, editor, category
):
    with time_machine.travel(NOW, tick=False):
        article = make_article(
            "Sudah Tayang",
            category=category,
            status=Article.Status.SCHEDULED,
            published_at=NOW + datetime.timedelta(hours=1),
        )
    with time_machine.travel(NOW + datetime.timedelta(hours=2), tick=False):
        login(client, editor)
        rows = client.get(LIST_URL).content.decode()
        row = rows[rows.index("Sudah Tayang") :]
        row = row[: row.index("</tr>")]
        assert "Terbit" in row
        assert "Terjadwal" not in row
        published = client.get(LIST_URL, {"status__exact": "published"}).content.decode()
        assert "Sudah Tayang" in published
        scheduled = client.get(LIST_URL, {"status__exact": "scheduled"}).content.decode()
        assert "Sudah Tayang" not in scheduled
        form = client.get(change_url(article)).content.decode()
        assert '<option value="published" selected>' in form


@time_machine.travel(NOW, tick=False)
def test_a_published_article_with_a_future_time_reads_scheduled_in_list_and_filter(
    client, editor, category
):
    """Readers cannot see it yet (published() says so), so the admin does not call it published."""
    make_article(
        "Belum Tayang",
        category=category,
        status=Article.Status.PUBLISHED,
        published_at=NOW + datetime.timedelta(hours=1),
    )
    login(client, editor)
    rows = client.get(LIST_URL).content.decode()
    row = rows[rows.index("Belum Tayang") :]
    row = row[: row.index("</tr>")]
    assert "Terjadwal" in row
    scheduled = client.get(LIST_URL, {"status__exact": "scheduled"}).content.decode()
    published = client.get(LIST_URL, {"status__exact": "published"}).content.decode()
    assert "Belum Tayang" in scheduled
    assert "Belum Tayang" not in published


@time_machine.travel(NOW, tick=False)
def test_saving_a_scheduled_article_says_when_it_goes_live_in_wib(client, editor, category):
    login(client, editor)
    later = datetime.datetime(2026, 11, 28, 18, 13, tzinfo=datetime.UTC)  # 01.13 WIB next day
    data = form_data(category, author=editor, when=later, status=Article.Status.SCHEDULED)
    page = client.post(ADD_URL, data, follow=True).content.decode()
    assert "Dijadwalkan terbit 29 Nov 2026, 01.13 WIB." in page
    form = client.get(ADD_URL).content.decode()
    assert "Waktu dalam WIB (Asia/Jakarta)." in form


@time_machine.travel(NOW, tick=False)
def test_scheduling_in_the_past_gives_one_error(client, editor, category):
    login(client, editor)
    past = NOW - datetime.timedelta(hours=2)
    data = form_data(category, author=editor, when=past, status=Article.Status.SCHEDULED)
    page = client.post(ADD_URL, data).content.decode()
    errors = field_errors(page, "published_at")
    assert len(errors) == 1
    assert errors[0].startswith("Waktu ini sudah lewat")


# Restoring a revision: content back, the article stays live.


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def restore_url(article, revision):
    return reverse("admin:articles_article_simple_history", args=[article.pk, revision.history_id])


def restore_form_data(page):
    """What the browser posts from the restore page: every field as the page shows it."""
    data = {}
    for name, value in re.findall(
        r'<input type="(?:text|hidden|number)" name="([^"]+)" value="([^"]*)"', page
    ):
        data[name] = html.unescape(value)
    for name, body in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[name] = html.unescape(body.strip())
    for name, attrs, options in re.findall(
        r'<select name="([^"]+)"([^>]*)>(.*?)</select>', page, re.S
    ):
        chosen = re.findall(r'<option value="([^"]*)" selected>', options)
        if "multiple" in attrs:  # a multiple select posts each chosen value, or nothing
            data[name] = chosen
        else:
            data[name] = chosen[0] if chosen else ""
    for name in re.findall(r'<input type="checkbox" name="([^"]+)"[^>]*checked', page):
        data[name] = "on"
    data["_save"] = "Simpan"
    return data


@pytest.fixture
def edited_live_article(client, editor, category):
    """Written as a draft, published, then retitled and rewritten: three revisions."""
    login(client, editor)
    client.post(ADD_URL, form_data(category, author=editor, title="Judul Pertama"))
    article = Article.objects.get()
    data = form_data(category, author=editor, slug=article.slug, status="published")
    client.post(change_url(article), {**data, "title": "Judul Pertama"})
    article.refresh_from_db()
    data = form_data(
        category,
        author=editor,
        slug=article.slug,
        status="published",
        when=article.published_at,
        title="Judul Kedua",
        body="<p>Gempa berkekuatan 6,1 mengguncang wilayah itu pada Senin pagi.</p>",
    )
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.is_public
    return article


def test_restoring_a_draft_revision_keeps_the_article_published(
    client, editor, edited_live_article
):
    """The draft revision's text comes back; status, time and address stay; the message says so."""
    article = edited_live_article
    url_before, published_at = article.get_absolute_url(), article.published_at
    first = article.history.order_by("history_date").first()
    assert first.status == Article.Status.DRAFT
    page = client.get(restore_url(article, first)).content.decode()
    assert 'name="status"' not in page  # shown, not posted
    response = client.post(restore_url(article, first), restore_form_data(page), follow=True)
    article.refresh_from_db()
    assert article.title == "Judul Pertama"
    assert "Senin pagi" not in article.body
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == published_at
    assert article.get_absolute_url() == url_before
    client.logout()
    assert client.get(url_before).status_code == 200
    message = response.content.decode()
    assert "judul, isi" in message
    assert "Artikel tetap terbit, di alamat yang sama." in message


def test_a_stale_restore_post_cannot_unpublish(client, editor, category, edited_live_article):
    """Even a post carrying the revision's status and an empty time leaves the article live."""
    article = edited_live_article
    first = article.history.order_by("history_date").first()
    data = form_data(category, author=editor, slug=article.slug, title="Judul Pertama")
    client.post(restore_url(article, first), data)
    article.refresh_from_db()
    assert article.title == "Judul Pertama"
    assert article.is_public


def test_restoring_status_and_time_is_an_explicit_choice(client, editor, edited_live_article):
    article = edited_live_article
    first = article.history.order_by("history_date").first()
    page = client.get(restore_url(article, first)).content.decode()
    data = {**restore_form_data(page), "restore_publication": "on"}
    client.post(restore_url(article, first), data)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert not article.is_public


def test_revision_list_is_readable(client, editor, edited_live_article):
    """A word diff of title and body, labels and WIB times; no cut values, codes or "None"."""
    article = edited_live_article
    page = client.get(history_url(article)).content.decode()
    text = re.sub(r"<[^>]+>", " ", page)
    assert "<del>Pertama</del> <ins>Kedua</ins>" in page
    assert "<del>itu.</del> <ins>itu pada Senin pagi.</ins>" in page
    assert "Draf &rarr; Terbit" in page
    assert "Status:" in text
    assert "Waktu terbit:" in text
    assert "WIB" in text
    for raw in ("chars]", "None", "published", "draft", "Changes", "CHANGES"):
        assert raw not in text, raw


# A chosen featured image survives an error elsewhere in the form.


def test_a_chosen_image_is_kept_across_an_error_and_saved_after(
    client, editor, category, django_capture_on_commit_callbacks
):
    """Title missing: the page says the image is kept; the corrected submit saves it."""
    login(client, editor)
    data = form_data(
        category,
        author=editor,
        title="",
        featured_image=upload("banjir.jpg", image_bytes("JPEG", size=(1200, 800))),
        featured_image_alt="Warga mengungsi",
    )
    page = client.post(ADD_URL, data).content.decode()
    assert not Article.objects.exists()
    assert "Gambar pilihan Anda, banjir.jpg, tetap disimpan" in page
    token = re.search(r'name="featured_image_stash" value="([^"]+)"', page).group(1)
    data = form_data(
        category,
        author=editor,
        featured_image_alt="Warga mengungsi",
        featured_image_stash=html.unescape(token),
    )
    with django_capture_on_commit_callbacks(execute=True):  # the renditions task, after commit
        assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    assert article.featured_image.name.endswith(".jpg")
    assert "banjir" in article.featured_image.name
    assert article.featured_image_renditions["width"] == 1200
    form = client.get(change_url(article)).content.decode()
    thumbnail = article.featured_image_url(320)
    assert f'<img class="featured-image-thumbnail" src="{thumbnail}"' in form


def test_a_forged_image_token_is_ignored(client, editor, category):
    login(client, editor)
    data = form_data(category, author=editor, featured_image_stash="stash/../../settings.py")
    assert client.post(ADD_URL, data).status_code == 302
    assert not Article.objects.get().featured_image


def test_page_history_reads_the_same_way(client, editor):
    """Standing pages share the readable revision list."""
    page = make_page("Tentang Kami", body="<p>Kami media lokal.</p>")
    page.body = "<p>Kami media lokal dan independen.</p>"
    page.is_published = False
    page.save()
    login(client, editor)
    html_page = client.get(reverse("admin:pages_page_history", args=[page.pk])).content.decode()
    assert "<del>lokal.</del> <ins>lokal dan independen.</ins>" in html_page
    assert "ya &rarr; tidak" in html_page
