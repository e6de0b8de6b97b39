"""The moderation queue in the admin: pending first, filters, search, bulk actions."""

import datetime
import re

import pytest
from django.utils import timezone

from comments.models import Comment, DiscussionSettings
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"


def listed_ids(response):
    return [
        int(pk)
        for pk in re.findall(r'name="_selected_action" value="(\d+)"', response.content.decode())
    ]


def test_queue_shows_pending_first_and_the_pending_count(staff_client):
    """Held comments lead the list; the title says how many wait."""
    approved = make_comment(body="disetujui")
    pending = make_comment(body="ditahan", status=Comment.Status.PENDING)
    newer = make_comment(body="lebih baru")
    response = staff_client.get(CHANGELIST)
    assert listed_ids(response) == [pending.pk, newer.pk, approved.pk]
    assert "Komentar (1 menunggu moderasi)" in response.content.decode()
    assert Comment.objects.in_moderation().count() == 1


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("approve", Comment.Status.APPROVED),
        ("unapprove", Comment.Status.PENDING),
        ("mark_spam", Comment.Status.SPAM),
        ("trash", Comment.Status.TRASH),
    ],
)
def test_bulk_actions_move_the_selected_comments(staff_client, action, status):
    """Each bulk action changes exactly the selected comments."""
    start = Comment.Status.SPAM if status != Comment.Status.SPAM else Comment.Status.PENDING
    chosen = [make_comment(status=start) for _ in range(2)]
    other = make_comment(status=start)
    response = staff_client.post(
        CHANGELIST, {"action": action, "_selected_action": [c.pk for c in chosen]}
    )
    assert response.status_code == 302
    assert {c.status for c in Comment.objects.filter(pk__in=[c.pk for c in chosen])} == {status}
    other.refresh_from_db()
    assert other.status == start


def test_approving_in_the_admin_publishes_the_comment_for_everyone(staff_client, client):
    """An editor approves a held comment; it then appears on the article."""
    comment = make_comment(body="Akhirnya tampil", status=Comment.Status.PENDING)
    url = comment.article.get_absolute_url()
    assert "Akhirnya tampil" not in client.get(url).content.decode()
    staff_client.post(CHANGELIST, {"action": "approve", "_selected_action": [comment.pk]})
    assert "Akhirnya tampil" in client.get(url).content.decode()


def test_filters_by_status_article_and_date(staff_client):
    article = make_article()
    mine = make_comment(article, status=Comment.Status.SPAM)
    make_comment(status=Comment.Status.SPAM)
    make_comment(article)
    assert listed_ids(
        staff_client.get(CHANGELIST, {"status__exact": "spam", "article__id__exact": article.pk})
    ) == [mine.pk]
    day = timezone.localtime(mine.created_at)  # the admin filters by the newsroom's day (WIB)
    by_date = staff_client.get(
        CHANGELIST,
        {"created_at__year": day.year, "created_at__month": day.month, "created_at__day": day.day},
    )
    assert by_date.status_code == 200
    assert mine.pk in listed_ids(by_date)


@pytest.mark.parametrize(
    "query", ["Sitorus", "sitorus@example.org", "203.0.113.77", "kacang goreng"]
)
def test_search_by_name_email_ip_and_text(staff_client, query):
    found = make_comment(
        author_name="Rudi Sitorus",
        author_email="sitorus@example.org",
        ip_address="203.0.113.77",
        body="Soal kacang goreng itu",
    )
    make_comment()
    assert listed_ids(staff_client.get(CHANGELIST, {"q": query})) == [found.pk]


def test_each_comment_links_to_its_place_on_the_article(staff_client):
    comment = make_comment()
    html = staff_client.get(CHANGELIST).content.decode()
    assert f'href="{comment.article.get_absolute_url()}#comment-{comment.pk}"' in html
    change = staff_client.get(f"{CHANGELIST}{comment.pk}/change/").content.decode()
    assert comment.author_email in change
    assert "192.0.2.1" in change


