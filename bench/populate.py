"""Fill the benchmark database: the demo content, BENCH_ARTICLES filler articles (50), 200
approved comments on the seed article in WordPress's shape (133 top-level, 45 replies, 22
replies to replies).

With BENCH_COMMENTS (PostgreSQL only; `make bench-growth`) the filler is a newsroom's shape,
written by INSERT ... SELECT generate_series in a few statements (100,000 articles and 1,000,000
comments in a few minutes): ten authors, one with 30% of the articles; 51% in Olahraga and its
sub-category Sepak Bola, 5% also in Ekonomi (more categories); every article with two of 500
tags and 30% with the tag "umum"; "pemerintah" in 27% of the bodies; BENCH_COMMENTS comments
spread over the articles, 5,000 of them on one article ("artikel-pengisi-1").

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
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from taggit.models import Tag, TaggedItem  # noqa: E402

from articles import demo  # noqa: E402
from articles.demo.content import SEED_ARTICLE  # noqa: E402
from articles.models import Article, AuthorProfile, Category  # noqa: E402
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
    if os.environ.get("BENCH_COMMENTS"):
        articles = int(os.environ.get("BENCH_ARTICLES", "50"))
        growth_fill(rng, articles, int(os.environ["BENCH_COMMENTS"]))
    else:
        filler(rng)
    seed_comments(rng)
    print(f"{Article.objects.count()} articles, {Comment.objects.count()} comments")


def filler(rng):
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


def seed_comments(rng):
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


GROWTH_TAGS = 500
GROWTH_AUTHORS = 10
HOT_ARTICLE_COMMENTS = 5000
STEP = "26 minutes"  # 100,000 articles span about five years, as a busy newsroom's would


def insert_select(model, exprs, source):
    """INSERT INTO the model's table SELECT `exprs` (column: SQL) FROM `source`; every other
    column gets its field's default, so columns added later need no change here."""
    columns, values, params = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key and field.column not in exprs:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.column in exprs:
            values.append(exprs[field.column].replace("%", "%%"))
        elif field.has_default():
            values.append("%s")
            params.append(field.get_db_prep_save(field.get_default(), connection))
        elif field.null:
            values.append("NULL")
        else:
            values.append("''")
    sql = (
        f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM {source.replace('%', '%%')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def sql_array(items):
    """A text[] literal of `items` (the generator's own words: no quote in them)."""
    return "(ARRAY[" + ", ".join(f"'{item}'" for item in items) + "])"


@transaction.atomic
def growth_fill(rng, articles, comments):
    if connection.vendor != "postgresql":
        raise SystemExit("BENCH_COMMENTS needs PostgreSQL (DATABASE_URL=postgres://...).")
    User = get_user_model()
    authors = [User.objects.get(username=name).pk for name in ("rina", "budi", "editor")]
    for n in range(len(authors), GROWTH_AUTHORS):
        user = User.objects.create(username=f"penulis{n}", first_name="Penulis", last_name=str(n))
        AuthorProfile.for_user(user)
        authors.append(user.pk)
    slugs = ("olahraga", "sepak-bola", "berita-internasional", "nasional", "ekonomi", "teknologi")
    cat = {c.slug: c.pk for c in Category.objects.filter(slug__in=slugs)}
    others = [cat[s] for s in slugs[2:]]
    words = [w for w in WORDS if w != "pemerintah"] + [f"kata{n}" for n in range(3000)]
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf-like, as in real prose
    paragraphs = [
        "<p>" + " ".join(rng.choices(words, weights, k=40)).capitalize() + ".</p>"
        for _ in range(400)
    ]
    titles = [" ".join(rng.choices(words, weights, k=6)).capitalize() for _ in range(400)]
    paras = sql_array(paragraphs)
    body = " || ".join(f"{paras}[1 + (i * {k} + {k * k}) % 400]" for k in (1, 7, 13, 29, 31, 37))
    insert_select(
        Article,
        {
            "title": f"'Artikel pengisi ' || i || ': ' || {sql_array(titles)}[1 + i % 400]",
            "slug": "'artikel-pengisi-' || i",
            "author_id": f"CASE WHEN i % 10 < 3 THEN {authors[0]} "
            f"ELSE (ARRAY{authors[1:]})[1 + i % {len(authors) - 1}] END",
            "category_id": f"CASE WHEN i % 100 < 20 THEN {cat['olahraga']} "
            f"WHEN i % 100 < 51 THEN {cat['sepak-bola']} "
            f"ELSE (ARRAY{others})[1 + i % {len(others)}] END",
            "status": "'published'",
            "published_at": f"now() - interval '2 days' - i * interval '{STEP}'",
            "created_at": f"now() - interval '2 days' - i * interval '{STEP}'",
            "updated_at": f"now() - interval '2 days' - i * interval '{STEP}'",
            "body": f"{body} || CASE WHEN i % 100 < 27 THEN "
            "'<p>Kata pemerintah soal ini ditunggu.</p>' ELSE '' END",
            "sticky": "i % 20000 = 1",
        },
        f"generate_series(1, {articles}) AS g(i)",
    )
    filler = "(SELECT id, substring(slug from 17)::int AS i FROM articles_article "
    filler += "WHERE slug LIKE 'artikel-pengisi-%') AS a"
    insert_select(
        Tag,
        {"name": "'Topik ' || t", "slug": "'topik-' || t"},
        f"generate_series(1, {GROWTH_TAGS}) AS g(t)",
    )
    Tag.objects.create(name="Umum", slug="umum")
    content_type = ContentType.objects.get_for_model(Article).pk
    first_tag = Tag.objects.filter(slug__startswith="topik-").order_by("pk").first().pk
    umum = Tag.objects.get(slug="umum").pk
    insert_select(
        TaggedItem,
        {"object_id": "a.id", "content_type_id": str(content_type), "tag_id": "t.tag_id"},
        f"{filler} CROSS JOIN LATERAL (SELECT DISTINCT tag_id FROM (VALUES "
        f"({first_tag} + a.i % {GROWTH_TAGS}), "
        f"({first_tag} + (a.i * 31 + 7) % {GROWTH_TAGS}), "
        f"(CASE WHEN a.i % 10 < 3 THEN {umum} END)"
        ") AS v(tag_id) WHERE tag_id IS NOT NULL) AS t",
    )
    insert_select(
        Article.categories.through,
        {"article_id": "a.id", "category_id": str(cat["ekonomi"])},
        f"{filler} WHERE a.i % 20 = 0",
    )
    spread = max(0, comments - HOT_ARTICLE_COMMENTS)
    sentences = sql_array(" ".join(rng.choices(words, weights, k=20)) for _ in range(200))
    comment = {
        "author_name": "'Pembaca ' || g % 5000",
        "author_email": "'pembaca' || g % 5000 || '@example.com'",
        "body": f"{sentences}[1 + g % 200]",
        "body_html": f"'<p>' || {sentences}[1 + g % 200] || '</p>'",
        "status": "CASE WHEN g % 50 = 0 THEN 'pending' ELSE 'approved' END",
        "ip_address": "('192.0.2.' || (1 + g % 250))::inet",
    }
    # Each comment after its article: article i is published `i` steps back from two days ago.
    insert_select(
        Comment,
        {
            **comment,
            "article_id": "a.id",
            "created_at": f"now() - interval '2 days' - a.i * interval '{STEP}' "
            f"+ (10 + g / {articles}) * interval '1 minute'",
        },
        f"generate_series(1, {spread}) AS g JOIN {filler} ON a.i = 1 + g % {articles}",
    )
    insert_select(
        Comment,
        {
            **comment,
            "article_id": "(SELECT id FROM articles_article WHERE slug = 'artikel-pengisi-1')",
            "created_at": "now() - interval '2 days' + g * interval '20 seconds'",
        },
        f"generate_series(1, {min(comments, HOT_ARTICLE_COMMENTS)}) AS g",
    )


if __name__ == "__main__":
    main()
