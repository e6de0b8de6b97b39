"""The editorial admin: roles, scheduling, bulk actions, history, bad input."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import image_bytes, make_article, make_category, make_member, upload

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 23, 5, 0, tzinfo=datetime.UTC)  # 12:00 in Jakarta
ADD_URL = reverse("admin:articles_article_add")
LIST_URL = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(category, author=None, when=None, **overrides):
    """What the article form posts, with a publication time split as the admin widget does."""
    data = {
        "title": "Gempa Guncang Sulawesi Tengah",
        "slug": "gempa-guncang-sulawesi-tengah",
        "body": "<p>Gempa berkekuatan 6,1 mengguncang wilayah itu.</p>",
        "excerpt": "",
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "category": category.pk,
        "tags": "Gempa, Sulawesi",
        "featured_image_alt": "",
        "featured_image_caption": "",
        "comments_open": "on",
        "_save": "Save",
    }
    if author is not None:
        data["author"] = author.pk
    if when is not None:
        local = timezone.localtime(when)
        data["published_at_0"] = local.strftime("%Y-%m-%d")
        data["published_at_1"] = local.strftime("%H:%M:%S")
    data.update(overrides)
    return data


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def category():
    return make_category("Nasional", slug="nasional")


@pytest.fixture
def editor():
    return make_member("Editor", "dewi")


@pytest.fixture
def author():
    return make_member("Author", "rina")


@pytest.fixture
def contributor():
    return make_member("Contributor", "budi")


# Contributors: write drafts, submit them, never publish.


@pytest.mark.parametrize("status", [Article.Status.PUBLISHED, Article.Status.SCHEDULED])
def test_contributor_cannot_publish_or_schedule_from_the_add_form(
    client, contributor, category, status
):
    """Posting status=published or scheduled is refused with a clear message; nothing saved."""
    login(client, contributor)
    when = timezone.now() + datetime.timedelta(days=1)
    response = client.post(ADD_URL, form_data(category, when=when, status=status))
    assert response.status_code == 200
    assert "Anda tidak dapat menerbitkan" in response.content.decode()
    assert 'value="Gempa Guncang Sulawesi Tengah"' in response.content.decode()
    assert not Article.objects.exists()


def test_contributor_submits_a_draft_for_review_under_their_own_name(
    client, contributor, editor, category
):
    """A contributor's article is theirs, whatever author the post names."""
    login(client, contributor)
    data = form_data(category, author=editor, status=Article.Status.PENDING)
    response = client.post(ADD_URL, data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.PENDING
    assert article.author == contributor


def test_contributor_cannot_publish_their_draft_through_the_change_form(
    client, contributor, category
):
    """The change form refuses status=published for a contributor's own draft."""
    article = make_article(author=contributor, category=category, status="draft", published_at=None)
    login(client, contributor)
    data = form_data(category, status=Article.Status.PUBLISHED, slug=article.slug)
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_contributor_cannot_publish_through_the_bulk_action(client, contributor, category):
    """The publish action is not offered, and posting it anyway changes nothing."""
    article = make_article(author=contributor, category=category, status="draft", published_at=None)
    login(client, contributor)
    page = client.get(LIST_URL).content.decode()
    assert 'value="publish"' not in page
    assert 'value="submit_for_review"' in page
    client.post(LIST_URL, {"action": "publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert not Article.objects.published().exists()


def test_contributor_cannot_edit_once_published(client, contributor, category):
    """A published article of a contributor is read-only to them: a post is forbidden."""
    article = make_article("Asli", author=contributor, category=category)
    login(client, contributor)
    page = client.get(change_url(article))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = client.post(change_url(article), form_data(category, title="Diubah"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Asli"


def test_contributor_cannot_publish_by_restoring_a_published_revision(
    client, contributor, editor, category
):
    """Restoring an old revision is for editors: a contributor's post is forbidden."""
    article = make_article(author=contributor, category=category, status="draft", published_at=None)
    article.status = Article.Status.PUBLISHED
    article.save()
    article.status = Article.Status.DRAFT
    article.save()
    published_revision = article.history.filter(status=Article.Status.PUBLISHED).first()
    login(client, contributor)
    url = reverse(
        "admin:articles_article_simple_history", args=[article.pk, published_revision.history_id]
    )
    response = client.post(url, form_data(category, status=Article.Status.PUBLISHED))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_contributor_submits_drafts_with_the_bulk_action(client, contributor, category):
    """ "Submit for review" moves the contributor's drafts to pending review."""
    article = make_article(author=contributor, category=category, status="draft", published_at=None)
    login(client, contributor)
    client.post(LIST_URL, {"action": "submit_for_review", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING


# Authors: their own articles, published by themselves; nobody else's.


def test_author_publishes_their_own_article(client, author, category):
    """An author may publish: the article is public at once."""
    login(client, author)
    response = client.post(ADD_URL, form_data(category, status=Article.Status.PUBLISHED))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.author == author
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_author_cannot_see_or_change_another_authors_article(client, author, category):
    """Others' articles are not in the author's list, and their change page is not found."""
    other = make_article("Milik Orang Lain", category=category)
    login(client, author)
    assert "Milik Orang Lain" not in client.get(LIST_URL).content.decode()
    response = client.post(change_url(other), form_data(category, title="Dibajak"))
    assert response.status_code == 302  # the admin's "does not exist" redirect
    other.refresh_from_db()
    assert other.title == "Milik Orang Lain"


def test_author_cannot_change_the_byline_or_stick_an_article(client, author, editor, category):
    """Author, sticky and the lead story are the editors' decisions: posted values are ignored."""
    login(client, author)
    client.post(ADD_URL, form_data(category, author=editor, sticky="on", lead="on"))
    article = Article.objects.get()
    assert article.author == author
    assert not article.sticky
    assert not article.lead


def test_editor_sets_the_lead_story_and_the_photo_credit(client, editor, category):
    """The form has the photo credit under the featured image and the lead-story option."""
    login(client, editor)
    page = client.get(ADD_URL).content.decode()
    assert 'name="featured_image_credit"' in page
    assert 'name="lead"' in page
    data = form_data(category, editor, lead="on", featured_image_credit="Antara/Budi Santoso")
    assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    assert article.lead
    assert article.featured_image_credit == "Antara/Budi Santoso"


def test_editor_puts_a_category_on_the_home_page(client, editor, category):
    login(client, editor)
    url = f"/admin/articles/category/{category.pk}/change/"
    data = {"name": category.name, "slug": category.slug, "front_page_order": "2"}
    assert client.post(url, data).status_code == 302
    category.refresh_from_db()
    assert category.front_page_order == 2


def test_author_cannot_preview_another_authors_draft(client, author, category):
    """Previews of unpublished work: one's own, or any for an editor."""
    own = make_article(author=author, category=category, status="draft", published_at=None)
    other = make_article(category=category, status="draft", published_at=None)
    login(client, author)
    assert client.get(reverse("articles:preview", args=[own.pk])).status_code == 200
    assert client.get(reverse("articles:preview", args=[other.pk])).status_code == 404


# Editors: everything.


def test_editor_edits_and_publishes_someone_elses_article(client, editor, contributor, category):
    """An editor opens a contributor's pending article and publishes it."""
    article = make_article(
        author=contributor, category=category, status="pending", published_at=None
    )
    login(client, editor)
    data = form_data(
        category, author=contributor, slug=article.slug, status=Article.Status.PUBLISHED
    )
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.is_public
    assert article.author == contributor


def test_editor_bulk_publishes_and_returns_to_draft(client, editor, category):
    """Bulk actions change every selected article and keep a revision of each."""
    drafts = [make_article(category=category, status="draft", published_at=None) for _ in range(3)]
    pks = [a.pk for a in drafts]
    login(client, editor)
    client.post(LIST_URL, {"action": "publish", "_selected_action": pks})
    assert Article.objects.published().filter(pk__in=pks).count() == 3
    client.post(LIST_URL, {"action": "return_to_draft", "_selected_action": pks})
    assert set(Article.objects.filter(pk__in=pks).values_list("status", flat=True)) == {"draft"}
    assert drafts[0].history.count() == 3
    assert drafts[0].history.first().history_user == editor


def test_bulk_publish_refuses_a_slug_taken_that_day_with_the_models_message(
    client, editor, category
):
    """The action runs the model's full_clean(): the second draft with the same slug would
    share the day's address, so it stays a draft and the editor is told which slug is free."""
    first, second = (
        make_article(category=category, slug="sama", status="draft", published_at=None)
        for _ in range(2)
    )
    login(client, editor)
    response = client.post(
        LIST_URL, {"action": "publish", "_selected_action": [first.pk, second.pk]}, follow=True
    )
    said = [str(message) for message in response.context["messages"]]
    assert Article.objects.published().get().pk in {first.pk, second.pk}
    assert any("“sama-2”" in message for message in said)
    assert "1 artikel diterbitkan." in said


def test_editor_restores_an_earlier_revision(client, editor, category):
    """Every save keeps a revision with who made it; restoring one brings its text back."""
    login(client, editor)
    client.post(ADD_URL, form_data(category, author=editor, title="Judul Pertama"))
    article = Article.objects.get()
    client.post(change_url(article), form_data(category, author=editor, title="Judul Kedua"))
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert "Judul Pertama" in history.content.decode() or history.status_code == 200
    first = article.history.order_by("history_date").first()
    assert first.history_user == editor
    url = reverse("admin:articles_article_simple_history", args=[article.pk, first.history_id])
    assert 'name="_save"' in client.get(url).content.decode()
    client.post(url, form_data(category, author=editor, title="Judul Pertama"))
    article.refresh_from_db()
    assert article.title == "Judul Pertama"
    assert article.history.count() == 3


# Scheduling.


@time_machine.travel(NOW, tick=False)
def test_scheduling_in_the_past_is_refused_with_a_clear_message(client, editor, category):
    """Scheduled with a time that has passed: the form says so and keeps what was typed."""
    login(client, editor)
    past = NOW - datetime.timedelta(hours=2)
    data = form_data(category, author=editor, when=past, status=Article.Status.SCHEDULED)
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Waktu ini sudah lewat" in page
    assert "Gempa berkekuatan 6,1" in page
    assert not Article.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_scheduled_article_is_saved_for_later_and_appears_at_its_time(client, editor, category):
    """A future time is kept; the article is hidden until then and public after."""
    login(client, editor)
    later = NOW + datetime.timedelta(hours=3)
    data = form_data(category, author=editor, when=later, status=Article.Status.SCHEDULED)
    assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.SCHEDULED
    assert not article.is_public
    with time_machine.travel(later + datetime.timedelta(seconds=1), tick=False):
        assert Article.objects.published().filter(pk=article.pk).exists()


@time_machine.travel(NOW, tick=False)
def test_published_with_a_future_time_becomes_scheduled(client, editor, category):
    """ "Published" with a future time means scheduled: nothing shows early."""
    login(client, editor)
    later = NOW + datetime.timedelta(days=1)
    client.post(ADD_URL, form_data(category, author=editor, when=later, status="published"))
    assert Article.objects.get().status == Article.Status.SCHEDULED


def test_editing_a_scheduled_article_after_it_went_live_is_allowed(client, editor, category):
    """Fixing a typo in an article whose scheduled time passed is not a scheduling error."""
    with time_machine.travel(NOW, tick=False):
        article = make_article(
            category=category,
            author=editor,
            status=Article.Status.SCHEDULED,
            published_at=NOW + datetime.timedelta(hours=1),
        )
    with time_machine.travel(NOW + datetime.timedelta(hours=5), tick=False):
        login(client, editor)
        data = form_data(
            category,
            author=editor,
            when=article.published_at,
            slug=article.slug,
            status=Article.Status.SCHEDULED,
            title="Judul Diperbaiki",
        )
        assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.title == "Judul Diperbaiki"
    assert article.status == Article.Status.PUBLISHED


def test_changing_a_published_article_shows_it_as_updated(client, editor, category):
    """An edit after publication moves updated_at, and the page says "Diperbarui"."""
    with time_machine.travel(NOW, tick=False):
        article = make_article(category=category, author=editor, published_at=NOW)
    with time_machine.travel(NOW + datetime.timedelta(hours=2), tick=False):
        login(client, editor)
        data = form_data(
            category,
            author=editor,
            when=NOW,
            slug=article.slug,
            status=Article.Status.PUBLISHED,
            body="<p>Isi yang diperbaiki.</p>",
        )
        assert client.post(change_url(article), data).status_code == 302
        client.logout()
        page = client.get(article.get_absolute_url()).content.decode()
    assert "Diperbarui" in page


# Bad input.


def test_duplicate_slug_on_the_same_day_is_a_form_error(client, editor, category):
    """Two articles of one day cannot share a slug: the form says so and keeps the text."""
    when = timezone.now() - datetime.timedelta(minutes=5)
    make_article(slug="gempa-guncang-sulawesi-tengah", category=category, published_at=when)
    login(client, editor)
    data = form_data(category, author=editor, when=when, status=Article.Status.PUBLISHED)
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Artikel lain pada hari yang sama sudah memakai slug ini" in page
    assert "Gempa berkekuatan 6,1" in page
    assert Article.objects.count() == 1


def test_hostile_html_is_cleaned_on_save_through_the_admin(client, editor, category):
    """Scripts, handlers, styles, iframes and javascript: links never reach the database."""
    login(client, editor)
    hostile = (
        '<p onmouseover="steal()">Halo<script>alert(1)</script></p>'
        '<a href="javascript:alert(2)">klik</a><style>body{}</style>'
        '<iframe src="https://evil.example"></iframe><h2>Aman</h2>'
    )
    assert client.post(ADD_URL, form_data(category, author=editor, body=hostile)).status_code == 302
    body = Article.objects.get().body
    for bad in ("<script", "onmouseover", "javascript:", "<style", "<iframe"):
        assert bad not in body
    assert "<h2>Aman</h2>" in body


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rusak.jpg", image_bytes("JPEG")[:300], "rusak"),
        ("bukan-gambar.png", b"%PDF-1.4 not an image", "JPEG, PNG, WebP, atau GIF"),
    ],
)
def test_bad_image_is_a_form_error_and_the_text_is_kept(
    client, editor, category, name, content, message
):
    """A damaged or fake image gets a message in the form; title and body stay filled in."""
    login(client, editor)
    data = form_data(category, author=editor, featured_image=upload(name, content))
    data["featured_image_alt"] = "Foto"
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'value="Gempa Guncang Sulawesi Tengah"' in page
    assert not Article.objects.exists()


def test_image_without_alt_text_is_refused(client, editor, category):
    """Alt text is required once an image is set."""
    login(client, editor)
    data = form_data(category, author=editor, featured_image=upload("a.png", image_bytes()))
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Jelaskan gambar" in response.content.decode()


def test_uploaded_image_is_served_through_its_renditions(
    client, editor, category, django_capture_on_commit_callbacks
):
    """The renditions are a task: until it has run the article shows the (cleaned) upload;
    then the article page and the home page use the renditions, never the original upload."""
    login(client, editor)
    data = form_data(
        category,
        author=editor,
        status=Article.Status.PUBLISHED,
        featured_image=upload("banjir.jpg", image_bytes("JPEG", size=(1600, 900))),
        featured_image_alt="Warga mengungsi dengan perahu karet",
    )
    with django_capture_on_commit_callbacks() as queued:
        assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    original = article.featured_image.url
    client.logout()
    waiting = client.get(article.get_absolute_url()).content.decode()
    assert f'<img src="{original}" width="1600" height="900"' in waiting
    assert 'type="image/webp"' not in waiting
    assert f'<meta property="og:image" content="http://testserver{original}">' in waiting
    for enqueue in queued:
        enqueue()  # the worker's turn (the test settings run tasks at once)
    article.refresh_from_db()
    for url in (article.get_absolute_url(), reverse("articles:home")):
        page = client.get(url).content.decode()
        assert 'type="image/webp"' in page
        assert "banjir-640w.webp 640w" in page
        assert "banjir-320w.jpg 320w" in page
        assert 'width="1600" height="900"' in page
        assert f'"{original}"' not in page
    detail = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Warga mengungsi dengan perahu karet"' in detail
    assert article.featured_image_url(1200).endswith("banjir-1280w.jpg")
    # Link previews and feeds get the 1280 px rendition too, not the upload.
    rendition = article.featured_image_url(1200)
    assert f'<meta property="og:image" content="http://testserver{rendition}">' in detail
    feed = client.get(reverse("articles:feed")).content.decode()
    assert f'url="http://testserver{rendition}"' in feed


# The list and the admin home.


def test_article_list_query_count_does_not_grow_with_rows(
    client, editor, category, django_assert_num_queries
):
    """Listing 3 or 30 articles (authors, categories, tags) costs the same number of queries."""
    login(client, editor)
    for _ in range(3):
        make_article(category=category, tags=["Satu", "Dua"])
    client.get(LIST_URL)  # warms the cached footer pages
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST_URL).status_code == 200
    for _ in range(27):
        make_article(category=make_category(), tags=["Tiga"])
    with django_assert_num_queries(len(few)):
        assert client.get(LIST_URL).status_code == 200


def test_article_list_filters_and_searches(client, editor, category):
    """Filters by status and search by title narrow the list."""
    make_article("Banjir Jakarta", category=category, status="draft", published_at=None)
    make_article("Pemilu Daerah", category=category)
    login(client, editor)
    drafts = client.get(LIST_URL, {"status__exact": "draft"}).content.decode()
    assert "Banjir Jakarta" in drafts
    assert "Pemilu Daerah" not in drafts
    found = client.get(LIST_URL, {"q": "Pemilu"}).content.decode()
    assert "Pemilu Daerah" in found
    assert "Banjir Jakarta" not in found


def test_admin_home_shows_work_awaiting_review_and_scheduled(client, editor, author, category):
    """Editors see everyone's pending articles and what goes out next."""
    make_article("Menunggu Tinjauan", category=category, status="pending", published_at=None)
    make_article(
        "Terbit Besok",
        category=category,
        status="scheduled",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    login(client, editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Menunggu tinjauan" in page
    assert "Menunggu Tinjauan" in page
    assert "Terbit Besok" in page
    client.logout()
    login(client, author)
    assert "Menunggu Tinjauan" not in client.get(reverse("admin:index")).content.decode()


def test_categories_are_listed_as_a_tree(client, editor):
    """Child categories are indented under their parent."""
    parent = make_category("Olahraga", slug="olahraga")
    make_category("Sepak Bola", parent=parent, slug="sepak-bola")
    login(client, editor)
    page = client.get(reverse("admin:articles_category_changelist")).content.decode()
    assert page.index("Olahraga") < page.index("\u2014 Sepak Bola")


def test_admin_speaks_english_when_asked(client, editor):
    """The admin follows the browser's language: English for an English browser."""
    login(client, editor)
    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Awaiting review" in page


def test_admin_language_switch_remembers_the_choice(client, editor):
    """The admin's language buttons switch it to English and back, for that editor only."""
    login(client, editor)
    index = reverse("admin:index")
    assert "Menunggu tinjauan" in client.get(index).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": index})
    page = client.get(index).content.decode()
    assert "Awaiting review" in page
    assert 'value="id"' in page  # the button back to Indonesian
    assert client.get("/").context["LANGUAGE_CODE"] == "id"  # reader pages follow the URL


def test_tags_box_suggests_existing_tags(client, contributor):
    """Typing part of a tag's name offers the existing tags that contain it."""
    make_article(tags=["Banjir", "Banjir Rob", "Gempa"])
    login(client, contributor)
    form = client.get(ADD_URL).content.decode()
    url = reverse("admin:articles_article_tag_suggestions")
    assert f'data-suggest-url="{url}"' in form
    assert "js/admin-tag-autocomplete.js" in form
    assert client.get(url, {"q": "banj"}).json() == {"tags": ["Banjir", "Banjir Rob"]}
    assert client.get(url, {"q": ""}).json() == {"tags": []}


@pytest.mark.parametrize("q", ["\x00", "banj\x00ir"])
def test_tag_suggestions_refuse_a_nul_byte_with_a_400(client, contributor, q):
    """A NUL byte in ?q= (PostgreSQL refuses it) is a clear 400, not a server error."""
    login(client, contributor)
    response = client.get(reverse("admin:articles_article_tag_suggestions"), {"q": q})
    assert response.status_code == 400
    assert response.json()["tags"] == []
    assert response.json()["errors"]


def test_tag_suggestions_are_for_staff_only(client):
    """Readers cannot list the tags through the admin's suggestion endpoint."""
    url = reverse("admin:articles_article_tag_suggestions")
    assert client.get(url, {"q": "a"}).status_code == 302  # to the admin login


def test_clearing_the_image_removes_it_from_the_pages(
    client, editor, category, django_capture_on_commit_callbacks
):
    """Ticking "clear" drops the image and its renditions from the article's pages."""
    login(client, editor)
    data = form_data(
        category,
        author=editor,
        status=Article.Status.PUBLISHED,
        featured_image=upload("pantai.png", image_bytes()),
        featured_image_alt="Pantai",
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADD_URL, data)
    article = Article.objects.get()
    assert article.featured_image_renditions["sources"]
    data = form_data(
        category,
        author=editor,
        when=article.published_at,
        slug=article.slug,
        status=Article.Status.PUBLISHED,
        **{"featured_image-clear": "on"},
    )
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert not article.featured_image
    assert article.featured_image_renditions == {}
    assert "<picture>" not in client.get(article.get_absolute_url()).content.decode()


def test_roles_hold_their_permissions_comment_moderation_included(editor, author, contributor):
    """Editors moderate comments and may publish anyone's work; the others only their own."""
    assert editor.has_perms(
        ["comments.change_comment", "comments.delete_comment", "articles.edit_others_article"]
    )
    assert author.has_perm("articles.publish_article")
    assert not author.has_perm("articles.edit_others_article")
    assert not author.has_perm("comments.change_comment")
    assert not contributor.has_perm("articles.publish_article")
    assert not contributor.has_perm("articles.delete_article")
