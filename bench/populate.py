"""Fill the benchmark database: the demo content, BENCH_ARTICLES filler articles (50), 200
approved comments on the seed article in WordPress's shape (133 top-level, 45 replies, 22
replies to replies).

When the WordPress lab answers (BENCH_WORDPRESS, http://127.0.0.1:8081), the seed article gets
the lab's own 200 comments instead (names, links, text, dates and threading, read from its REST
API), so that both sites' pages show the same comments and their bytes compare."""

import datetime
import html
import json
import os
import random
import re
import urllib.error
import urllib.request
from pathlib import Path

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


def wordpress_comments():
    """The lab article's approved comments, oldest first, or [] when the lab does not answer."""
    base = os.environ.get("BENCH_WORDPRESS", "http://127.0.0.1:8081")
    try:
        lines = Path("/var/lib/wplab/article.env").read_text().splitlines()
        env = dict(line.strip().split("=", 1) for line in lines if "=" in line)
        found = []
        for page in (1, 2, 3):
            url = (
                f"{base}/wp-json/wp/v2/comments?post={env['ARTICLE_ID']}&per_page=100"
                f"&page={page}&orderby=id&order=asc"
            )
            with urllib.request.urlopen(url, timeout=10) as response:
                batch = json.load(response)
            found += batch
            if len(batch) < 100:
                break
    except (OSError, KeyError, ValueError, urllib.error.URLError):
        return []
    return found


def comment_text(rendered):
    """WordPress's rendered comment back to what its commenter typed (paragraphs kept)."""
    paragraphs = re.split(r"</p>\s*<p>", rendered.strip())
    return "\n\n".join(html.unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in paragraphs)


def copy_wordpress_comments(article, comments):
    """The same comments on our seed article, at the same distances from the first one."""
    made = {}
    when = [datetime.datetime.fromisoformat(item["date_gmt"]) for item in comments]
    start = article.published_at + datetime.timedelta(minutes=5)
    for item, written in zip(comments, when, strict=True):
        text = comment_text(item["content"]["rendered"])
        created = start + (written - min(when))
        made[item["id"]] = Comment.objects.create(
            article=article,
            parent=made.get(item["parent"]),
            author_name=item["author_name"],
            author_email=f"wp{item['id']}@example.com",
            author_url=item.get("author_url") or "",
            body=text,
            body_html=render_comment_html(text),
            status=Comment.Status.APPROVED,
            created_at=created,
            ip_address="192.0.2.1",
        )
    return len(made)


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
    from_wordpress = wordpress_comments()
    if from_wordpress:
        copied = copy_wordpress_comments(article, from_wordpress)
        print(f"{Article.objects.count()} articles, {copied} comments copied from WordPress")
        return
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
