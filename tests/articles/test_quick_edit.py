"""Quick edit and bulk edit from the article list, under the change form's rules."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tests.articles.admin_helpers import rendered_form
from tests.factories import make_article, make_category, make_member

pytestmark = pytest.mark.django_db

QUICK = "/admin/articles/article/quick-edit/"
LIST = "/admin/articles/article/"


def post(client, articles, **data):
    ids = ",".join(str(a.pk) for a in articles)
    fields = {"status": "", "published_at_0": "", "published_at_1": "", "category": "",
              "tags": "", "sticky": "", "comments_open": ""}  # fmt: skip
    fields.update(data)
    return client.post(f"{QUICK}?ids={ids}", fields)


@pytest.fixture
def editor(client):
    user = make_member("Editor", "dewi")
    client.force_login(user)
    return user


def test_quick_edit_changes_category_and_status_of_one_article(client, editor):
    sport = make_category("Olahraga", slug="olahraga")
    article = make_article("Draf Cepat", status=Article.Status.DRAFT, tags=["Lama"])
    form = client.get(f"{QUICK}?ids={article.pk}").content.decode()
    assert "Draf Cepat" in form
    assert 'value="Lama"' in form
    response = post(
        client, [article], status="published", category=sport.pk, tags="Bola, Liga 1",
        sticky="1", comments_open="0",
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == LIST
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at is not None
    assert article.category == sport
    assert sorted(article.tags.names()) == ["Bola", "Liga 1"]
    assert article.sticky
    assert not article.comments_open
    assert article.history.first().history_user == editor


def test_bulk_edit_changes_only_what_was_chosen(client, editor):
    """Many articles: the category changes, tags are added, the rest stays as it was."""
    economy = make_category("Ekonomi", slug="ekonomi")
    first = make_article("Satu", tags=["Pajak"], comments_open=True)
    second = make_article("Dua", status=Article.Status.DRAFT, comments_open=False)
    post(client, [first, second], category=economy.pk, tags="Anggaran")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.category == economy
    assert second.category == economy
    assert sorted(first.tags.names()) == ["Anggaran", "Pajak"]
    assert second.tags.names()[0] == "Anggaran"
    assert first.status == Article.Status.PUBLISHED
    assert second.status == Article.Status.DRAFT
    assert first.comments_open
    assert not second.comments_open


def test_the_list_action_opens_the_bulk_form(client, editor):
    a, b = make_article("A"), make_article("B")
    response = client.post(LIST, {"action": "edit_selected", "_selected_action": [a.pk, b.pk]})
    assert response.status_code == 302
    assert response["Location"].startswith(QUICK + "?ids=")
    page = client.get(response["Location"]).content.decode()
    assert "2 artikel yang Anda ubah" in page


def test_a_refused_change_is_reported_and_the_others_are_saved(client, editor):
    """Scheduling in the past is refused by the change form's rule, per article."""
    fine = make_article("Baik", status=Article.Status.DRAFT)
    yesterday = timezone.localtime() - datetime.timedelta(days=1)
    response = post(
        client, [fine], status="scheduled",
        published_at_0=yesterday.strftime("%Y-%m-%d"), published_at_1="08:00:00",
    )  # fmt: skip
    fine.refresh_from_db()
    assert fine.status == Article.Status.DRAFT
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Baik tidak diubah" in m and "sudah lewat" in m for m in messages)


def test_a_slug_clash_on_the_new_day_is_refused(client, editor):
    """Moving an article to a day that already has its slug goes through full_clean()."""
    day = timezone.localtime() - datetime.timedelta(days=3)
    make_article("Kembar", slug="kembar", published_at=day)
    moved = make_article("Kembar Juga", slug="kembar")
    post(client, [moved], published_at_0=day.strftime("%Y-%m-%d"), published_at_1="09:00:00")
    moved.refresh_from_db()
    assert timezone.localdate(moved.published_at) != day.date()


def test_contributor_cannot_publish_through_quick_edit(client):
    contributor = make_member("Contributor", "budi")
    client.force_login(contributor)
    draft = make_article("Draf Kontributor", author=contributor, status=Article.Status.DRAFT)
    form = client.get(f"{QUICK}?ids={draft.pk}").content.decode()
    assert 'value="published"' not in form
    assert 'value="scheduled"' not in form
    assert 'name="sticky"' not in form
    post(client, [draft], status="published")
    post(client, [draft], sticky="1")
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert not draft.sticky
    post(client, [draft], status="pending")
    draft.refresh_from_db()
    assert draft.status == Article.Status.PENDING


def test_contributor_cannot_quick_edit_published_or_others_articles(client):
    contributor = make_member("Contributor", "budi")
    client.force_login(contributor)
    published = make_article("Terbit", author=contributor)
    others = make_article("Orang Lain", status=Article.Status.DRAFT)
    response = post(client, [published, others], status="draft")
    assert response.status_code == 302
    assert Article.objects.get(pk=published.pk).status == Article.Status.PUBLISHED
    assert Article.objects.get(pk=others.pk).status == Article.Status.DRAFT
    assert client.get(f"{QUICK}?ids={others.pk}").status_code == 302


def test_every_row_has_a_quick_edit_link(client, editor):
    article = make_article("Berbaris")
    html = client.get(LIST).content.decode()
    assert f'href="{QUICK}?ids={article.pk}"' in html


def test_quick_edit_in_english(client, editor):
    article = make_article()
    html = client.get(f"{QUICK}?ids={article.pk}", headers={"accept-language": "en"})
    assert "No change" in html.content.decode()


def test_saving_the_quick_edit_form_unchanged_keeps_every_field(client, editor):
    """An imported post in several categories, a lead story with a photo credit: the quick
    edit form as rendered, saved with no change, keeps all of it."""
    news, sport = make_category("Berita", slug="berita"), make_category("Olahraga")
    article = make_article(
        "Banyak Kategori", tags=["Liga"], lead=True, featured_image_credit="Antara/Budi"
    )
    article.categories.add(news, sport)
    url = f"{QUICK}?ids={article.pk}"
    response = client.post(url, rendered_form(client.get(url).content.decode()))
    assert response.status_code == 302
    article.refresh_from_db()
    assert set(article.categories.all()) == {news, sport}
    assert article.lead
    assert article.featured_image_credit == "Antara/Budi"
    assert article.tags.names()[0] == "Liga"


def test_bulk_edit_keeps_each_articles_other_categories(client, editor):
    """A bulk change of the primary category leaves every article's other categories."""
    news, sport, economy = (make_category(n) for n in ("Berita", "Olahraga", "Ekonomi"))
    first, second = make_article("Satu"), make_article("Dua")
    first.categories.add(news, sport)
    second.categories.add(sport)
    url = f"{QUICK}?ids={first.pk},{second.pk}"
    data = rendered_form(client.get(url).content.decode())
    response = client.post(url, {**data, "category": economy.pk})
    assert response.status_code == 302
    assert set(first.categories.all()) == {news, sport}
    assert list(second.categories.all()) == [sport]
    assert Article.objects.get(pk=first.pk).category == economy
