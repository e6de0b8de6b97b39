"""Importing WordPress's theme unit test export, and running it again."""

import datetime
from collections import Counter

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Category
from comments.models import Comment
from pages.models import Page
from wordpress.models import Redirect, WordPressObject
from wordpress.threads import break_cycles

from .conftest import THEME_DATA, run_import, write_wxr, wxr_item

pytestmark = pytest.mark.django_db

A11Y_DATA = THEME_DATA.with_name("a11y-unit-test-data.xml")


def depth(comment):
    level = 1
    while comment.parent_id:
        comment, level = comment.parent, level + 1
    return level


def test_counts_per_kind_match_the_file(theme_site):
    """58 posts, 21 pages, every one of the 68 categories (used or not), 110 tags, 29 comments."""
    out, err = theme_site
    assert Article.objects.count() == 58
    assert Page.objects.count() == 21
    assert Category.objects.count() == 68
    # The file lists 110 tags; posts name three more that the header left out.
    assert Tag.objects.count() == 113
    assert WordPressObject.objects.filter(kind="tag").count() == 110
    # 29 comments: 24 on posts, 5 on pages; 4 pings skipped.
    assert Comment.objects.count() == 29
    assert Comment.objects.filter(page__isnull=False).count() == 5
    assert get_user_model().objects.count() == 3
    assert "nav_menu_item" in out
    assert " 70 " in out.split("nav_menu_item")[1].splitlines()[0]
    assert "pingback/trackback" in out
    assert "shortcode [gallery] removed: 12" in out
    assert err == ""


def test_statuses_sticky_and_dates(theme_site):
    """publish, future, draft: published, scheduled, draft; the sticky post is sticky."""
    statuses = Counter(Article.objects.values_list("status", flat=True))
    # 56 published; the password-protected post is kept back as a draft, beside the draft.
    assert statuses == {"published": 55, "draft": 2, "scheduled": 1}
    scheduled = Article.objects.get(status="scheduled")
    assert scheduled.published_at == datetime.datetime(2030, 1, 1, 19, 0, 18, tzinfo=datetime.UTC)
    # Public at its own time, not before, whatever today's date (the file's is 2030).
    with time_machine.travel(scheduled.published_at - datetime.timedelta(minutes=1)):
        assert scheduled not in Article.objects.published()
    with time_machine.travel(scheduled.published_at + datetime.timedelta(minutes=1)):
        assert scheduled in Article.objects.published()
    assert list(Article.objects.filter(sticky=True).values_list("slug", flat=True)) == [
        "template-sticky"
    ]
    # post_date_gmt read in UTC; the URL's date is the site's (Jakarta) date.
    lists = Article.objects.get(slug="edge-case-nested-and-mixed-lists")
    assert timezone.localdate(lists.published_at) == datetime.date(2009, 5, 16)


def test_edge_cases_of_the_content(theme_site):
    many_tags = Article.objects.get(slug="edge-case-many-tags")
    assert many_tags.tags.count() == 45
    many_categories = Article.objects.get(slug="edge-case-many-categories")
    assert many_categories.categories.count() + 1 == 63
    special = Article.objects.get(slug="title-with-special-characters")
    assert special.title.endswith("~`!@#$%^&*()-_=+{}[]/\\;:'\"?,.>")
    assert Article.objects.get(slug="markup-title-with-markup").title == "Markup: Title With Markup"
    nested = Article.objects.get(slug="edge-case-nested-and-mixed-lists").body
    assert nested.startswith("<p>Nested and mixed lists are an interesting beast.")
    assert "<ul>\n<li>" in nested
    assert "<ol>" in nested
    assert "<p><ul>" not in nested
    caption = Article.objects.get(slug="post-format-image-caption").body
    assert "<figure><a" in caption
    assert "<figcaption>Bell on wharf in San Francisco</figcaption>" in caption
    for article in Article.objects.filter(category__slug="block"):
        assert "<!--" not in article.body  # a code sample may still show one, escaped
    chat = Article.objects.get(slug="post-format-chat").body
    assert chat.count("<p>") > 10  # blank lines make paragraphs
    gallery = Article.objects.get(slug="post-format-gallery").body
    assert "[gallery" not in gallery


