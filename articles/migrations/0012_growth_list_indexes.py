"""Indexes for lists of 100,000 articles (make bench-growth): every list reads a page's ids in
its order from an index that also holds what the lists filter on (status, category, author);
the home page's top stories (lead, sticky, newest) have theirs, and the newest edit (the
sitemap index's lastmod) one on the edit time.

On PostgreSQL, django-taggit's join compares `object_id::bigint` with the article's id, which
its own (content type, object id) index cannot serve: a tag page read all of the tag's rows.
An index on (tag, content type, object_id::bigint) lets it walk the articles in date order and
look each one up. SQLite compares without a cast and keeps taggit's index.
"""

from django.db import migrations, models

TAGGED_INDEX = "taggit_taggeditem_tag_object_bigint_idx"


def add_tagged_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {TAGGED_INDEX} ON taggit_taggeditem "
            "(tag_id, content_type_id, ((object_id)::bigint)) INCLUDE (object_id)"
        )


def remove_tagged_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TAGGED_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_merge_20261129_0405"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="article", name="article_home_idx"),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["-sticky", "-published_at", "-id"],
                include=["status"],
                name="article_home_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["-lead", "-sticky", "-published_at", "-id"],
                include=["status"],
                name="article_top_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["-published_at", "-id"],
                include=["status", "category", "author"],
                name="article_list_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["-updated_at"], name="article_updated_idx"),
        ),
        migrations.RunPython(add_tagged_index, remove_tagged_index),
    ]
