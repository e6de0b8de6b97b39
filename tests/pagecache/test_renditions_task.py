"""Renditions made by the task worker reach pages already in the page cache."""

import pytest
from django.test import Client

from articles.tasks import make_featured_renditions
from tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db


def test_a_cached_article_page_offers_renditions_once_the_worker_made_them():
    article = make_article(featured_image=make_image(size=(800, 450)), renditions=False,
                           featured_image_alt="Banjir")  # fmt: skip
    url = article.get_absolute_url()
    before = Client().get(url)
    assert before.status_code == 200
    assert "renditions/" not in before.content.decode()
    assert Client().get(url)["X-Page-Cache"] == "hit"  # stored, showing the upload itself
    # The worker's task stores the renditions with an update() (no signal, no revision)...
    assert make_featured_renditions.call(article.pk, article.featured_image.name) == 1
    # ...and the stored page gives way to one that offers them.
    after = Client().get(url)
    assert after["X-Page-Cache"] == "miss"
    assert "renditions/" in after.content.decode()
