"""Markup that keeps pages fast and steady: image sizes and lazy loading."""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import make_article, make_category


def _jpeg(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#8a2be2").save(buffer, "JPEG")
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


def _img_tags(html):
    return re.findall(r"<img\b[^>]*>", html)


def test_listing_images_have_their_size_and_only_those_below_the_first_row_wait(client, db):
    """Card images reserve their space; the first row loads at once, the rest as one scrolls."""
    category = make_category(slug="galeri")
    for n in range(5):
        make_article(
            f"Bergambar {n}",
            category=category,
            featured_image=_jpeg(640, 360),
            featured_image_alt="Gedung",
        )
    images = _img_tags(client.get(category.get_absolute_url()).content.decode())
    assert len(images) == 5
    assert all('width="640" height="360"' in img for img in images)
    assert ["lazy" in img for img in images] == [False, False, False, True, True]


def test_home_loads_the_lead_image_at_once_and_defers_the_others(client, db):
    """The lead story's image is the one above the fold: eager and high priority, the rest lazy."""
    for n in range(5):
        make_article(f"Bergambar {n}", featured_image=_jpeg(640, 360), featured_image_alt="Gedung")
    images = _img_tags(client.get("/").content.decode())
    assert len(images) == 5
    assert 'fetchpriority="high"' in images[0]
    assert ["lazy" in img for img in images] == [False, True, True, True, True]


def test_article_lead_image_has_its_size_and_loads_at_once(client, db):
    """The article's own image, at the top of the page, is sized and not deferred."""
    article = make_article(
        "Bergambar", featured_image=_jpeg(1200, 675), featured_image_alt="Gedung parlemen"
    )
    [img] = _img_tags(client.get(article.get_absolute_url()).content.decode())
    assert 'width="1200" height="675"' in img
    assert 'alt="Gedung parlemen"' in img
    assert "lazy" not in img
