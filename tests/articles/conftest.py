"""Fixtures shared by the articles tests: a category and one member of each role."""

import pytest

from tests.factories import make_category, make_member


@pytest.fixture
def category():
    return make_category("Nasional", slug="nasional")


@pytest.fixture
def editor():
    return make_member("Editor", "dewi")


@pytest.fixture
def author():
    return make_member("Author", "rina")


@pytest.fixture
def contributor():
    return make_member("Contributor", "budi")
