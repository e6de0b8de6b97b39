"""A few comments, with a reply, under the seed article, dated in the hours before the demo is
loaded: "Most commented" counts the last few days, so the demo's comments follow the clock.
Running it again adds nothing; on a later day it moves them back into "Most commented"'s days.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.demo.content import SEED_ARTICLE
from articles.models import Article
from popularity.ranking import forget

from .models import Comment

# The comments were written in the few hours before the demo is loaded (or just after the seed
# article's publication, when the clock is earlier than that).
HOURS_BEFORE_NOW = 3

# (key, name, email, website, minutes after the first comment's hour, text, reply to key)
DEMO_COMMENTS = [
    ("sari", "Sari Wulandari", "sari@example.com", "", 45,
     "Analisis yang jernih. Saya penasaran bagaimana sikap negara-negara Teluk terhadap "
     "kesepakatan ini.", None),
    ("andi", "Andi Pratama", "andi@example.net", "https://example.net/andi", 90,
     "Tekanan ekonomi memang membuat kedua negara makin dekat.\n\nTapi apakah kerja sama "
     "militernya benar-benar akan terwujud?", None),
    ("dewi", "Dewi Lestari", "redaksi@example.org", "", 120,
     "Terima kasih, Sari. Kami sedang menyiapkan laporan lanjutan tentang tanggapan "
     "negara-negara Teluk.", "sari"),
]  # fmt: skip


@transaction.atomic
def seed():
    """Add the demo comments that are missing, and date them anew when they have fallen out of
    "Most commented"'s days. Returns how many were created."""
    article = Article.objects.filter(slug=SEED_ARTICLE["slug"]).first()
    if article is None:
        return 0
    now = timezone.now()
    start = max(article.published_at, now - datetime.timedelta(hours=HOURS_BEFORE_NOW))
    window_start = now - datetime.timedelta(days=settings.NEWSROOM_POPULAR_COMMENT_DAYS)
    created = {}
    new = 0
    redated = False
    for key, name, email, url, minutes, text, reply_to in DEMO_COMMENTS:
        when = start + datetime.timedelta(minutes=minutes)
        comment, was_created = Comment.objects.get_or_create(
            article=article,
            author_email=email,
            body=text,
            defaults={
                "author_name": name,
                "author_url": url,
                "parent": created.get(reply_to),
                "status": Comment.Status.APPROVED,
                "created_at": when,
            },
        )
        if not was_created and comment.created_at < window_start:
            Comment.objects.filter(pk=comment.pk).update(created_at=when)
            redated = True
        created[key] = comment
        new += was_created
    if new or redated:
        forget()
    return new
