"""Autosave: per user and article, never over the article, offered back, dropped on save."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article, ArticleAutosave
from tests.articles.admin_helpers import form_data
from tests.factories import make_article, make_category, make_member

pytestmark = pytest.mark.django_db

AUTOSAVE = "/admin/articles/article/autosave/"


@pytest.fixture
def editor(client):
    user = make_member("Editor", "dewi")
    client.force_login(user)
    return user


def test_autosave_keeps_the_text_aside_and_leaves_the_article_alone(client, editor):
    article = make_article("Judul Terbit", body="<p>Teks terbit.</p>")
    answer = client.post(
        AUTOSAVE,
        {
            "article": article.pk,
            "title": "Judul Baru",
            "excerpt": "Ringkas",
            "body": "<p>Teks baru</p><script>alert(1)</script>",
        },
    ).json()
    assert answer["message"].startswith("Tersimpan otomatis ")
    draft = ArticleAutosave.objects.get(user=editor, article=article)
    assert draft.title == "Judul Baru"
    assert draft.body == "<p>Teks baru</p>"  # sanitized like the body itself
    article.refresh_from_db()
    assert article.title == "Judul Terbit"
    assert article.body == "<p>Teks terbit.</p>"


def test_a_second_autosave_replaces_the_first(client, editor):
    article = make_article()
    for text in ("pertama", "kedua"):
        client.post(AUTOSAVE, {"article": article.pk, "title": text, "body": ""})
    assert list(ArticleAutosave.objects.values_list("title", flat=True)) == ["kedua"]


def test_the_draft_is_offered_back_only_while_newer_than_the_article(client, editor):
    article = make_article("Asli")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        client.post(AUTOSAVE, {"article": article.pk, "title": "Diketik", "body": "<p>x</p>"})
    answer = client.get(AUTOSAVE, {"article": article.pk}).json()
    assert answer["draft"] == {"title": "Diketik", "excerpt": "", "body": "<p>x</p>"}
    assert "lebih baru" in answer["message"]
    # Someone saved the article after the autosave: the older draft is not offered.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=10)):
        article.save()
    assert client.get(AUTOSAVE, {"article": article.pk}).json() == {"draft": None}


def test_saving_the_article_drops_the_autosave(client, editor):
    category = make_category("Nasional", slug="nasional")
    article = make_article("Asli", category=category, author=editor)
    client.post(AUTOSAVE, {"article": article.pk, "title": "Diketik", "body": ""})
    client.post(AUTOSAVE, {"article": "", "title": "Artikel baru", "body": ""})
    response = client.post(
        f"/admin/articles/article/{article.pk}/change/",
        form_data(category, editor, title="Asli Diubah", slug=article.slug),
    )
    assert response.status_code == 302
    assert not ArticleAutosave.objects.filter(user=editor).exists()


def test_the_add_form_has_its_own_draft_per_user(client, editor):
    client.post(AUTOSAVE, {"article": "", "title": "Belum ada artikelnya", "body": ""})
    other = make_member("Editor", "lain")
    client.force_login(other)
    assert client.get(AUTOSAVE).json() == {"draft": None}
    client.force_login(editor)
    assert client.get(AUTOSAVE).json()["draft"]["title"] == "Belum ada artikelnya"


def test_discard_deletes_the_draft(client, editor):
    article = make_article()
    client.post(AUTOSAVE, {"article": article.pk, "title": "x", "body": ""})
    client.post(AUTOSAVE, {"article": article.pk, "discard": "1"})
    assert not ArticleAutosave.objects.exists()


def test_nobody_autosaves_into_an_article_they_may_not_edit(client):
    """An author cannot reach another's article; a contributor cannot once it is published."""
    others = make_article("Milik Orang Lain")
    author = make_member("Author", "rina")
    client.force_login(author)
    assert client.post(AUTOSAVE, {"article": others.pk, "title": "x"}).status_code == 404
    contributor = make_member("Contributor", "budi")
    published = make_article("Sudah Terbit", author=contributor)
    client.force_login(contributor)
    assert client.post(AUTOSAVE, {"article": published.pk, "title": "x"}).status_code == 403
    assert client.get(AUTOSAVE, {"article": "abc"}).status_code == 404
    assert not ArticleAutosave.objects.exists()
    assert Article.objects.get(pk=published.pk).title == "Sudah Terbit"


def test_the_form_carries_the_autosave_address(client, editor):
    article = make_article()
    html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert f'data-autosave-url="{AUTOSAVE}?article={article.pk}"' in html
    assert "js/admin-autosave.js" in html


def test_an_autosave_past_the_limit_is_refused_with_a_message(client, editor, settings):
    """100,000 spaces and an "x" froze the site once; past the limit nothing is stored or
    sanitized, and the desk says why (the form keeps the text: autosave only copies it)."""
    body = " " * (settings.NEWSROOM_BODY_MAX_LENGTH + 1) + "x"
    response = client.post(AUTOSAVE, {"title": "Judul", "excerpt": "", "body": body})
    assert response.status_code == 400
    assert response.json()["message"] == (
        "Tidak tersimpan otomatis: isi lebih panjang dari 200.000 karakter."
    )
    assert not ArticleAutosave.objects.exists()
    english = client.post(
        AUTOSAVE, {"title": "", "excerpt": "e" * 6000, "body": ""}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.json()["message"] == (
        "Not autosaved: the excerpt is longer than 5,000 characters."
    )
