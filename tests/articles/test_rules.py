"""The publication rules are defined once (ArticleQuerySet); one article in memory agrees."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_member

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def every_state():
    """An article in each status, with a past time, a future time and no time."""
    now = timezone.now()
    articles = []
    for status in Article.Status.values:
        for when in (now - HOUR, now + HOUR, None):
            article = make_article(status=status, published_at=when)
            # save() gives a public status a time; some imported rows have none all the same.
            Article.objects.filter(pk=article.pk).update(published_at=when)
            article.published_at = when
            articles.append(article)
    return articles


@pytest.mark.parametrize(
    ("queryset", "prop"),
    [("published", "is_public"), ("scheduled", "is_scheduled"), ("due", "is_due")],
)
def test_each_rule_says_the_same_in_the_database_and_in_memory(every_state, queryset, prop):
    """published(), scheduled() and due() pick exactly the articles whose property is true."""
    picked = set(getattr(Article.objects, queryset)().values_list("pk", flat=True))
    assert picked == {article.pk for article in every_state if getattr(article, prop)}
    assert picked  # each rule matches something in every_state


def test_effective_status_follows_the_rules(every_state):
    """Public reads "Published", waiting for its time reads "Scheduled", else the status."""
    for article in every_state:
        if article.is_public:
            assert article.effective_status == Article.Status.PUBLISHED
        elif article.is_scheduled:
            assert article.effective_status == Article.Status.SCHEDULED
        else:
            assert article.effective_status == article.status


def test_visible_to_is_published_plus_ones_own_for_an_author(every_state):
    """An author (no preview of others' work) opens public articles and their own."""
    author = make_member("Author")
    own = make_article(author=author, status=Article.Status.DRAFT, published_at=None)
    visible = set(Article.objects.visible_to(author).values_list("pk", flat=True))
    public = {article.pk for article in every_state if article.is_public}
    assert visible == public | {own.pk}
