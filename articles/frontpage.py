"""The home page's blocks: the lead story, the stories beside it and one block per section.

Each block is one query whatever the number of articles or sections (see tests/articles/
test_queries.py): the sections' newest articles come from a single query ranked per section
with a window function.
"""

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber

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
    """
    categories = list(
        Category.objects.filter(front_page_order__isnull=False).order_by("front_page_order", "name")
    )
    if not categories:
        return []
    nearest_first = sorted(categories, key=lambda category: -category.path.count("/"))
    section = Case(
        *(
            When(
                Q(category=category) | Q(category__path__startswith=f"{category.path}/"),
                then=Value(category.pk),
            )
            for category in nearest_first
        ),
        default=None,
        output_field=IntegerField(),
    )
    ranked = (
        Article.objects.published()
        .for_cards()
        .exclude(pk__in=exclude)
        .annotate(section=section)
        .filter(section__isnull=False)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("section"),
                order_by=[F("published_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=SECTION_ARTICLES)
        .order_by("-published_at", "-pk")
    )
    by_section = {category.pk: [] for category in categories}
    for article in ranked:
        by_section[article.section].append(article)
    return [
        (category, by_section[category.pk]) for category in categories if by_section[category.pk]
    ]