def test_category_tree_and_descriptions(theme_site):
    child = Category.objects.get(slug="child-category-03")
    assert child.parent.slug == "parent-category"
    assert child.path == "parent-category/child-category-03"
    assert child.description == "This is a description for the Child Category 03."
    unused = Category.objects.filter(articles=None, more_articles=None)
    assert unused.exists()


def test_comment_threads_statuses_and_private_fields(theme_site):
    article = Article.objects.get(slug="template-comments")
    comments = list(article.comments.all())
    assert len(comments) == 20
    assert max(depth(c) for c in comments) == 10
    assert Counter(Comment.objects.values_list("status", flat=True)) == {
        "approved": 26,
        "pending": 3,
    }
    first = article.comments.get(author_name="John Γιάννης Doe Κάποιος")
    assert first.parent is None
    assert first.created_at == datetime.datetime(2012, 9, 3, 17, 18, 4, tzinfo=datetime.UTC)
    assert (first.author_email, first.author_url) == ("example@example.org", "http://example.org/")
    # WordPress kept the comment's HTML; the site keeps comments as text, its lines kept.
    assert first.body.startswith("Headings\nHeader one\n")
    assert "<h1>" not in first.body_html


def test_pages_keep_their_paths(theme_site, client):
    about = Page.objects.get(slug="about")
    assert client.get("/about/").status_code == 200
    assert about.is_published
    assert not about.in_footer
    response = client.get("/level-1/level-2/level-3/")
    assert response.status_code == 301
    assert response["Location"] == "/level-3/"


def test_second_run_changes_nothing(theme_site):
    before = {
        "articles": list(Article.objects.values_list("pk", "updated_at", "body")),
        "comments": list(Comment.objects.values_list("pk", "parent_id", "status")),
        "pages": list(Page.objects.values_list("pk", "updated_at")),
        "redirects": Redirect.objects.count(),
        "mapped": WordPressObject.objects.count(),
        "history": Article.history.count(),
    }
    out, _err = run_import()
    after = {
        "articles": list(Article.objects.values_list("pk", "updated_at", "body")),
        "comments": list(Comment.objects.values_list("pk", "parent_id", "status")),
        "pages": list(Page.objects.values_list("pk", "updated_at")),
        "redirects": Redirect.objects.count(),
        "mapped": WordPressObject.objects.count(),
        "history": Article.history.count(),
    }
    assert after == before
    post_row = next(line for line in out.splitlines() if line.startswith("post "))
    assert post_row.split()[1:] == ["0", "0", "58", "0", "0"]


def test_dry_run_writes_nothing(db):
    out, _err = run_import(THEME_DATA, "--dry-run")
    assert "Dry run" in out
    assert not Article.objects.exists()
    assert not Category.objects.exists()
    assert not WordPressObject.objects.exists()


def test_a_newer_export_updates_what_changed(db, tmp_path):
    write_wxr(tmp_path / "v1.xml", wxr_item(10, "Pertama"), wxr_item(11, "Kedua"))
    run_import(tmp_path / "v1.xml")
    kedua = Article.objects.get(slug="kedua")
    write_wxr(
        tmp_path / "v2.xml",
        wxr_item(10, "Pertama"),
        wxr_item(11, "Kedua", body="Isi baru."),
        wxr_item(12, "Ketiga"),
    )
    out, _err = run_import(tmp_path / "v2.xml")
    post_row = next(line for line in out.splitlines() if line.startswith("post "))
    assert post_row.split()[1:] == ["1", "1", "1", "0", "0"]
    kedua.refresh_from_db()
    assert kedua.body == "<p>Isi baru.</p>"
    assert Article.objects.count() == 3


def test_a_broken_item_is_reported_and_skipped(db, tmp_path):
    """A post without a usable ID fails alone; the rest of the file goes in."""
    write_wxr(tmp_path / "broken.xml", wxr_item("x20", "Rusak"), wxr_item(21, "Utuh"))
    out, err = run_import(tmp_path / "broken.xml")
    assert list(Article.objects.values_list("slug", flat=True)) == ["utuh"]
    assert "post 0 ('Rusak'): ValueError: no usable post ID: 'x20'" in err
    post_row = next(line for line in out.splitlines() if line.startswith("post "))
    assert post_row.split()[1:] == ["1", "0", "0", "0", "1"]


def test_authors_have_no_usable_password(theme_site):
    user = get_user_model().objects.get(username="themedemos")
    assert not user.has_usable_password()
    assert user.email == "themeshaperwp+demos@gmail.com"


