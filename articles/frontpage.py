"""The home page's blocks: the lead story, the stories beside it and one block per section.

Each block is one query whatever the number of articles or sections (see tests/articles/
test_queries.py): the sections' newest articles come from a single query, each section's ids
from its own LIMITed subquery.
"""

from django.db.models.expressions import RawSQL

from .models import Article, Category

SECONDARY_STORIES = 3
SECTION_ARTICLES = 4


def top_stories():
    """The lead story, then the stories beside it.

    The lead is the newest article an editor marked "lead story", else the newest sticky one,
    else the newest; the next ones follow the same order.
    """
    stories = list(
        Article.objects.published()
        .for_cards()
        .order_by("-lead", "-sticky", "-published_at", "-pk")[: 1 + SECONDARY_STORIES]
    )
    return (stories[0] if stories else None), stories[1:]


def sections(exclude=()):
    """[(category, its newest articles)] for the sections an editor put on the home page.

    A section holds its sub-categories' articles too; an article in a section that is itself
    below another home-page section counts for the nearer one. `exclude`: pks already shown.
    Each section's newest ids come from its own LIMITed subquery (an index scan that stops
    after a few rows, however many articles there are), all in one query.
    """
    categories = list(Category.objects.order_by("front_page_order", "name"))
    shown = [category for category in categories if category.front_page_order is not None]
    if not shown:
        return []
    by_path = {category.path: category.pk for category in shown}
    section_of = {}  # category pk -> the pk of its nearest section (itself or above it)
    for category in categories:
        parts = category.path.split("/")
        for depth in range(len(parts), 0, -1):
            if "/".join(parts[:depth]) in by_path:
                section_of[category.pk] = by_path["/".join(parts[:depth])]
                break
    published = Article.objects.published().exclude(pk__in=exclude).order_by("-published_at", "-pk")
    newest = []
    for section in shown:
        members = [pk for pk, owner in section_of.items() if owner == section.pk]
        ids = published.filter(category_id__in=members).values("pk")[:SECTION_ARTICLES]
        sql, params = ids.query.sql_with_params()
        newest.append((f"SELECT * FROM ({sql}) AS section_{section.pk}", params))
    union = RawSQL(
        " UNION ALL ".join(sql for sql, _params in newest),
        [param for _sql, params in newest for param in params],
    )
    by_section = {category.pk: [] for category in shown}
    for article in (
        Article.objects.for_cards().filter(pk__in=union).order_by("-published_at", "-pk")
    ):
        by_section[section_of[article.category_id]].append(article)
    return [(category, by_section[category.pk]) for category in shown if by_section[category.pk]]
