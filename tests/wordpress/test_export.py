"""export_wordpress writes a WXR file that our importer (and WordPress's) reads back whole."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from lxml import etree
from taggit.models import Tag

from articles.models import Article, Category
from comments.models import Comment
from pages.models import Page
from wordpress.models import Redirect, WordPressObject

from .conftest import run_import

pytestmark = pytest.mark.django_db


def snapshot():
    """What a reader or an editor sees of the site, without database IDs."""

    def comment_key(comment):
        return (comment.target.slug, comment.created_at, comment.author_name)

    articles = {
        a.slug: (
            a.title,
            a.status,
            a.published_at,
            a.sticky,
            a.comments_open,
            a.excerpt,
            a.body,
            a.category.path,
            sorted(c.path for c in a.categories.all()),
            sorted(t.name for t in a.tags.all()),
            a.author.get_username(),
        )
        for a in Article.objects.select_related("category", "author")
    }
    comments = sorted(
        (
            comment_key(c),
            c.body,
            c.status,
            c.author_email,
            c.author_url,
            comment_key(c.parent) if c.parent else None,
        )
        for c in Comment.objects.select_related(
            "article", "page", "parent__article", "parent__page"
        )
    )
    return {
        "articles": articles,
        "comments": comments,
        "pages": sorted(
            Page.objects.values_list(
                "slug", "title", "body", "is_published", "comments_open", "comment_count"
            )
        ),
        "categories": sorted(Category.objects.values_list("path", "name", "description")),
        "tags": sorted(Tag.objects.values_list("name", flat=True)),
    }


def empty_the_site():
    Comment.objects.all().delete()
    Article.objects.all().delete()
    Page.objects.all().delete()
    for category in Category.objects.order_by("-path"):
        category.delete()  # children first: a parent is protected
    Tag.objects.all().delete()
    WordPressObject.objects.all().delete()
    Redirect.objects.all().delete()
    get_user_model().objects.all().delete()


def test_round_trip_reproduces_the_site(theme_site, tmp_path):
    before = snapshot()
    export = tmp_path / "site.xml"
    call_command("export_wordpress", "--base-url", "https://koran.example", "--output", str(export))
    empty_the_site()
    assert not Article.objects.exists()
    _out, err = run_import(export)
    assert err == ""
    after = snapshot()
    for key in before:
        assert after[key] == before[key], key


def test_the_export_is_wordpress_shaped(theme_site, tmp_path):
    export = tmp_path / "site.xml"
    call_command("export_wordpress", "--output", str(export))
    text = export.read_text()
    # As WordPress writes it: namespaces declared once, on <rss> (its fallback parser reads text).
    assert "<wp:wxr_version>1.2</wp:wxr_version>" in text
    assert text.count("xmlns:wp=") == 1
    tree = etree.parse(str(export))
    wp = {"wp": "http://wordpress.org/export/1.2/"}
    assert tree.findtext("channel/wp:wxr_version", namespaces=wp) == "1.2"
    items = tree.findall("channel/item")
    types = [item.findtext("wp:post_type", namespaces=wp) for item in items]
    assert types.count("post") == 58
    assert types.count("page") == 21
    assert len(tree.findall("channel/wp:category", wp)) == 68
    comments = tree.findall("channel/item/wp:comment", wp)
    assert len(comments) == 29
    statuses = {c.findtext("wp:comment_approved", namespaces=wp) for c in comments}
    assert statuses == {"1", "0"}
    # The post IDs WordPress had are kept, so /?p= links keep working after a move back.
    ids = {item.findtext("wp:post_id", namespaces=wp) for item in items}
    assert "1148" in ids


def test_export_to_standard_output(db, capfd):
    call_command("export_wordpress")
    assert capfd.readouterr().out.startswith('<?xml version="1.0" encoding="UTF-8" ?>')
