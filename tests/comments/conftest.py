import pytest

from comments.models import DiscussionSettings
from tests.factories import make_article


@pytest.fixture
def article(db):
    return make_article("Artikel Diskusi")


@pytest.fixture
def discussion(db):
    return DiscussionSettings.load()


@pytest.fixture
def post_url():
    return "/comments/post/"