def test_several_categories_are_listed_in_each_archive(theme_site, client):
    article = Article.objects.get(slug="edge-case-many-categories")
    extra = article.categories.exclude(pk=article.category_id).first()
    response = client.get(extra.get_absolute_url())
    assert article in response.context["articles"]
    feed = client.get(f"{extra.get_absolute_url()}feed/")
    assert article.get_absolute_url().encode() in feed.content


def evil_export(tmp_path, entities, body):
    path = write_wxr(tmp_path / "evil.xml", wxr_item(30, "Jahat", body=f"]]>{body}<![CDATA["))
    text = path.read_text().replace("<rss ", f"<!DOCTYPE rss [{entities}]>\n<rss ", 1)
    path.write_text(text)
    return path


def test_an_external_entity_is_not_read(db, tmp_path):
    """XXE: an entity naming a local file is left unexpanded."""
    run_import(evil_export(tmp_path, '<!ENTITY xxe SYSTEM "file:///etc/passwd">', "&xxe;"))
    assert "root:" not in Article.objects.get().body


def test_an_entity_bomb_is_refused(db, tmp_path):
    """Billion laughs: libxml2's amplification limit stops the parse; nothing is written."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10)
    )
    with pytest.raises(CommandError, match="amplification"):
        run_import(evil_export(tmp_path, entities, "&lol9;"))
    assert not Article.objects.exists()


def test_unreadable_files_are_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run_import(tmp_path / "missing.xml")
    broken = tmp_path / "broken.xml"
    broken.write_text("<rss><channel><item><title>x</item></channel>")
    with pytest.raises(CommandError, match="Cannot read"):
        run_import(broken)
    assert not Article.objects.exists()


def test_imported_articles_are_not_marked_updated(theme_site, client):
    article = Article.objects.get(slug="template-comments")
    assert not article.was_updated
    assert b"Diperbarui" not in client.get(article.get_absolute_url()).content


def test_counts_and_search_are_right_after_the_import(theme_site, client):
    """No manual step: comment counts come from the rows, search from the stored text."""
    article = Article.objects.get(slug="template-comments")
    assert article.comment_count == 19  # 20 comments, one of them held for moderation
    assert b"19 Komentar" in client.get(article.get_absolute_url()).content
    found = Article.objects.published().search("mixed lists")
    assert "edge-case-nested-and-mixed-lists" in [a.slug for a in found]


def test_comments_on_pages_are_kept_with_the_page_open_or_closed(theme_site, client):
    """WordPress's "Page with comments" keeps its four (a reply among them, one held) and
    stays open; its readers see the approved ones in their thread."""
    page = Page.objects.get(slug="page-with-comments")
    assert page.comments_open
    comments = list(page.comments.order_by("created_at", "pk"))
    assert len(comments) == 4
    assert (page.comment_count, page.pending_comment_count) == (3, 1)
    held = next(c for c in comments if c.status == Comment.Status.PENDING)
    assert held.parent is not None
    assert held.parent.page == page
    html = client.get("/page-with-comments/").text
    for comment in comments:
        shown = f'<li id="comment-{comment.pk}"' in html
        assert shown == (comment.status == Comment.Status.APPROVED)
    assert 'id="commentform"' in html
    assert not Page.objects.get(slug="about").comments_open


def test_a11y_data_accounts_for_every_comment(db):
    """The accessibility test data: 22 comments on its posts arrive; the 3 of its "Page with
    comments" are on an item with no post type (WordPress's importer refuses it too), so they
    are reported skipped, not lost without a word; its 4 pings are skipped."""
    out, _err = run_import(A11Y_DATA)
    assert Comment.objects.count() == 22
    row = next(line for line in out.splitlines() if line.startswith("comment "))
    assert row.split()[1:] == ["22", "0", "0", "3", "0"]
    assert "comments on items of no type (skipped): 3" in out


def test_an_entity_in_a_title_is_kept(db, tmp_path):
    """An entity reference the parser leaves unexpanded (entities are never expanded) keeps its
    place in the title, and the text after it stays too."""
    path = write_wxr(tmp_path / "entity.xml", wxr_item(40, "Caf&eacute; Pagi", slug="kafe"))
    text = path.read_text().replace("<rss ", '<!DOCTYPE rss [<!ENTITY eacute "&#233;">]>\n<rss ', 1)
    path.write_text(text)
    run_import(path)
    assert Article.objects.get().title == "Café Pagi"


def wxr_comment(comment_id, parent=0, date="2024-03-05 03:00:00"):
    return f"""<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>
