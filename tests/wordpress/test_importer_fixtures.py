"""WordPress's own importer's PHPUnit fixtures (WordPress/wordpress-importer, phpunit/data/):
each file does here what it does in WordPress's importer."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from taggit.models import Tag

from articles.models import Article, Category
from wordpress.models import WordPressObject

from .conftest import run_import

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wordpress"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["missing-version-tag.xml", "invalid-version-tag.xml"])
def test_a_file_without_a_wxr_version_is_refused(name):
    """WordPress: "This does not appear to be a WXR file, missing/invalid WXR version number";
    its authors, categories and tags are not written."""
    with pytest.raises(CommandError, match="does not appear to be a WXR file"):
        run_import(FIXTURES / name)
    assert not Category.objects.exists()
    assert not Tag.objects.exists()
    assert not get_user_model().objects.exists()
    assert not WordPressObject.objects.exists()
    assert not Article.objects.exists()
