"""List queries read an index in the order they show, instead of sorting every article."""

import pytest
from django.db import connection

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # A handful of test rows would be read whole; ask whether an index can serve it.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(" ".join(str(col) for col in row) for row in cursor.fetchall())


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the growth target is PostgreSQL's plan: runs in CI's PostgreSQL pass (.ci/run)",
)
def test_the_home_page_reads_its_order_from_an_index():
    for sticky in (True, False, False):
        make_article(sticky=sticky)
    home = Article.objects.published().for_listing().order_by("-sticky", "-published_at", "-pk")
    text = plan(home[:10])
    assert "article_home_idx" in text
    assert "Sort" not in text
