"""With the page cache off, the costly parts of pages are still kept rendered (the article, the
lists, the comment block) and purged by the same keys as pages."""

import datetime
import gzip

import pytest
from django.utils import timezone

from articles.cachekeys import next_scheduled_time
from articles.models import Article
from comments.models import Comment, DiscussionSettings
from comments.services import comment_set_status
from tests.factories import make_article, make_category, make_comment, make_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.NEWSROOM_PAGE_CACHE = False


def test_the_comment_list_is_rendered_again_only_for_its_own_article(
    client, django_assert_num_queries
):
    a, b = make_article("A"), make_article("B")
    make_comment(a, body="Komentar lama")
    make_comment(b, body="Komentar di B")
    DiscussionSettings.load()
    for article in (a, b):
        client.get(article.get_absolute_url())
    held = make_comment(a, body="Komentar baru", status=Comment.Status.PENDING)
    assert "Komentar baru" not in client.get(a.get_absolute_url()).content.decode()
    comment_set_status(comments=Comment.objects.filter(pk=held.pk), status="approved")
    html = client.get(a.get_absolute_url()).content.decode()
    assert "Komentar baru" in html
    assert "2 komentar" in html
    # B's page is still made of its kept parts: no query at all.
    with django_assert_num_queries(0):
        assert "Komentar di B" in client.get(b.get_absolute_url()).content.decode()


def test_each_language_and_setting_has_its_own_list(client):
    article = make_article()
    parent = make_comment(article, body="Induk")
    make_comment(article, body="Balasan", parent=parent)
    indonesian = client.get(article.get_absolute_url()).content.decode()
    english = client.get("/en" + article.get_absolute_url()).content.decode()
    assert "Balas" in indonesian
    assert ">Reply<" in english
    assert 'class="children"' in indonesian
    settings = DiscussionSettings.load()
    settings.threaded = False
    settings.save()
    assert 'class="children"' not in client.get(article.get_absolute_url()).content.decode()


def test_a_reply_form_and_a_held_preview_are_never_taken_from_the_cache(client):
    article = make_article()
    comment = make_comment(article, body="Induk")
    client.get(article.get_absolute_url())
    reply = client.get(f"{article.get_absolute_url()}?replytocom={comment.pk}").content.decode()
    assert f'name="parent" id="comment_parent" value="{comment.pk}"' in reply


def test_editing_an_article_renders_its_part_again_and_leaves_others(
    client, django_assert_num_queries
):
    day = datetime.timedelta(days=1)
    a = make_article("Judul Lama", published_at=timezone.now() - 3 * day)
    make_article("Di tengah", published_at=timezone.now() - 2 * day)  # B's only neighbour
    b = make_article("Artikel B", published_at=timezone.now() - day)
    DiscussionSettings.load()
    for article in (a, b):
        client.get(article.get_absolute_url())
    a.body = "<p>Isi yang sudah diperbaiki.</p>"
    a.save()
    assert "Isi yang sudah diperbaiki." in client.get(a.get_absolute_url()).content.decode()
    with django_assert_num_queries(0):  # B's parts are all kept
        client.get(b.get_absolute_url())


def test_a_neighbour_published_or_renamed_refreshes_the_article_links(client):
    older = make_article("Lama", published_at=timezone.now() - datetime.timedelta(days=2))
    DiscussionSettings.load()
    client.get(older.get_absolute_url())
    newer = make_article("Baru Terbit", published_at=timezone.now() - datetime.timedelta(days=1))
    assert "Baru Terbit" in client.get(older.get_absolute_url()).content.decode()
    newer.title = "Baru Diganti"
    newer.save()
    html = client.get(older.get_absolute_url()).content.decode()
    assert "Baru Diganti" in html
    assert "Baru Terbit" not in html


