"""A few comments, with a reply, under the seed article; running it again changes nothing."""

import datetime

from django.db import transaction

from articles.demo.content import SEED_ARTICLE
from articles.models import Article

from .models import Comment

# (key, name, email, website, minutes after publication, text, reply to key)
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
    """Add the demo comments that are missing. Returns how many were created."""
    article = Article.objects.filter(slug=SEED_ARTICLE["slug"]).first()
    if article is None:
        return 0
    created = {}
    new = 0
    for key, name, email, url, minutes, text, reply_to in DEMO_COMMENTS:
        comment, was_created = Comment.objects.get_or_create(
            article=article,
            author_email=email,
            body=text,
            defaults={
                "author_name": name,
                "author_url": url,
                "parent": created.get(reply_to),
                "status": Comment.Status.APPROVED,
                "created_at": article.published_at + datetime.timedelta(minutes=minutes),
            },
        )
        created[key] = comment
        new += was_created
    return new
