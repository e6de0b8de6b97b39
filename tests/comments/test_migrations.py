"""Comments on pages came as a schema change (comments 0004): the comments already there
keep everything, on SQLite and on PostgreSQL, both ways."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from comments.models import Comment
from tests.factories import make_article, make_comment

BEFORE = [("comments", "0003_deps_fill_comment_counts")]
AFTER = [("comments", "0004_comments_on_pages")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def rows():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, article_id, parent_id, author_email, body, status "
            "FROM comments_comment ORDER BY id"
        )
        return cursor.fetchall()


@pytest.mark.django_db(transaction=True)
def test_existing_comments_stay_on_their_articles_through_the_migration():
    """Back to before comments on pages and forward again: every row is as it was, on its
    article, on no page, and the new check holds for it."""
    article = make_article()
    parent = make_comment(article, body="Induk", author_email="rahasia@example.com")
    make_comment(article, parent=parent, body="Balasan", status=Comment.Status.PENDING)
    kept = rows()
    try:
        migrate(BEFORE)
        assert rows() == kept
    finally:
        migrate(AFTER)
    assert rows() == kept
    assert list(Comment.objects.filter(page=None).values_list("article_id", flat=True)) == [
        article.pk,
        article.pk,
    ]
