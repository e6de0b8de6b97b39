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


def test_an_unescaped_cdata_end_is_repaired_and_reported():
    """crazy-cdata.xml has "]]>" inside CDATA sections: WordPress reads it with its fallback
    parser (each field's CDATA runs to the "]]>" before its closing tag), and so do we; the
    report says the file was repaired, and where."""
    _out, err = run_import(FIXTURES / "crazy-cdata.xml")
    article = Article.objects.get()
    assert article.title == "Hello world!"
    assert article.body.startswith("<p>Content with nested")
    assert article.body.endswith(":)</p>")
    assert "repaired: 3 CDATA sections held an unescaped ']]>' (lines 18, 38, 42)" in err


def test_a_repaired_file_is_read_as_wordpress_reads_it(tmp_path):
    """The fields' text as WordPress's regex parser gives it (its PHPUnit assertions)."""
    from wordpress import wxr

    repairs = []
    items = [
        item for name, item in wxr.read(FIXTURES / "crazy-cdata.xml", repairs) if name == "item"
    ]
    assert items[0]["content:encoded"] == "Content with nested <![CDATA[ tags ]]> :)"
    assert items[0]["meta"] == {
        "Plain string": ["Foo"],
        "Closing CDATA": ["]]>"],
        "Alot of CDATA": [
            "This has <![CDATA[ opening and ]]> closing <![CDATA[ tags like this: ]]>"
        ],
    }
    assert repairs == [18, 38, 42]
