"""Every route of the URL map, with odd values in each of its parameters, answers one of
200, 301, 302, 304, 400, 404, 405 (and, in the admin, 403 for what nobody may do): never a 500,
for a reader or for a signed-in editor."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from articles import demo
from articles.demo.content import SEED_ARTICLE
from tests.factories import make_comment, make_staff

pytestmark = pytest.mark.django_db

ALLOWED = {200, 301, 302, 304, 400, 404, 405}
ODD_VALUES = [
    "0",
    "-1",
    "%D9%A1%D9%A2",  # ١٢, Arabic-Indic digits
    "%C2%B2",  # ², a digit to str.isdigit() only
    "9" * 30,
    "%00",
    "x" * 300,
    "%E2%80%AE",  # right-to-left override
    "%F0%9F%98%80",
    "a%20b",
    "%27%22%3Cscript%3E",
    "..",
    "2026",
    "13",
]
PARAMETER = re.compile(r"<(?:(\w+):)?\w+>")
# A real value for each converter, so that one odd parameter meets real neighbours
# (the seed article's date and slug, a real category): deeper code paths run.
VALID = {
    "yyyy": "2026",
    "mm": "11",
    "int": "2",
    "slug": SEED_ARTICLE["slug"],
    "catpath": "berita-internasional",
    "path": "1",
    "str": "1",
    None: "1",
}


def _regex_to_path(regex, value):
    """A regex route (the admin has a few) with each named group replaced by `value`."""
    out, i = [], 0
    while i < len(regex):
        if regex.startswith("(?P<", i):
            depth, j = 0, i
            while j < len(regex):
                depth += {"(": 1, ")": -1}.get(regex[j], 0)
                j += 1
                if depth == 0:
                    break
            out.append(value)
            i = j
        else:
            out.append(regex[i])
            i += 1
    return "".join(out).lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")


def routes(patterns=None, prefix=""):
    """Every route of the URL map as a template string (path() routes and regexes)."""
    if patterns is None:
        # The default language has no prefix; /en/ is added by paths_for.
        with translation.override(settings.LANGUAGE_CODE):
            yield from list(routes(get_resolver().url_patterns, prefix))
        return
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def _one_odd(route, odd, value):
    """The route with its parameter number `odd` set to `value`, the others real."""
    positions = iter(range(len(PARAMETER.findall(route))))
    return PARAMETER.sub(lambda m: value if next(positions) == odd else VALID.get(m[1], "1"), route)


def paths_for(route, value):
    """The route with every parameter odd, then with each one odd among real values."""
    if route.startswith("^") or "(?P<" in route:
        paths = [_regex_to_path(route, value)]
    else:
        paths = [PARAMETER.sub(value, route)]
        count = len(PARAMETER.findall(route))
        for odd in range(count) if count > 1 else ():
            paths.append(_one_odd(route, odd, value))
    urls = []
    for path in paths:
        urls.append("/" + path)
        if not path.startswith(("admin/", "i18n/", "sitemap", "robots", "news-sitemap")):
            urls.append("/en/" + path)  # the English twin of every reader URL
    return urls


def fuzz(client, only_admin=False, allowed=ALLOWED):
    tried, bad = 0, []
    all_routes = sorted(set(routes()))
    assert len(all_routes) > 60  # the admin's and the site's
    for route in all_routes:
        if only_admin != route.startswith("admin/"):
            continue
        values = ODD_VALUES if PARAMETER.search(route) or "(?P<" in route else [""]
        for value in values:
            for path in paths_for(route, value):
                response = client.get(path)
                tried += 1
                if response.status_code not in allowed:
                    bad.append(f"{response.status_code} {path[:120]}")
    return tried, bad


@pytest.fixture
def seeded():
    demo.seed()
    make_comment(demo.Article.objects.get(slug=demo.ARTICLES[0]["slug"]))


def test_every_route_with_odd_values_answers_a_reader_without_error(seeded):
    tried, bad = fuzz(Client(raise_request_exception=False))
    assert tried > 1500
    assert not bad, "\n".join(bad)


def test_every_admin_route_with_odd_values_answers_an_editor_without_error(seeded):
    client = Client(raise_request_exception=False)
    client.force_login(make_staff("kepala_fuzz"))
    # 403 is the admin's answer to what nobody may do (add an author profile, delete the
    # discussion settings, add an axes record, autocomplete without a field): still no error.
    tried, bad = fuzz(client, only_admin=True, allowed=ALLOWED | {403})
    assert tried > 300
    assert not bad, "\n".join(bad)
