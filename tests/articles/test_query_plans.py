"""Every list query reads the articles through an index, never the whole table.

The site is built at a modest size in the shape of `make bench-growth` (a tag and an author
with 30% of the articles, a category with a sub-category holding half of them, a common word in
a quarter, five years of articles), the tables ANALYZE'd, and each reader page requested; then
each of its SELECTs on articles is EXPLAINed with the planner's default settings. A plan that
reads every article ("Seq Scan on articles_article") fails, as it would cost hundreds of ms at
100,000 articles. The counts that number a list's pages are left out: they are cached until the
list changes (articles/paging.py), and so are "is there any?" checks that stop at the first row.
"""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Article
from articles.sitemaps import ArticleSitemap
from tests.factories import make_category, make_user

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the plans are PostgreSQL's (the growth target): CI's PostgreSQL pass runs them",
    ),
]

ARTICLES = 6000
WHOLE_TABLE = re.compile(r"Seq Scan on articles_article ")  # not ..._article_categories
STEP = datetime.timedelta(minutes=300)  # six thousand articles over about three years


@pytest.fixture
def site(monkeypatch):
    # Files of 1,000 URLs: a page of the article sitemap is a slice, as 50,000 of 100,000 are
    # (a file holding every article is best read whole).
    monkeypatch.setattr(ArticleSitemap, "limit", 1000)
    sport = make_category("Olahraga", slug="olahraga")
    football = make_category("Sepak Bola", slug="sepak-bola", parent=sport, front_page_order=1)
    others = [make_category(f"Rubrik {n}", slug=f"rubrik-{n}") for n in range(4)]
    rina = make_user("rina", first_name="Rina", last_name="Kusuma")
    writers = [rina] + [make_user(f"penulis{n}") for n in range(6)]
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            title=f"Artikel {i}",
            slug=f"artikel-{i}",
            author=rina if i % 10 < 3 else writers[1 + i % 6],
            category=sport if i % 100 < 20 else football if i % 100 < 51 else others[i % 4],
            status=Article.Status.PUBLISHED,
            published_at=now - i * STEP,
            body="<p>Kabar hari ini.</p>"
            + ("<p>Kata pemerintah soal ini.</p>" if i % 100 < 27 else ""),
        )
        for i in range(ARTICLES)
    )
    common = Tag.objects.create(name="Umum", slug="umum")
    topics = Tag.objects.bulk_create(Tag(name=f"Topik {n}", slug=f"topik-{n}") for n in range(50))
    kind = ContentType.objects.get_for_model(Article)
    TaggedItem.objects.bulk_create(
        TaggedItem(content_type=kind, object_id=article.pk, tag=tag)
        for i, article in enumerate(articles)
        for tag in ([common] if i % 10 < 3 else []) + [topics[i % 50]]
    )
    Article.categories.through.objects.bulk_create(
        Article.categories.through(article=article, category=others[0])
        for i, article in enumerate(articles)
        if i % 20 == 0
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    year = timezone.localdate(now).year
    month = f"{year}/{timezone.localdate(now).month:02d}"
    return [
        "/",
        "/page/50/",
        "/category/olahraga/",
        "/category/olahraga/page/30/",
        "/tag/umum/",
        "/tag/umum/page/30/",
        "/tag/topik-7/",
        "/author/rina-kusuma/",
        "/author/rina-kusuma/page/30/",
        f"/{year - 1}/",
        f"/{month}/",
        "/search/?q=pemerintah",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-articles.xml?p=3",
        "/feed/",
    ]


def article_selects(client, path):
    """The SELECTs reading articles_article that a request for `path` runs."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT")
        and '"articles_article"' in q["sql"]
        and not re.match(r'SELECT COUNT\(\*\) AS "__count"', q["sql"])
        # "Is there any?" (an author or date archive's emptiness check) stops at the first
        # match: the planner reads the table only when matches are common, the index otherwise.
        and not re.match(r'SELECT 1 AS "a" .* LIMIT 1$', q["sql"])
    ]


def plan(sql):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_every_list_query_reads_articles_through_an_index(client, site):
    for path in site:
        selects = article_selects(client, path)
        assert selects, path
        for sql in selects:
            text = plan(sql)
            assert not WHOLE_TABLE.search(text), f"{path}\n{sql}\n{text}"
            assert "Index" in text, f"{path}\n{sql}\n{text}"


def test_deep_pages_read_ids_from_the_list_index(client, site):
    """/page/50/ takes its ten ids from the home page's index (then sorts those ten rows)."""
    (page,) = [sql for sql in article_selects(client, "/page/50/") if "OFFSET" in sql]
    text = plan(page)
    assert re.search(r"Index (Only )?Scan using article_home_idx", text), text
    assert re.search(r"Sort  \(cost=[0-9.]+ rows=10 ", text), text


def test_a_tag_page_looks_articles_up_by_tag(client, site):
    """taggit joins on object_id::bigint: the tag index made for that cast serves it."""
    text = "\n".join(plan(sql) for sql in article_selects(client, "/tag/umum/page/30/"))
    assert "taggit_taggeditem_tag_object_bigint_idx" in text
