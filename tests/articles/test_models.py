import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from articles.models import Article, Category
from tests.factories import WIB, make_article, make_category

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)


@time_machine.travel(NOW, tick=False)
def test_published_shows_only_public_articles_whose_time_has_passed():
    """Drafts, pending and future articles stay hidden; published and due scheduled show."""
    past = NOW - datetime.timedelta(hours=1)
    future = NOW + datetime.timedelta(hours=1)
    visible = {
        make_article("published", published_at=past).pk,
        make_article("due", status=Article.Status.SCHEDULED, published_at=past).pk,
    }
    make_article("draft", status=Article.Status.DRAFT, published_at=past)
    make_article("pending", status=Article.Status.PENDING, published_at=past)
    make_article("future", status=Article.Status.SCHEDULED, published_at=future)
    make_article("future published", published_at=future)
    assert set(Article.objects.published().values_list("pk", flat=True)) == visible


def test_scheduled_article_becomes_public_at_its_time_without_any_job():
    """At its time a scheduled article is simply public: no worker flips a flag."""
    when = NOW + datetime.timedelta(minutes=30)
    with time_machine.travel(NOW, tick=False):
        article = make_article(status=Article.Status.SCHEDULED, published_at=when)
        assert not Article.objects.published().filter(pk=article.pk).exists()
        assert Article.objects.next_scheduled_time() == when
    with time_machine.travel(when + datetime.timedelta(seconds=1), tick=False):
        assert Article.objects.published().filter(pk=article.pk).exists()
        assert Article.objects.next_scheduled_time() is None


def test_body_is_sanitized_on_save():
    """Scripts, styles, event handlers and javascript: URLs never reach the page."""
    article = make_article(
        body='<p onclick="x()">Halo <script>alert(1)</script><b>tebal</b></p>'
        '<a href="javascript:alert(2)">a</a><style>p{}</style><iframe src="//e"></iframe>'
        "<h2>Judul</h2><ul><li>satu</li></ul>"
    )
    article.refresh_from_db()
    assert "<script" not in article.body
    assert "onclick" not in article.body
    assert "javascript:" not in article.body
    assert "<style" not in article.body
    assert "<iframe" not in article.body
    assert "<b>tebal</b>" in article.body
    assert "<h2>Judul</h2><ul><li>satu</li></ul>" in article.body


def test_summary_is_the_excerpt_or_the_first_55_words():
    words = " ".join(f"kata{i}" for i in range(80))
    article = make_article(body=f"<p>{words}</p>")
    assert article.summary.split()[-1] == "kata54\u2026"
    assert len(article.summary.split()) == 55
    article.excerpt = "Ringkasan singkat."
    assert article.summary == "Ringkasan singkat."


def test_summary_keeps_a_space_between_paragraphs_and_list_items():
    """A summary never glues the end of one paragraph to the start of the next."""
    article = make_article(
        body="<p>Tahun 2027.</p><p>Warga <b>di</b>imbau.</p><ul><li>a</li><li>b</li></ul>"
    )
    assert article.summary == "Tahun 2027. Warga diimbau. a b"


def test_images_in_the_text_load_lazily():
    """Images inside an article's text wait until the reader scrolls near them."""
    article = make_article(body='<p><img src="/m/a.jpg" alt="Peta" width="800" height="450"></p>')
    article.refresh_from_db()
    assert 'loading="lazy"' in article.body
    assert 'width="800" height="450"' in article.body


def test_public_article_gets_a_publication_time_when_it_has_none():
    article = make_article(published_at=None)
    assert article.published_at is not None


def test_absolute_url_uses_the_local_date_zero_padded():
    """23:30 UTC on 2 March is 3 March in Jakarta; the URL follows WordPress's shape."""
    when = datetime.datetime(2026, 3, 2, 23, 30, tzinfo=datetime.UTC)
    article = make_article(slug="pagi-di-jakarta", published_at=when)
    assert article.get_absolute_url() == "/2026/03/03/pagi-di-jakarta/"


def test_slug_must_be_unique_on_the_same_day_only():
    """One slug per day (unique_for_date); the message names a free slug."""
    day = datetime.datetime(2026, 11, 23, 8, tzinfo=WIB)
    make_article(slug="sama", published_at=day)
    clash = make_article(slug="lain", published_at=day + datetime.timedelta(hours=5))
    clash.slug = "sama"
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    [message] = error.value.message_dict["slug"]
    assert "“sama-2”" in message
    other_day = make_article(slug="x", published_at=day + datetime.timedelta(days=1))
    other_day.slug = "sama"
    other_day.full_clean()


def test_one_slug_a_day_counts_days_in_jakarta_not_utc():
    """The day is the WIB date of the address: a time given in UTC is compared as WIB.

    00:30 WIB on 23 November is 22 November in UTC, yet the same day as 08:00 WIB; 00:30 WIB
    on 24 November is 23 November in UTC, yet another day."""
    make_article(slug="sama", published_at=datetime.datetime(2026, 11, 23, 8, tzinfo=WIB))
    just_after_midnight = datetime.datetime(2026, 11, 22, 17, 30, tzinfo=datetime.UTC)
    same_day = Article(title="t", slug="sama", published_at=just_after_midnight)
    with pytest.raises(ValidationError) as error:
        same_day.validate_unique()
    assert "slug" in error.value.message_dict
    next_day = datetime.datetime(2026, 11, 23, 17, 30, tzinfo=datetime.UTC)
    Article(title="t", slug="sama", published_at=next_day).validate_unique()


def test_scheduled_article_needs_a_time():
    article = Article(title="t", slug="t", status=Article.Status.SCHEDULED)
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "published_at" in error.value.message_dict


def test_category_path_follows_its_parents_and_renames():
    sport = make_category("Olahraga", slug="olahraga")
    football = make_category("Sepak Bola", parent=sport, slug="sepak-bola")
    assert football.get_absolute_url() == "/category/olahraga/sepak-bola/"
    sport.slug = "sport"
    sport.save()
    football.refresh_from_db()
    assert football.path == "sport/sepak-bola"
    assert str(football) == "Olahraga / Sepak Bola"


def test_category_cannot_be_its_own_ancestor():
    parent = make_category("A", slug="a")
    child = make_category("B", parent=parent, slug="b")
    parent.parent = child
    with pytest.raises(ValidationError):
        parent.clean()


def test_in_category_includes_subcategories_but_not_lookalikes():
    sport = make_category("Olahraga", slug="olahraga")
    football = make_category("Sepak Bola", parent=sport, slug="sepak-bola")
    lookalike = make_category("Olahraga Air", slug="olahraga-air")
    a = make_article(category=sport)
    b = make_article(category=football)
    make_article(category=lookalike)
    assert set(Article.objects.in_category(sport)) == {a, b}
    assert set(Article.objects.in_category(football)) == {b}
    assert Category.objects.get(path="olahraga/sepak-bola") == football


def test_an_empty_editor_paragraph_is_an_empty_body():
    """The rich-text editor's lone empty paragraph is stored as no body at all."""
    assert make_article(body="<p></p>").body == ""
    assert make_article(body="<p><br></p>").body == ""