<wp:comment_author><![CDATA[Pembaca {comment_id}]]></wp:comment_author>
<wp:comment_author_email>pembaca@example.com</wp:comment_author_email>
<wp:comment_date_gmt>{date}</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Komentar {comment_id}]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>{parent}</wp:comment_parent>
</wp:comment>"""


def test_a_duplicate_comment_id_is_reported_and_the_post_goes_in(db, tmp_path):
    path = write_wxr(
        tmp_path / "duplicate.xml",
        wxr_item(50, "Satu", extra=wxr_comment(1) + wxr_comment(2) + wxr_comment(2)),
        wxr_item(51, "Dua", extra=wxr_comment(1) + wxr_comment(3)),
    )
    out, err = run_import(path)
    assert Article.objects.count() == 2
    assert Comment.objects.filter(article__slug="satu").count() == 2
    assert Comment.objects.filter(article__slug="dua").count() == 1
    assert "post 50 ('Satu'): comment 2 skipped: its ID is another comment's" in err
    assert "post 51 ('Dua'): comment 1 skipped: its ID is another comment's" in err
    assert "IntegrityError" not in err
    comment_row = next(line for line in out.splitlines() if line.startswith("comment "))
    assert comment_row.split()[1:] == ["3", "0", "0", "2", "0"]


def test_a_comment_cycle_is_broken_so_every_comment_shows(db, tmp_path, client):
    """Comments 2 -> 3 -> 4 -> 2 reply to each other in a ring: one of them becomes top-level,
    so the thread shows all seven the count says."""
    comments = [wxr_comment(1), wxr_comment(5, 1), wxr_comment(6), wxr_comment(7, 6)]
    comments += [wxr_comment(2, 4), wxr_comment(3, 2), wxr_comment(4, 3)]
    _out, err = run_import(
        write_wxr(tmp_path / "ring.xml", wxr_item(60, "Lingkar", extra="".join(comments)))
    )
    article = Article.objects.get()
    assert article.comment_count == 7
    page = client.get(article.get_absolute_url()).content.decode()
    assert "7 Komentar" in page
    for n in range(1, 8):
        assert f"Komentar {n}</p>" in page
    assert "post 60 ('Lingkar'): comments 2, 3, 4 reply to each other in a cycle" in err


def test_an_invalid_post_date_is_reported(db, tmp_path):
    """A GMT date that is no date: the local one is kept, and said; with no valid date at all a
    published post is refused, not dated at the import's time."""
    kept = wxr_item(70, "Lokal", date_gmt="2024-02-30 25:00:00")
    none = wxr_item(71, "Tanpa", date_gmt="bukan tanggal").replace(
        "<wp:post_date>2024-03-05 09:00:00</wp:post_date>", "<wp:post_date>kemarin</wp:post_date>"
    )
    _out, err = run_import(write_wxr(tmp_path / "dates.xml", kept, none))
    article = Article.objects.get()
    assert timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M") == "2024-03-05 09:00"
    assert "post 70 ('Lokal'): invalid date '2024-02-30 25:00:00'" in err
    assert "post 71 ('Tanpa'): ValueError: invalid date 'bukan tanggal', 'kemarin'" in err
    assert not Article.objects.filter(slug="tanpa").exists()


def test_an_invalid_comment_date_is_reported(db, tmp_path):
    extra = wxr_comment(1, date="2024-99-01 00:00:00")
    _out, err = run_import(
        write_wxr(tmp_path / "comment-date.xml", wxr_item(80, "Komentar", extra=extra))
    )
    comment = Comment.objects.get()
    assert comment.created_at == Article.objects.get().published_at
    assert "post 80 ('Komentar'): comment 1: invalid date '2024-99-01 00:00:00'" in err


def test_break_cycles_cuts_each_loop_once():
    """Rings and self-replies are cut; chains, and a comment without an ID (0), are left."""
    parents = {0: 5, 5: 0, 2: 4, 3: 2, 4: 3, 7: 7, 8: 7, 9: 8}
    assert break_cycles(parents) == [[2, 4, 3], [7]]
    assert parents == {0: 5, 5: 0, 2: 0, 3: 2, 4: 3, 7: 0, 8: 7, 9: 8}
