"""The article page as Indonesian readers expect it: hour in WIB, sharing, photo credit."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from tests.factories import WIB, image_bytes, make_article

pytestmark = pytest.mark.django_db


def test_publication_and_update_times_carry_the_hour_and_zone(client):
    when = datetime.datetime(2026, 11, 23, 9, 12, tzinfo=WIB)
    article = make_article(published_at=when, body="<p>" + "kata " * 900 + "</p>")
    Article.objects.filter(pk=article.pk).update(updated_at=when + datetime.timedelta(hours=3))
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<time datetime="2026-11-23T09:12:00+07:00">23 November 2026, 09.12 WIB</time>' in html
    assert "Diperbarui <time" in html
    assert "23 November 2026, 12.12 WIB</time>" in html
    assert "4 menit baca" in html  # 900 words at about 200 a minute
    english = client.get("/en" + article.get_absolute_url()).content.decode()
    assert "23 November 2026, 09:12 WIB</time>" in english
    assert "4 min read" in english


def test_share_links_are_plain_links_whatsapp_first(client):
    article = make_article("Harga Cabai Naik", slug="harga-cabai-naik")
    html = client.get(article.get_absolute_url()).content.decode()
    links = re.findall(r'class="share__link share__link--(\w+)" href="([^"]+)"', html)
    assert [name for name, _ in links] == ["whatsapp", "telegram", "facebook", "x"]
    url = "http%3A%2F%2Ftestserver" + article.get_absolute_url().replace("/", "%2F")
    assert links[0][1] == f"https://wa.me/?text=Harga+Cabai+Naik+{url}"
    assert f"https://t.me/share/url?url={url}" in links[1][1]
    assert "<script src=" not in html.split('class="share"')[1].split("</section>")[0]
    assert "data-share-copy" in html
    assert "data-share-native" in html


def test_featured_image_shows_caption_and_photo_credit(client):
    article = make_article(
        featured_image=SimpleUploadedFile("foto.png", image_bytes(), content_type="image/png"),
        featured_image_alt="Petani memanen padi",
        featured_image_caption="Panen raya di Karawang.",
        featured_image_credit="Antara/Budi Santoso",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        "<figcaption>Panen raya di Karawang. "
        '<span class="entry__credit">Foto: Antara/Budi Santoso</span></figcaption>'
    ) in html


def test_previews_carry_no_beacon_and_no_share_links(staff_client):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    html = staff_client.get(f"/preview/{draft.pk}/").content.decode()
    assert "data-read-beacon" not in html
    assert 'class="share"' not in html
