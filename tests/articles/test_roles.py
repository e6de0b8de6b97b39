"""The role groups: each app brings its share of the permissions (AppConfig.role_permissions)."""

import pytest
from django.apps import apps

from articles.roles import AUTHOR, CONTRIBUTOR, EDITOR, ROLES, all_roles
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def test_articles_lists_only_its_own_permissions():
    """articles/roles.py names no permission of another app: comments attach to articles."""
    assert {perm.split(".")[0] for perms in ROLES.values() for perm in perms} == {"articles"}


def test_the_roles_gather_every_apps_share():
    """Pages, comment moderation, redirects and login lockouts reach the Editor from their apps."""
    roles = all_roles()
    assert set(roles) == {EDITOR, AUTHOR, CONTRIBUTOR}
    assert {
        "pages.change_page",
        "comments.change_comment",
        "wordpress.change_redirect",
        "axes.delete_accessattempt",
    } <= set(roles[EDITOR])
    assert set(roles[AUTHOR]) == set(ROLES[AUTHOR])


def test_editors_change_pages_and_unlock_logins_authors_do_not():
    """The groups made by migrate hold those permissions."""
    editor, author = make_member("Editor"), make_member("Author")
    assert editor.has_perms(
        ["pages.add_page", "pages.change_page", "wordpress.add_redirect", "axes.view_accessattempt"]
    )
    assert not author.has_perm("pages.change_page")
    assert not apps.get_app_config("pages").role_permissions.get(AUTHOR)
