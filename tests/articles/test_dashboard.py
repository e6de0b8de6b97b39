"""The admin home's desk: counts at a glance, recent work, the 30-day chart (WIB days)."""

import datetime
import re

import pytest
from django.utils import timezone

from articles import dashboard
from articles.models import Article
from comments.models import Comment
from tests.factories import make_article, make_comment, make_member

pytestmark = pytest.mark.django_db


def wib_noon(days_ago):
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_per_day_counts_by_the_wib_day_not_the_utc_day():
    """00:30 WIB is still the previous day in UTC; it counts on its WIB day."""
    day = timezone.localdate() - datetime.timedelta(days=2)
    just_after_midnight = timezone.make_aware(datetime.datetime.combine(day, datetime.time(0, 30)))
    make_article("Lewat Tengah Malam", published_at=just_after_midnight)
    counts = dashboard.per_day(Article.objects.published(), "published_at")
    assert counts == {day: 1}


def test_per_day_leaves_out_what_is_older_than_thirty_days():
    make_article("Lama", published_at=wib_noon(30))
    make_article("Baru", published_at=wib_noon(29))
    counts = dashboard.per_day(Article.objects.published(), "published_at")
    assert list(counts.values()) == [1]


def test_chart_scales_bars_to_the_busiest_day():
    today = timezone.localdate()
    chart = dashboard.activity_chart({today: 4}, {today: 2})
    last = chart.days[-1]
    assert len(chart.days) == 30
    assert chart.days[0].date == today - datetime.timedelta(days=29)
    assert last.articles.height == pytest.approx(2 * last.comments.height)
    assert last.articles.y == chart.plot_top
    assert chart.days[0].articles.height == 0


@pytest.mark.parametrize("articles", [2, 12])
def test_admin_home_shows_the_desk_in_a_bounded_number_of_queries(
    client, django_assert_num_queries, articles
):
    """Counts, recently published, recent comments and the chart; the query count does not
    grow with the content."""
    for n in range(articles):
        article = make_article(f"Berita {n}", published_at=wib_noon(n % 5))
        make_comment(article, created_at=wib_noon(n % 3), body=f"Tanggapan {n}")
    make_article("Rancangan Saya", status=Article.Status.DRAFT)
    make_comment(status=Comment.Status.PENDING)
    client.force_login(make_member("Editor", "redaktur"))
    client.get("/admin/")  # warm the per-process caches
    with django_assert_num_queries(16):
        html = client.get("/admin/").content.decode()
    assert "Sekilas" in html
    assert "Baru terbit" in html
    assert "Komentar terbaru" in html
    assert "Tanggapan 0" in html
    assert re.search(r'<svg class="activity-chart__svg"[^>]*role="img"', html)
    assert "Artikel yang terbit dan komentar yang masuk per hari, 30 hari terakhir" in html
    # Today's bar carries its number for screen readers and in the table.
    today = timezone.localdate()
    assert f'<time datetime="{today:%Y-%m-%d}">' in html


def test_contributor_sees_their_own_counts_and_no_comment_panels(client):
    """A contributor's desk counts only their own articles and shows nothing of moderation."""
    contributor = make_member("Contributor", "kontributor")
    make_article("Milik Orang Lain")
    make_article("Rancangan Kontributor", author=contributor, status=Article.Status.DRAFT)
    make_comment(body="Rahasia moderasi")
    client.force_login(contributor)
    html = client.get("/admin/").content.decode()
    assert "Milik Orang Lain" not in html
    assert "Rahasia moderasi" not in html
    assert "Komentar terbaru" not in html
    published = re.search(r"status__exact=published\">[^<]+</a></dt><dd>(\d+)</dd>", html)
    assert published.group(1) == "0"


def test_admin_home_in_english(client):
    client.force_login(make_member("Editor"))
    html = client.get("/admin/", headers={"accept-language": "en"}).content.decode()
    assert "At a glance" in html
    assert "Articles published and comments received per day, last 30 days" in html
