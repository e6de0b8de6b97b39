"""The editorial admin: roles, scheduling, bulk actions, history, bad input."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.admin_helpers import ADD_URL, LIST_URL, NOW, change_url, form_data, login
from tests.factories import image_bytes, make_article, upload

pytestmark = pytest.mark.django_db


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


def test_admin_speaks_english_when_asked(client, editor):
    """The admin follows the browser's language: English for an English browser."""
    login(client, editor)
    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Awaiting review" in page


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