def test_links_to_comments_go_to_their_comment_page_without_a_query_per_row(
    staff_client, django_assert_max_num_queries
):
    """With pages on, the list links each comment on its own page, in a few queries."""
    article = make_article()
    first = make_comment(article, created_at=timezone.now() - datetime.timedelta(hours=2))
    second = make_comment(article, created_at=timezone.now() - datetime.timedelta(hours=1))
    reply = make_comment(article, parent=second)
    discussion = DiscussionSettings.load()
    discussion.paginate, discussion.per_page = True, 1
    discussion.save()
    staff_client.get(CHANGELIST)  # warm the session and the caches
    with django_assert_max_num_queries(20) as few:
        html = staff_client.get(CHANGELIST).content.decode()
    for _ in range(5):
        make_comment(article, parent=reply)
    with django_assert_max_num_queries(len(few)):
        staff_client.get(CHANGELIST)
    url = article.get_absolute_url()
    # The article opens on its newest comment page (2), as WordPress does; the older is page 1.
    assert f'href="{url}comment-page-1/#comment-{first.pk}"' in html
    assert f'href="{url}#comment-{second.pk}"' in html
    assert f'href="{url}#comment-{reply.pk}"' in html


def test_discussion_settings_are_one_page_in_the_admin(staff_client):
    """The settings list goes straight to the single settings page, which saves."""
    response = staff_client.get("/admin/comments/discussionsettings/")
    assert response.status_code == 302
    assert response["Location"].endswith("/1/change/")
    form = staff_client.get(response["Location"])
    assert form.status_code == 200
    data = {
        "require_name_email": "on", "threaded": "on", "thread_depth": 3, "per_page": 50,
        "close_after_days": 14, "max_links": 2, "previously_approved": "on", "moderate_all": "on",
        "moderation_words": "", "disallowed_words": "kasino", "first_page": "newest",
    }  # fmt: skip
    assert staff_client.post(response["Location"], data).status_code == 302
    saved = DiscussionSettings.load()
    assert saved.moderate_all
    assert saved.thread_depth == 3
    assert saved.disallowed_words == "kasino"


def test_admin_home_shows_the_comments_awaiting_moderation(client):
    """Editors see how many comments wait, the newest of them, and a link to the queue."""
    from tests.factories import make_member

    article = make_article("Artikel Diskusi")
    for name in ("Sari", "Tono"):
        make_comment(article, author_name=name, status=Comment.Status.PENDING)
    make_comment(article, author_name="Sudah Tampil")
    client.force_login(make_member("Editor"))
    html = client.get("/admin/").content.decode()
    # The panel alone (the desk's "Recent comments" below lists approved ones too).
    html = html[html.index('id="comments-awaiting-moderation"') : html.index('id="at-a-glance"')]
    assert "2 komentar menunggu moderasi" in html
    assert "Sari" in html
    assert "Tono" in html
    assert "Sudah Tampil" not in html
    assert "/admin/comments/comment/?status__exact=pending" in html


def test_admin_home_keeps_the_comment_panel_from_people_who_do_not_moderate(client):
    from tests.factories import make_member

    make_comment(make_article(), author_name="Sari", status=Comment.Status.PENDING)
    client.force_login(make_member("Contributor"))
    html = client.get("/admin/").content.decode()
    assert "menunggu moderasi" not in html
    assert "Sari" not in html


@pytest.mark.parametrize("rows", [3, 30])
def test_article_list_counts_approved_comments_without_a_query_per_row(
    client, django_assert_max_num_queries, rows
):
    from tests.factories import make_member

    articles = [make_article(f"Artikel {i}") for i in range(rows)]
    make_comment(articles[0])
    make_comment(articles[0])
    make_comment(articles[0], status=Comment.Status.PENDING)
    client.force_login(make_member("Editor"))
    client.get("/admin/articles/article/")  # warm the per-process caches
    with django_assert_max_num_queries(12):
        response = client.get("/admin/articles/article/?o=6")
    counts = {
        article.title: article.comment_count for article in response.context["cl"].result_list
    }
    assert counts["Artikel 0"] == 2
    assert counts["Artikel 1"] == 0
