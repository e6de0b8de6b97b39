"""With the page cache off, the rendered comment list is still kept, and purged like pages."""

import pytest

from comments.models import Comment, DiscussionSettings
from comments.services import comment_set_status
from tests.factories import make_article, make_comment

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
    with django_assert_num_queries(6):  # B's list still comes from the cache
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
