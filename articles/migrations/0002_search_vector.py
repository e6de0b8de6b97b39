"""The stored full-text search vector of articles, on PostgreSQL only.

A tsvector column (title A, excerpt B, body C) with a GIN index, filled by a trigger on every
INSERT and on every UPDATE of those columns, so `save()`, `QuerySet.update()`, `bulk_create()` and
raw SQL all keep it current. The trigger's argument is the text search configuration
(settings.NEWSROOM_SEARCH_CONFIG); `manage.py rebuild_search_index` changes it later. SQLite has
no tsvector: there this migration does nothing and search falls back to a word match.
"""

import re

from django.conf import settings
from django.db import migrations

FUNCTION = """
CREATE FUNCTION articles_article_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    config regconfig := TG_ARGV[0]::regconfig;
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector(config, coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector(config, coalesce(NEW.excerpt, '')), 'B')
        || setweight(to_tsvector(config, coalesce(NEW.body, '')), 'C');
    RETURN NEW;
END
$$
"""
TRIGGER = """
CREATE TRIGGER articles_article_search_vector_update
BEFORE INSERT OR UPDATE OF title, excerpt, body ON articles_article
FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector('{config}')
"""


def add_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    config = settings.NEWSROOM_SEARCH_CONFIG
    if not re.fullmatch(r"[a-z_]+", config):
        raise ValueError(f"NEWSROOM_SEARCH_CONFIG is not a configuration name: {config!r}")
    schema_editor.execute("ALTER TABLE articles_article ADD COLUMN search_vector tsvector")
    schema_editor.execute(FUNCTION)
    schema_editor.execute(TRIGGER.format(config=config))
    # Fill the vector of existing rows: the trigger fires on an update of the title.
    schema_editor.execute("UPDATE articles_article SET title = title")
    schema_editor.execute(
        "CREATE INDEX articles_article_search_vector_idx ON articles_article "
        "USING GIN (search_vector)"
    )


def remove_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS articles_article_search_vector_update ON articles_article"
    )
    schema_editor.execute("DROP FUNCTION IF EXISTS articles_article_search_vector()")
    schema_editor.execute("ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_search_vector, remove_search_vector),
    ]
