"""The home page reads like a newspaper's: a lead story, the stories beside it, sections."""

import datetime
import re

import pytest
from django.utils import timezone

from articles import frontpage
from tests.factories import make_article, make_category, make_comment

pytestmark = pytest.mark.django_db


def ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def lead_title(html):
    return re.search(r'<h2 class="lead__title"><a href="[^"]+">([^<]+)</a>', html).group(1)


def test_the_editors_lead_story_opens_the_home_page(client):
    """The newest article marked "lead story" leads, even when newer and sticky ones exist."""
    make_article("Terbaru", published_at=ago(1))
    make_article("Disematkan", sticky=True, published_at=ago(2))
    make_article("Pilihan Lama", lead=True, published_at=ago(30))
    make_article("Pilihan", lead=True, published_at=ago(20))
    html = client.get("/").content.decode()
    assert lead_title(html) == "Pilihan"
    _lead, secondary = frontpage.top_stories()
    assert [a.title for a in secondary] == ["Pilihan Lama", "Disematkan", "Terbaru"]


def test_without_a_lead_story_the_newest_sticky_then_the_newest_leads(client):
    make_article("Terbaru", published_at=ago(1))
    make_article("Disematkan", sticky=True, published_at=ago(5))
    assert lead_title(client.get("/").content.decode()) == "Disematkan"


def test_the_newest_leads_when_nothing_is_chosen(client):
    make_article("Kemarin", published_at=ago(24))
    make_article("Terbaru", published_at=ago(1))
    html = client.get("/").content.decode()
    assert lead_title(html) == "Terbaru"
    # The latest list below does not repeat the top stories.
    assert html.count(">Terbaru</a>") == 1


def test_sections_follow_the_editors_order_with_their_newest_articles(client):
    """A section per category with a position, lowest first; its sub-categories' articles too."""
    sport = make_category("Olahraga", slug="olahraga", front_page_order=2)
    football = make_category("Sepak Bola", parent=sport, slug="sepak-bola")
    economy = make_category("Ekonomi", slug="ekonomi", front_page_order=1)
    hidden = make_category("Gaya Hidup", slug="gaya-hidup")
    for n in range(4):  # the top stories take these
        make_article(f"Utama {n}", published_at=ago(n))
    for n in range(6):
        make_article(f"Bola {n}", category=football, published_at=ago(10 + n))
    make_article("Pasar", category=economy, published_at=ago(30))
    make_article("Mode", category=hidden, published_at=ago(40))
    html = client.get("/").content.decode()
    sections = re.findall(
        r'<h2 class="section-block__title" id="section-\d+"><a href="([^"]+)">', html
    )
    assert sections == ["/category/ekonomi/", "/category/olahraga/"]
    sport_block = html[html.index(f'id="section-{sport.pk}"') :]
    sport_block = sport_block[: sport_block.index("</section>")]
    assert re.findall(r"Bola \d", sport_block) == ["Bola 0", "Bola 1", "Bola 2", "Bola 3"]
    assert "Selengkapnya dari Olahraga" in sport_block
    assert "Gaya Hidup</a></h2>" not in html


def test_cards_mention_comments_only_where_there_are_some(client):
    """No "Leave a comment" on every card: only a count, where readers have commented."""
    discussed = make_article("Ramai", published_at=ago(1))
    make_article("Sepi", published_at=ago(2))
    for n in range(5):
        make_article(f"Lain {n}", published_at=ago(3 + n))
    make_comment(discussed)
    make_comment(discussed)
    html = client.get("/").content.decode()
    assert "Tinggalkan komentar" not in html
    assert html.count("2 Komentar") == 1


def test_later_pages_are_the_plain_list(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    sport = make_category("Olahraga", slug="olahraga", front_page_order=1)
    for n in range(6):
        make_article(f"Berita {n}", category=sport, published_at=ago(n))
    html = client.get("/page/2/").content.decode()
    assert 'class="lead"' not in html
    assert "section-block" not in html
    assert "Terpopuler" not in html
    assert "Berita 2" in html
    assert "Berita 3" in html