def test_lists_show_a_new_article_and_other_lists_stay_cached(client, django_assert_num_queries):
    news, sport = make_category("Berita", slug="berita"), make_category("Bola", slug="bola")
    make_article("Berita Lama", category=news)
    make_article("Bola Lama", category=sport)
    for url in ("/", "/category/berita/", "/category/bola/"):
        client.get(url)
    make_article("Berita Terbaru", category=news, published_at=timezone.now())
    assert "Berita Terbaru" in client.get("/").content.decode()
    assert "Berita Terbaru" in client.get("/category/berita/").content.decode()
    # Sport's list and its count are still the stored ones: only the category is looked up.
    with django_assert_num_queries(1):
        html = client.get("/category/bola/").content.decode()
    assert "Bola Lama" in html
    assert "Berita Terbaru" not in html


def test_a_comment_approved_updates_the_count_on_the_cards(client):
    article = make_article("Artikel Dibahas")
    DiscussionSettings.load()
    client.get("/")
    make_comment(article)
    assert "1 Komentar" in client.get("/").content.decode()


def test_a_privacy_policy_page_appears_in_the_cached_comment_form(client):
    article = make_article()
    DiscussionSettings.load()
    assert "/kebijakan-privasi/" not in client.get(article.get_absolute_url()).content.decode()
    make_page("Kebijakan Privasi", slug="kebijakan-privasi", is_privacy_policy=True)
    assert "/kebijakan-privasi/" in client.get(article.get_absolute_url()).content.decode()


def test_each_reader_gets_a_fresh_form_token_from_the_cached_comment_block(client):
    article = make_article()
    DiscussionSettings.load()
    first = client.get(article.get_absolute_url()).content.decode()
    second = client.get(article.get_absolute_url()).content.decode()
    assert "@@" not in second
    token = 'name="token" value="'
    assert token in first
    assert token in second


def test_scheduling_an_article_is_seen_at_once_by_the_pages_expiry(client):
    """Pages and parts are kept no later than the next scheduled article's time: that time is
    kept too, and read again when an article is scheduled."""
    make_article()
    assert next_scheduled_time() is None
    when = (timezone.now() + datetime.timedelta(hours=2)).replace(microsecond=0)
    make_article("Nanti", status=Article.Status.SCHEDULED, published_at=when)
    assert next_scheduled_time() == when


def test_a_page_sent_as_rendered_is_gzipped_for_browsers_that_accept_it(client):
    article = make_article()
    DiscussionSettings.load()
    plain = client.get(article.get_absolute_url())
    packed = client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    page = gzip.decompress(packed.content).decode()
    assert article.title in page
    assert len(packed.content) < len(plain.content) / 2


def test_a_signed_in_editors_page_is_never_compressed(staff_client):
    """Their pages carry a CSRF token: compressed, its bytes could be guessed (BREACH)."""
    article = make_article()
    response = staff_client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_feeds_are_kept_until_what_they_list_changes(client, django_assert_num_queries):
    a, b = make_article("Artikel A"), make_article("Artikel B")
    DiscussionSettings.load()
    for url in ("/feed/", f"{a.get_absolute_url()}feed/", f"{b.get_absolute_url()}feed/"):
        client.get(url)
    make_article("Terbit Barusan", published_at=timezone.now())
    assert "Terbit Barusan" in client.get("/feed/").content.decode()
    make_comment(a, body="Tanggapan baru untuk A")
    assert "Tanggapan baru untuk A" in client.get(f"{a.get_absolute_url()}feed/").content.decode()
    with django_assert_num_queries(1):  # B's comment feed: only its article is looked up
        client.get(f"{b.get_absolute_url()}feed/")


def test_each_host_gets_its_own_absolute_addresses(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "www.example.com"]
    make_article()
    client.get("/feed/")
    feed = client.get("/feed/", HTTP_HOST="www.example.com").content.decode()
    assert "http://www.example.com/" in feed
    assert "http://testserver/" not in feed


def test_a_new_section_appears_in_the_kept_navigation(client):
    article = make_article()
    DiscussionSettings.load()
    client.get(article.get_absolute_url())
    make_category("Rubrik Baru", slug="rubrik-baru")
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'href="/category/rubrik-baru/"' in html
