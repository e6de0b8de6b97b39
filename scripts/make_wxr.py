"""Write a large WordPress export for the import benchmark: python scripts/make_wxr.py OUT.xml.

10,000 posts and 100,000 comments by default (--posts, --comments), spread over 40 categories
(two levels), 500 tags and 50 authors; classic and block content; threaded comments. Written
streaming, so it needs no memory to speak of.
"""

import argparse
import datetime
import random

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Benchmark</title><link>https://old.example</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example</wp:base_site_url>
"""
WORDS = [
    "pemerintah",
    "kota",
    "warga",
    "jalan",
    "banjir",
    "hujan",
    "sekolah",
    "pasar",
    "harga",
    "beras",
    "listrik",
    "air",
    "desa",
    "presiden",
    "menteri",
    "rapat",
    "kebijakan",
    "ekonomi",
    "olahraga",
    "sepak",
    "bola",
    "pemain",
    "gol",
    "pertandingan",
]


def sentence(rng, n=12):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def body(rng, i):
    paragraphs = [" ".join(sentence(rng) for _ in range(4)) for _ in range(5)]
    if i % 3 == 0:
        return "".join(
            f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->\n\n" for p in paragraphs
        )
    return (
        "\n\n".join(paragraphs[:2])
        + "\n<ul>\n<li>satu</li>\n<li>dua</li>\n</ul>\n"
        + ("\n\n".join(paragraphs[2:]))
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output")
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--start",
        type=datetime.date.fromisoformat,
        default=datetime.date(2015, 1, 1),
        help="The first post's day (YYYY-MM-DD); posts follow 7 hours apart.",
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start = datetime.datetime.combine(args.start, datetime.time(3), tzinfo=datetime.UTC)
    comment_id = 0
    with open(args.output, "w", encoding="utf-8") as out:
        out.write(HEAD)
        for a in range(50):
            out.write(
                f"<wp:author><wp:author_id>{a + 1}</wp:author_id>"
                f"<wp:author_login>penulis{a}</wp:author_login>"
                f"<wp:author_email>penulis{a}@example.com</wp:author_email>"
                f"<wp:author_display_name><![CDATA[Penulis {a}]]></wp:author_display_name>"
                "</wp:author>\n"
            )
        for c in range(40):
            parent = f"kategori-{c % 8}" if c >= 8 else ""
            out.write(
                f"<wp:category><wp:term_id>{c + 1}</wp:term_id>"
                f"<wp:category_nicename>kategori-{c}</wp:category_nicename>"
                f"<wp:category_parent>{parent}</wp:category_parent>"
                f"<wp:cat_name><![CDATA[Kategori {c}]]></wp:cat_name></wp:category>\n"
            )
        for t in range(500):
            out.write(
                f"<wp:tag><wp:term_id>{1000 + t}</wp:term_id><wp:tag_slug>tag-{t}</wp:tag_slug>"
                f"<wp:tag_name><![CDATA[Tag {t}]]></wp:tag_name></wp:tag>\n"
            )
        per_post, extra = divmod(args.comments, args.posts)
        for i in range(args.posts):
            when = start + datetime.timedelta(hours=7 * i)
            local = when + datetime.timedelta(hours=7)
            slug = f"berita-{i}"
            categories = rng.sample(range(40), 2)
            tags = rng.sample(range(500), 4)
            terms = "".join(
                f'<category domain="category" nicename="kategori-{c}">'
                f"<![CDATA[Kategori {c}]]></category>"
                for c in categories
            ) + "".join(
                f'<category domain="post_tag" nicename="tag-{t}"><![CDATA[Tag {t}]]></category>'
                for t in tags
            )
            comments = []
            first = comment_id + 1
            for k in range(per_post + (1 if i < extra else 0)):
                comment_id += 1
                parent = rng.choice([0, 0, rng.randint(first, comment_id - 1)]) if k else 0
                moment = when + datetime.timedelta(minutes=10 * (k + 1))
                comments.append(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                    f"<wp:comment_author><![CDATA[Pembaca {comment_id % 997}]]></wp:comment_author>"
                    f"<wp:comment_author_email>pembaca{comment_id % 997}@example.com"
                    "</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>"
                    "<wp:comment_author_IP>192.0.2.1</wp:comment_author_IP>"
                    f"<wp:comment_date>{moment + datetime.timedelta(hours=7):%Y-%m-%d %H:%M:%S}"
                    f"</wp:comment_date><wp:comment_date_gmt>{moment:%Y-%m-%d %H:%M:%S}"
                    f"</wp:comment_date_gmt><wp:comment_content><![CDATA[{sentence(rng, 20)}]]>"
                    "</wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
                    f"<wp:comment_type></wp:comment_type><wp:comment_parent>{parent}"
                    "</wp:comment_parent></wp:comment>\n"
                )
            out.write(
                f"<item><title><![CDATA[Berita nomor {i}: {sentence(rng, 6)}]]></title>"
                f"<link>https://old.example/{local:%Y/%m/%d}/{slug}/</link>"
                f"<dc:creator>penulis{i % 50}</dc:creator>"
                f"<content:encoded><![CDATA[{body(rng, i)}]]></content:encoded>"
                "<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                f"<wp:post_id>{i + 1}</wp:post_id>"
                f"<wp:post_date>{local:%Y-%m-%d %H:%M:%S}</wp:post_date>"
                f"<wp:post_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>"
                "<wp:comment_status>open</wp:comment_status>"
                f"<wp:post_name>{slug}</wp:post_name><wp:status>publish</wp:status>"
                "<wp:post_parent>0</wp:post_parent><wp:post_type>post</wp:post_type>"
                f"<wp:is_sticky>0</wp:is_sticky>{terms}\n{''.join(comments)}</item>\n"
            )
        out.write("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
