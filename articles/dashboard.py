"""The admin home's desk: counts at a glance, recently published, and a 30-day activity chart.

Days are the site's (WIB) days. The chart is a small SVG drawn on the server from numbers the
template passes in, so the comments app gives its own series and this app never reaches for it.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import Article
from .publication import published_q, scheduled_q

CHART_DAYS = 30
RECENT_SIZE = 5


def last_days(days=CHART_DAYS, now=None):
    """The last `days` local dates, oldest first, ending today (WIB)."""
    today = timezone.localdate(now)
    return [today - datetime.timedelta(days=n) for n in range(days - 1, -1, -1)]


def since(days=CHART_DAYS, now=None):
    """The aware start of the first day of the chart (local midnight)."""
    first = last_days(days, now)[0]
    return timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))


def per_day(queryset, field, days=CHART_DAYS, now=None):
    """{local date: count} for rows whose `field` falls in the last `days` days (one query)."""
    start = since(days, now)
    end = start + datetime.timedelta(days=days)
    rows = (
        queryset.filter(**{f"{field}__gte": start, f"{field}__lt": end})
        .annotate(day=TruncDate(field, tzinfo=timezone.get_current_timezone()))
        .order_by()
        .values("day")
        .annotate(count=Count("pk"))
    )
    return {row["day"]: row["count"] for row in rows}


def article_counts(user):
    """Articles by status among those `user` works on (one query)."""
    now = timezone.now()
    return Article.objects.editable_by(user).aggregate(
        published=Count("pk", filter=published_q(now)),
        scheduled=Count("pk", filter=scheduled_q(now)),
        pending=Count("pk", filter=Q(status=Article.Status.PENDING)),
        drafts=Count("pk", filter=Q(status=Article.Status.DRAFT)),
    )


def recently_published(user, size=RECENT_SIZE):
    return list(
        Article.objects.editable_by(user)
        .published()
        .select_related("author", "category")
        .order_by("-published_at")[:size]
    )


def articles_per_day(user, now=None):
    return per_day(Article.objects.editable_by(user).published(), "published_at", now=now)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    height: float
    count: int


@dataclass(frozen=True)
class ChartDay:
    date: datetime.date
    articles: Bar
    comments: Bar | None
    label: bool  # whether the x axis names this day


@dataclass(frozen=True)
class Chart:
    days: list
    width: int
    height: int
    plot_top: int
    plot_bottom: int
    plot_left: int
    plot_right: int
    bar_width: float
    peak: int
    gridlines: list
    show_comments: bool


def activity_chart(articles, comments=None, now=None, days=CHART_DAYS):
    """Geometry for the SVG: two bars a day (articles, comments), scaled to the busiest day."""
    width, height, left, top, bottom = 640, 200, 32, 12, 170
    slot = (width - left) / days
    bar = slot * 0.4
    dates = last_days(days, now)
    peak = max([1, *articles.values(), *(comments or {}).values()])
    scale = (bottom - top) / peak

    def make_bar(x, count):
        h = count * scale
        return Bar(x=round(x, 1), y=round(bottom - h, 1), height=round(h, 1), count=count)

    chart_days = []
    for n, date in enumerate(dates):
        x = left + n * slot + slot * 0.1
        chart_days.append(
            ChartDay(
                date=date,
                articles=make_bar(x, articles.get(date, 0)),
                comments=make_bar(x + bar, comments.get(date, 0)) if comments is not None else None,
                label=n % 7 == (days - 1) % 7,
            )
        )
    steps = sorted({peak, round(peak / 2)} - {0})
    gridlines = [(step, round(bottom - step * scale, 1)) for step in steps]
    return Chart(
        days=chart_days,
        width=width,
        height=height,
        plot_top=top,
        plot_bottom=bottom,
        plot_left=left,
        plot_right=width,
        bar_width=round(bar, 1),
        peak=peak,
        gridlines=gridlines,
        show_comments=comments is not None,
    )
