"""Property-based tests (hypothesis): whatever a visitor types or puts in a URL parameter
(any unicode, NUL, control characters, huge values, non-ASCII digits), the answer is never a 500."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import demo
from comments.models import Comment
from tests.factories import comment_form_data, make_comment, make_staff

pytestmark = pytest.mark.django_db

FAST = settings(
    max_examples=50,
    deadline=None,
    database=None,  # no example database written into the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Values that broke sites before: NUL, non-ASCII digits int() accepts, huge numbers, separators.
NASTY = st.sampled_from(
    [
        "\x00",
        "1\x00",
        "١٢",
        "\U0001d7d9\U0001d7da",  # mathematical double-struck 1 and 2
        "²",
        "٣",
        "-1",
        "0",
        "9" * 400,
        "1e400",
        "NaN",
        "%00",
        "../../etc/passwd",
        "\ud7ff",
        "\u202e",
        " " * 50,
        "x" * 20_000,
        "'; DROP TABLE articles_article; --",
        "<script>",
        "\r\nSet-Cookie: a=b",
    ]
)
ANY_TEXT = st.one_of(NASTY, st.text(max_size=300), st.text(min_size=1000, max_size=5000))
ALLOWED = {200, 301, 302, 304, 400, 403, 404, 405, 409, 429}


@pytest.fixture
def seeded():
    demo.seed()
    article = demo.Article.objects.get(slug=demo.ARTICLES[0]["slug"])
    make_comment(article, author_name="Pembaca")
    return article


@FAST
@given(
    name=ANY_TEXT,
    email=ANY_TEXT,
    url=ANY_TEXT,
    comment=ANY_TEXT,
    parent=ANY_TEXT,
    token=st.one_of(st.none(), ANY_TEXT),
    article_id=st.one_of(st.none(), ANY_TEXT),
)
def test_the_comment_form_never_answers_500(seeded, name, email, url, comment, parent, token,
                                            article_id):  # fmt: skip
    data = comment_form_data(
        seeded, name=name, email=email, url=url, comment=comment, parent=parent
    )
    if token is not None:
        data["token"] = token
    if article_id is not None:
        data["article"] = article_id
    before = Comment.objects.count()
    response = Client().post("/comments/post/", data, REMOTE_ADDR="198.51.100.9")
    assert response.status_code in ALLOWED
    if response.status_code >= 400:
        assert Comment.objects.count() == before  # refused means nothing stored


@FAST
@given(query=ANY_TEXT, page=ANY_TEXT)
def test_the_search_box_never_answers_500(seeded, query, page):
    client = Client()
    for path in ["/search/", "/en/search/", "/search/page/2/"]:
        response = client.get(path, {"q": query, "page": page})
        assert response.status_code in ALLOWED, path
    assert client.get("/", {"s": query}).status_code in ALLOWED


@FAST
@given(value=ANY_TEXT, name=st.sampled_from(["replytocom", "unapproved", "moderation-hash"]))
def test_article_page_parameters_never_answer_500(seeded, value, name):
    response = Client().get(seeded.get_absolute_url(), {name: value, "page": value})
    assert response.status_code in ALLOWED


@FAST
@given(value=ANY_TEXT)
def test_list_sitemap_and_feed_parameters_never_answer_500(seeded, value):
    client = Client()
    for path, names in [
        ("/", ["page", "p"]),
        ("/category/berita-internasional/", ["page"]),
        ("/tag/iran/", ["page"]),
        ("/2026/", ["page"]),
        ("/sitemap.xml", ["p"]),
        ("/sitemap-articles.xml", ["p"]),
        ("/feed/", ["page", "paged"]),
        ("/comments/feed/", ["p"]),
    ]:
        response = client.get(path, dict.fromkeys(names, value))
        assert response.status_code in ALLOWED, path


@FAST
@given(value=ANY_TEXT)
def test_admin_parameters_never_answer_500(seeded, value):
    client = Client()
    staff = get_user_model().objects.filter(username="kepala_uji").first()
    client.force_login(staff or make_staff("kepala_uji"))
    for path, params in [
        ("/admin/articles/article/tag-suggestions/", {"q": value}),
        ("/admin/articles/article/", {"q": value, "p": value, "o": value}),
        ("/admin/comments/comment/", {"q": value, "status__exact": value}),
    ]:
        response = client.get(path, params)
        assert response.status_code in ALLOWED, path


@pytest.mark.parametrize("value", ["²", "١٢", "9" * 30, "1\x00", "-1"])
def test_odd_ids_in_the_comment_parameters_are_not_a_500(seeded, value):
    """str.isdigit() says yes to "²", which int() refuses: ids are ASCII digits only."""
    client = Client()
    data = comment_form_data(seeded)
    data["article"] = value
    assert client.post("/comments/post/", data).status_code == 404
    path = seeded.get_absolute_url()
    assert client.get(path, {"replytocom": value}).status_code == 200
    assert client.get(path, {"unapproved": value, "moderation-hash": "x"}).status_code == 200
