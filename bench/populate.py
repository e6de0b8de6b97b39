"""Fill the benchmark database: the demo content, BENCH_ARTICLES filler articles (50), 200
approved comments on the seed article in WordPress's shape (133 top-level, 45 replies, 22
replies to replies)."""

import datetime
import os
import random

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles import demo  # noqa: E402
from articles.demo.content import SEED_ARTICLE  # noqa: E402
from articles.models import Article, Category  # noqa: E402
from comments.html import render_comment_html  # noqa: E402
from comments.models import Comment  # noqa: E402

WORDS = [
    "kebijakan",
    "pemerintah",
    "rakyat",
    "ekonomi",
    "harga",
    "minyak",
    "aliansi",
    "tekanan",
    "sanksi",
    "dunia",
    "kerja",
    "sama",
    "negara",
    "kawasan",
    "perdagangan",
    "energi",
    "analisis",
    "pendapat",
    "setuju",
    "menarik",
    "semoga",
    "damai",
    "situasi",
    "berita",
    "laporan",
    "penting",
    "masa",
    "depan",
    "bersama",
    "rupiah",
    "pasar",
    "investasi",
    "diplomasi",
    "keamanan",
]
NAMES = [f"{first} {last}" for first in ("Agus", "Sari", "Budi", "Rina", "Dewi", "Andi", "Tono",
         "Wati", "Eko", "Nina", "Hadi", "Yuli") for last in ("Pratama", "Lestari", "Santoso",
         "Wijaya", "Kusuma", "Siregar", "Nasution", "Hidayat", "Saputra", "Utami")]  # fmt: skip


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def main():
    rng = random.Random(2026)
    demo.seed()
    author = get_user_model().objects.get(username="editor")
    categories = list(Category.objects.all())
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Artikel pengisi {n}: {sentence(rng, 5)[:-1]}",
            slug=f"artikel-pengisi-{n}",
            author=author,
            category=categories[n % len(categories)],
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(days=60 + n),
            body="".join(f"<p>{sentence(rng, 40)}</p>" for _ in range(6)),
        )
        for n in range(1, int(os.environ.get("BENCH_ARTICLES", "50")) + 1)
    )
    article = Article.objects.get(slug=SEED_ARTICLE["slug"])
    start = article.published_at + datetime.timedelta(minutes=5)
    layers = [(133, None), (45, 0), (22, 1)]
    made = {0: [], 1: [], 2: []}
    n = 0
    for level, (count, parent_level) in enumerate(layers):
        batch = []
        for _ in range(count):
            n += 1
            text = "\n\n".join(sentence(rng, rng.randint(12, 40)) for _ in range(rng.randint(1, 3)))
            if n % 10 == 0:
                text += " https://example.com/sumber/" + str(n)
            name = rng.choice(NAMES)
            batch.append(
                Comment(
                    article=article,
                    parent=rng.choice(made[parent_level]) if parent_level is not None else None,
                    author_name=name,
                    author_email=f"{name.split()[0].lower()}{n}@example.com",
                    author_url=f"https://example.org/{n}" if n % 7 == 0 else "",
                    body=text,
                    body_html=render_comment_html(text),
                    status=Comment.Status.APPROVED,
                    created_at=start + datetime.timedelta(minutes=n * 7),
                    ip_address=f"192.0.2.{n % 250 + 1}",
                )
            )
        made[level] = Comment.objects.bulk_create(batch)
    print(f"{Article.objects.count()} articles, {Comment.objects.count()} comments")


if __name__ == "__main__":
    main()
