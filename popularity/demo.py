"""Demo reads for "Most read": a day of hourly counts, as the beacon would have made them."""

import datetime

from django.db import transaction
from django.utils import timezone

from articles.demo.content import READS_PER_HOUR
from articles.models import Article

from .models import HourlyReads
from .ranking import forget


@transaction.atomic
def seed():
    """Add a day of reads unless some were counted in that day already. Returns rows made."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    day_ago = now - datetime.timedelta(hours=24)
    if HourlyReads.objects.filter(hour__gt=day_ago).exists():
        return 0
    slugs = [slug for slug, _ in READS_PER_HOUR]
    articles = {article.slug: article for article in Article.objects.filter(slug__in=slugs)}
    rows = [
        # A gentle daily rhythm: fewer reads in the small hours.
        HourlyReads(
            article=articles[slug], hour=hour, count=max(1, per_hour * (2 + hour.hour % 6) // 4)
        )
        for slug, per_hour in READS_PER_HOUR
        if slug in articles
        for hour in (now - datetime.timedelta(hours=h) for h in range(24))
    ]
    HourlyReads.objects.bulk_create(rows)
    forget()
    return len(rows)
