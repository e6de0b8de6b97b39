"""axe-core on the admin pages an editor uses every day, in Indonesian and English."""

import pytest

from comments.models import Comment
from tests.browser.test_quality import console_errors, describe, run_axe
from tests.factories import make_article, make_comment, make_member

PASSWORD = "kata-sandi-uji-123"

ADMIN_PAGES = [
    ("home", "/admin/"),
    ("article list", "/admin/articles/article/"),
    ("article add", "/admin/articles/article/add/"),
    ("article change", "/admin/articles/article/{article}/change/"),
    ("quick edit", "/admin/articles/article/quick-edit/?ids={article}"),
    ("comment list", "/admin/comments/comment/"),
    ("media library", "/admin/articles/mediaimage/"),
    ("login", "/admin/login/"),
]


@pytest.fixture
def signed_in(site, page):
    user = make_member("Editor", "redaktur")
    user.set_password(PASSWORD)
    user.save()
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "redaktur")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(site + "/admin/")
    return user


@pytest.mark.quality_tools
@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize(("name", "path"), ADMIN_PAGES, ids=[name for name, _ in ADMIN_PAGES])
def test_admin_page_has_no_accessibility_violations(
    site, page, context, signed_in, name, path, language
):
    """axe-core (WCAG 2.2 A/AA, best practice) finds nothing on the editor's daily pages."""
    article = make_article("Artikel Untuk Diperiksa", tags=["Periksa"])
    make_comment(article, status=Comment.Status.PENDING, body="Tolong dimoderasi.")
    if language == "en":
        context.add_cookies([{"name": "django_language", "value": "en", "url": site}])
    if name == "login":
        context.clear_cookies()
    errors = console_errors(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site + path.format(article=article.pk))
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    assert not violations, f"{path} ({language}):\n{describe(violations)}"
    assert not errors, f"{path}: " + "\n".join(errors)
