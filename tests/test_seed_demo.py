import datetime
import io

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from articles.demo.content import SEED_ARTICLE, SEED_PATH
from articles.models import Article, Category
from comments import demo as comments_demo
from comments.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def password_file(tmp_path, monkeypatch):
    from newsroom.management.commands import seed_demo

    path = tmp_path / "password"
    monkeypatch.setattr(seed_demo, "PASSWORD_FILE", path)
    monkeypatch.delenv("DEMO_EDITOR_PASSWORD", raising=False)
    return path


def test_seed_demo_loads_the_seed_article_as_on_the_wordpress_site(client, password_file):
    call_command("seed_demo", stdout=io.StringIO())
    response = client.get(SEED_PATH)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rusia dan Iran Perkuat Aliansi Hadapi Tekanan AS" in html
    assert html.count("<h2>") >= 4
    assert "<h2>Latar Belakang Kesepakatan</h2>" in html
    assert html.count("<li>Penguatan") == 1
    assert "<ul>" in html
    assert 'rel="category tag">Berita Internasional</a>' in html
    article = Article.objects.get(slug=SEED_ARTICLE["slug"])
    assert sorted(article.tags.names()) == sorted(
        ["Rusia", "Iran", "Amerika Serikat", "Geopolitik", "Timur Tengah"]
    )
    assert not article.was_updated


def test_seed_demo_is_idempotent_and_fills_archives(client, password_file, capsys):
    call_command("seed_demo")
    counts = (Article.objects.count(), Category.objects.count(), get_user_model().objects.count())
    call_command("seed_demo")
    assert (
        Article.objects.count(),
        Category.objects.count(),
        get_user_model().objects.count(),
    ) == counts
    assert Article.objects.published().count() >= 12
    assert Category.objects.exclude(parent=None).exists()
    assert client.get("/page/2/").status_code == 200
    assert client.get("/category/olahraga/sepak-bola/").status_code == 200


def test_seed_demo_prints_an_editor_login_that_works(client, password_file, capsys):
    call_command("seed_demo")
    password = password_file.read_text().strip()
    assert f"password '{password}'" in capsys.readouterr().out
    call_command("seed_demo")
    assert password_file.read_text().strip() == password
    response = client.post("/admin/login/", {"username": "editor", "password": password})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_seed_demo_gives_the_demo_accounts_their_roles(password_file):
    """The demo editor is in the Editor group; rina is an Author and budi a Contributor."""
    call_command("seed_demo", stdout=io.StringIO())
    users = get_user_model().objects
    assert list(users.get(username="editor").groups.values_list("name", flat=True)) == ["Editor"]
    assert list(users.get(username="rina").groups.values_list("name", flat=True)) == ["Author"]
    assert list(users.get(username="budi").groups.values_list("name", flat=True)) == ["Contributor"]


def test_seed_demo_makes_a_front_page_worth_looking_at(client, password_file):
    """Every demo article has a drawn picture with renditions, credit and description; the home
    page has a lead story, sections and "Most read" numbers; running again draws nothing new."""
    call_command("seed_demo", stdout=io.StringIO())
    articles = Article.objects.all()
    assert all(article.featured_image_renditions.get("sources") for article in articles)
    assert all(article.featured_image_alt and article.featured_image_credit for article in articles)
    assert articles.get(lead=True).slug == SEED_ARTICLE["slug"]
    before = {article.pk: article.featured_image_renditions for article in articles}
    call_command("seed_demo", stdout=io.StringIO())
    assert {article.pk: article.featured_image_renditions for article in articles} == before
    html = client.get("/").content.decode()
    assert f'<h2 class="lead__title"><a href="{SEED_PATH}"' in html
    assert html.count('class="section-block"') == 5
    assert "Terpopuler" in html
    assert "kali dibaca" in html
    assert html.count("<picture>") >= 10
    seed = client.get(SEED_PATH).content.decode()
    assert "Baca juga" in seed
    assert "Foto: Ilustrasi Newsroom" in seed


def _front_page_blocks(client):
    """The front page's blocks the README describes, as {block: shown}."""
    html = client.get("/").content.decode()
    return {
        "lead": f'<h2 class="lead__title"><a href="{SEED_PATH}"' in html,
        "sections": html.count('class="section-block"') == 5,
        "Terpopuler": "Terpopuler" in html and "kali dibaca" in html,
        "Terbanyak dikomentari": 'id="most-commented-title"' in html,
    }


EVERY_BLOCK = dict.fromkeys(["lead", "sections", "Terpopuler", "Terbanyak dikomentari"], True)


@pytest.mark.parametrize("ahead", [datetime.timedelta(days=40), datetime.timedelta(days=366)])
def test_seed_demo_on_a_later_day_gives_every_front_page_block(client, password_file, ahead):
    """Run weeks or a year after the demo was written, the front page still has its lead,
    sections, "Most read" and "Most commented"; the seed article keeps its address."""
    with time_machine.travel(timezone.now() + ahead):
        call_command("seed_demo", stdout=io.StringIO())
        assert _front_page_blocks(client) == EVERY_BLOCK
        assert client.get(SEED_PATH).status_code == 200


def test_seed_demo_run_again_on_a_later_day_keeps_every_block(client, password_file):
    """`make run` seeds an existing database again: a month later the lists are alive again."""
    call_command("seed_demo", stdout=io.StringIO())
    assert _front_page_blocks(client) == EVERY_BLOCK
    with time_machine.travel(timezone.now() + datetime.timedelta(days=30)):
        assert not _front_page_blocks(client)["Terbanyak dikomentari"]  # the week has passed
        call_command("seed_demo", stdout=io.StringIO())
        assert _front_page_blocks(client) == EVERY_BLOCK
    assert Comment.objects.count() == len(comments_demo.DEMO_COMMENTS)  # re-dated, not added
