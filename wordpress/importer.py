"""Importing a WordPress export (WXR): users, categories, tags, articles, pages, comments.

The file is read twice, streaming (see wxr.py): first the small things (authors, terms,
attachments, counts), then the posts and pages one at a time. Each post is saved with its
comments in one transaction, so a broken item is reported and skipped alone. The WordPress IDs
of what was made are kept (`WordPressObject`) with a digest of the item: a second run of the
same file skips every unchanged item, and a newer export updates what changed.
"""

import contextlib
import hashlib
import html
import json
from collections import Counter, defaultdict
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from lxml import etree
from taggit.models import Tag, TaggedItem

import pagecache
from articles.html import plain_text, sanitize_html
from articles.models import Article, Category
from articles.related import deferred_ranking
from comments import cachekeys as comment_keys
from pages.footer import forget_footer
from pages.models import Page
from popularity import ranking

from . import content, threads, wxr
from .media import Media
from .models import Redirect, WordPressObject

Kind = WordPressObject.Kind
RESULTS = ("imported", "updated", "unchanged", "skipped", "failed")
POST_STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.SCHEDULED,
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.PENDING,
    "private": Article.Status.DRAFT,
}
DEFAULT_CATEGORY = ("uncategorized", "Uncategorized")


class Report:
    """What the import did, per kind of thing, and what a person should look at."""

    def __init__(self):
        self.counts = defaultdict(Counter)
        self.notes = Counter()
        self.shortcodes = Counter()  # removed, by name
        self.problems = []

    def add(self, kind, result, n=1):
        self.counts[kind][result] += n

    def problem(self, text):
        self.problems.append(text)


def _int(value, default=0):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _label(item):
    """How the report names an item: "post 12 ('Its title')"."""
    title = html.unescape(item.get("title", ""))[:60]
    return f"{item.get('wp:post_type')} {_int(item.get('wp:post_id'))} ({title!r})"


def _path(url):
    """The path of an old WordPress address, decoded; "" for the home page and ?p= links."""
    parts = urlsplit((url or "").strip())
    path = unquote(parts.path or "")
    if not path or path == "/" or parts.query:
        return ""
    return path


class Importer:
    def __init__(self, path, *, media_dir=None, fetch_media=False, dry_run=False, progress=None):
        self.path = path
        self.dry_run = dry_run
        self.media = Media(media_dir, fetch_media, dry_run)
        self.progress = progress
        self.report = Report()
        self.users = {}
        self.categories = {}  # WordPress nicename -> Category
        self.tags = {}  # WordPress slug -> Tag
        self.mapped = {}  # kind -> {WordPress ID: (object ID, digest)} for posts and pages
        self.tag_slugs, self.tag_names = {}, {}
        self.repair = False  # read through wxr.repaired() (see scan)

    # The run.

    def run(self):
        authors, terms, self.attachments, totals = self.scan()
        self.article_type = ContentType.objects.get_for_model(Article)
        self.total = totals.get("post", 0) + totals.get("page", 0)
        self.done = 0
        for post_type, count in totals.items():
            if post_type not in ("post", "page", "attachment"):
                self.report.add(post_type, "skipped", count)
        outer = transaction.atomic() if self.dry_run else contextlib.nullcontext()
        with outer:
            # The page cache's purges and the "Read also" ranking run once at the end, for
            # what the import touched, not once per saved object (docs/design.md).
            with pagecache.deferred_purges() as purges, deferred_ranking() as ranked:
                self.import_all(authors, terms)
                if self.dry_run:  # rolled back below: nothing to rank or purge
                    ranked.clear()
                    purges.discard()
            if self.dry_run:
                transaction.set_rollback(True)
        if not self.dry_run:
            forget_footer()
            ranking.forget()  # "Most commented" counts the imported comments at once
        self.report.notes["media files stored"] = self.media.stored
        for url in self.media.missing:
            self.report.problem(f"media not found: {url}")
        return self.report

    def import_all(self, authors, terms):
        """Users and terms, then each post and page in its own transaction, then attachments."""
        with transaction.atomic():
            self.import_authors(authors)
            self.import_categories(terms["category"])
            self.import_tags(terms["tag"])
        self.report.add("menu term", "skipped", len(terms["term"]))
        self.mapped = {
            kind: {
                wp_id: (object_id, digest)
                for wp_id, object_id, digest in WordPressObject.objects.filter(
                    kind=kind
                ).values_list("wp_id", "object_id", "digest")
            }
            for kind in (Kind.POST, Kind.PAGE)
        }
        for name, item in self.read():
            if name == "item" and item.get("wp:post_type") in ("post", "page"):
                self.import_item(item)
            elif name == "item" and not item.get("wp:post_type") and item.get("comments"):
                # An item of no type is skipped (WordPress's importer refuses it too: "Invalid
                # post type"); its comments are counted, not lost without a word.
                real = [
                    c for c in item["comments"] if c.get("wp:comment_type", "") in ("", "comment")
                ]
                self.report.add("comment", "skipped", len(real))
                self.report.notes["comments on items of no type (skipped)"] += len(real)
        with transaction.atomic():
            self.import_attachments()

    def read(self, repairs=None):
        """The file's elements (wxr.read), repaired if the first pass found it needed it."""
        if repairs is None and self.repair:
            repairs = []
        return wxr.read(self.path, repairs)

    def scan(self):
        """The first pass (`survey`), again through WordPress's CDATA repair if the file is not
        well-formed for a "]]>" in its text; the repair is reported, or the file's own error
        raised if it did not help.
        Nothing is written before this returns."""
        try:
            return self.survey()
        except etree.XMLSyntaxError as error:
            if error.code != etree.ErrorTypes.ERR_MISPLACED_CDATA_END:
                raise
            repairs = []
            try:
                found = self.survey(repairs)
            except etree.XMLSyntaxError:
                raise error from None
            self.repair = True
            lines = ", ".join(str(line) for line in repairs)
            self.report.problem(
                f"repaired: {len(repairs)} CDATA sections held an unescaped ']]>' (lines {lines}),"
                " read as WordPress's importer reads them"
            )
            return found

    def survey(self, repairs=None):
        """Authors, terms and attachments (small), and how many items of each type.

        Raises wxr.NotWXR for a file without a WXR version."""
        authors, terms, attachments, totals = [], defaultdict(list), {}, Counter()
        version = False
        for name, item in self.read(repairs):
            if name == wxr.VERSION:
                version = version or wxr.is_version(item)
            elif name == "wp:author":
                authors.append(item)
            elif name in ("wp:category", "wp:tag", "wp:term"):
                terms[name[3:]].append(item)
            else:
                post_type = item.get("wp:post_type", "") or "unknown"
                totals[post_type] += 1
                if post_type == "attachment":
                    attachments[_int(item.get("wp:post_id"))] = {
                        "url": item.get("wp:attachment_url", ""),
                        "parent": _int(item.get("wp:post_parent")),
                        "link": item.get("link", ""),
                        "title": html.unescape(item.get("title", "")),
                        "alt": (item["meta"].get("_wp_attachment_image_alt") or [""])[0],
                        "caption": plain_text(item.get("excerpt:encoded", "")),
                    }
        if not version:
            raise wxr.NotWXR
        return authors, terms, attachments, totals

    def tick(self):
        if settings.DEBUG and not connection.force_debug_cursor:
            # DEBUG keeps the last 9,000 queries with their SQL (comment text and all): memory
            # an import of thousands of posts need not hold, unless someone is counting them.
            connection.queries_log.clear()
        self.done += 1
        if self.progress and (self.done % 50 == 0 or self.done == self.total):
            self.progress(self.done, self.total)

    # Users, categories, tags.

    def import_authors(self, authors):
        for author in authors:
            user = self.user(
                author.get("wp:author_login", ""),
                email=author.get("wp:author_email", ""),
                display=author.get("wp:author_display_name", ""),
                first=author.get("wp:author_first_name", ""),
                last=author.get("wp:author_last_name", ""),
            )
            wp_id = _int(author.get("wp:author_id"))
            if wp_id:  # WXR 1.1 and later: /?author=ID keeps working
                self.remember(Kind.AUTHOR, wp_id, user.pk)

    def user(self, login, email="", display="", first="", last=""):
        """The user for a WordPress login, made without a usable password on first sight."""
        login = (login or "").strip()[:150] or "wordpress"
        if login in self.users:
            return self.users[login]
        model = get_user_model()
        user = model.objects.filter(username=login).first()
        if user is None:
            if not (first.strip() or last.strip()):
                first = display.strip() or login
            user = model(
                username=login,
                email=email.strip()[:254],
                first_name=html.unescape(first.strip())[:150],
                last_name=html.unescape(last.strip())[:150],
            )
            user.set_unusable_password()  # an editor sends a password reset
            user.save()
            self.report.add("author", "imported")
        else:
            self.report.add("author", "unchanged")
        self.users[login] = user
        return user

    def import_categories(self, rows):
        mapped = dict(
            WordPressObject.objects.filter(kind=Kind.CATEGORY).values_list("wp_id", "object_id")
        )
        known = {row.get("wp:category_nicename", "") for row in rows}
        pending, done = list(rows), set()
        while pending:
            # Parents first; a parent missing from the file leaves its child at the top.
            ready = [
                row
                for row in pending
                if (row.get("wp:category_parent") or "") in done
                or (row.get("wp:category_parent") or "") not in known
            ] or pending
            for row in ready:
                pending.remove(row)
                nicename = row.get("wp:category_nicename", "")
                done.add(nicename)
                parent = self.categories.get(row.get("wp:category_parent") or "")
                self.categories[nicename] = self.category(
                    nicename,
                    row.get("wp:cat_name", ""),
                    parent=parent,
                    description=row.get("wp:category_description", ""),
                    wp_id=_int(row.get("wp:term_id")),
                    mapped=mapped,
                )

    def category(self, nicename, name, parent=None, description="", wp_id=0, mapped=None):
        slug = slugify(unquote(nicename))[:100] or slugify(name)[:100] or f"category-{wp_id}"
        name = html.unescape(name).strip()[:100] or slug
        description = html.unescape(description or "").strip()
        category = None
        if mapped and wp_id in mapped:
            category = Category.objects.filter(pk=mapped[wp_id]).first()
        if category is None:
            category = Category.objects.filter(parent=parent, slug=slug).first()
        if category is None:
            category = Category.objects.create(
                name=name, slug=slug, parent=parent, description=description
            )
            self.report.add("category", "imported")
        elif (category.name, category.parent_id, category.description) != (
            name,
            parent.pk if parent else None,
            description,
        ):
            category.name, category.parent, category.description = name, parent, description
            category.save()
            self.report.add("category", "updated")
        else:
            self.report.add("category", "unchanged")
        if wp_id and (not mapped or mapped.get(wp_id) != category.pk):
            WordPressObject.objects.update_or_create(
                kind=Kind.CATEGORY, wp_id=wp_id, defaults={"object_id": category.pk}
            )
        return category

    def import_tags(self, rows):
        """Every tag of the file in one insert; existing ones (by slug or name) are reused."""
        self.tag_slugs = {tag.slug: tag for tag in Tag.objects.all()}
        self.tag_names = {tag.name.lower(): tag for tag in self.tag_slugs.values()}
        mapped = dict(
            WordPressObject.objects.filter(kind=Kind.TAG).values_list("wp_id", "object_id")
        )
        new, links = [], []
        for row in rows:
            nicename = row.get("wp:tag_slug", "")
            tag, created = self.find_tag(nicename, row.get("wp:tag_name", ""))
            if created:
                new.append(tag)
            self.report.add("tag", "imported" if created else "unchanged")
            self.tags[nicename] = tag
            links.append((_int(row.get("wp:term_id")), tag))
        Tag.objects.bulk_create(new)
        fresh = {}  # new mappings go in with one insert; a changed one is updated alone
        for wp_id, tag in links:
            if not wp_id or mapped.get(wp_id, fresh.get(wp_id)) == tag.pk:
                continue
            if wp_id in mapped:
                WordPressObject.objects.filter(kind=Kind.TAG, wp_id=wp_id).update(object_id=tag.pk)
                mapped[wp_id] = tag.pk
            else:
                fresh[wp_id] = tag.pk
        WordPressObject.objects.bulk_create(
            [WordPressObject(kind=Kind.TAG, wp_id=k, object_id=v) for k, v in fresh.items()]
        )

    def find_tag(self, nicename, name):
        """(tag, created): the known tag of that slug or name, else a new unsaved one."""
        name = html.unescape(name).strip()[:100] or nicename
        slug = slugify(unquote(nicename))[:100] or slugify(name)[:100] or "tag"
        tag = self.tag_slugs.get(slug) or self.tag_names.get(name.lower())
        if tag is not None:
            return tag, False
        tag = Tag(name=name, slug=slug)
        self.tag_slugs[slug] = self.tag_names[name.lower()] = tag
        return tag, True

    def tag(self, nicename, name):
        """A post's tag; one the file's header did not list is made now."""
        if nicename not in self.tags:
            tag, created = self.find_tag(nicename, name)
            if created:
                tag.save()
                self.report.add("tag", "imported")
            self.tags[nicename] = tag
        return self.tags[nicename]

    # Posts and pages.

    def import_item(self, item):
        kind = item["wp:post_type"]
        wp_id = _int(item.get("wp:post_id"))
        label = _label(item)
        try:
            if wp_id <= 0:  # without its ID an item cannot be found again on the next run
                raise ValueError(f"no usable post ID: {item.get('wp:post_id')!r}")
            with transaction.atomic():
                result = (self.import_post if kind == "post" else self.import_page)(item, wp_id)
        except Exception as exc:  # a broken item is reported and skipped, never the whole file
            self.report.add(kind, "failed")
            self.report.problem(f"{label}: {type(exc).__name__}: {exc}")
        else:
            self.report.add(kind, result)
        self.tick()

    def digest(self, item):
        data = json.dumps([item, self.media.enabled], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(data.encode()).hexdigest()

    def body(self, item):
        text = content.convert(item.get("content:encoded", ""), self.report.shortcodes)
        text = self.media.rewrite_body(text) if self.media.enabled else text
        # Sanitized now as well as on save: what removed comments left at the edges goes, and
        # the stored HTML is already in the sanitizer's settled form (an export reads back equal).
        return sanitize_html(text).strip()

    def import_post(self, item, wp_id):
        status = POST_STATUSES.get(item.get("wp:status", ""))
        if status is None:  # trash, auto-draft
            return "skipped"
        digest = self.digest(item)
        object_id, old_digest = self.mapped[Kind.POST].get(wp_id, (None, ""))
        article = Article.objects.filter(pk=object_id).first() if object_id else None
        if article is not None and old_digest == digest:
            return "unchanged"
        result = "updated" if article else "imported"
        article = article or Article()
        if item.get("wp:post_password"):
            status = Article.Status.DRAFT  # the site has no password-protected articles
            self.report.notes["password-protected posts kept as drafts"] += 1
        dates = (item.get("wp:post_date_gmt"), item.get("wp:post_date"))
        published_at = wxr.parse_date(*dates)
        invalid = ", ".join(map(repr, wxr.invalid_dates(*dates)))
        if invalid and published_at is None and status in Article.PUBLIC_STATUSES:
            raise ValueError(f"invalid date {invalid}")  # not dated at the import's time
        if invalid:
            self.report.problem(f"{_label(item)}: invalid date {invalid}")
        # Titles are plain text here (escaped on output): WordPress's markup in them is dropped.
        title = plain_text(item.get("title", ""))[:255]
        categories = [
            self.categories.get(nicename) or self.category(nicename, name)
            for domain, nicename, name in item["terms"]
            if domain == "category"
        ]
        if not categories:
            categories = [self.category(*DEFAULT_CATEGORY)]
        article.title = title or f"#{wp_id}"
        article.author = self.user(item.get("dc:creator", ""))
        article.category = categories[0]
        article.status = status
        article.published_at = published_at
        article.excerpt = plain_text(item.get("excerpt:encoded", ""))
        article.body = self.body(item)
        article.sticky = item.get("wp:is_sticky", "").strip() == "1"
        article.comments_open = item.get("wp:comment_status", "open") == "open"
        article.slug = self.free_slug(article, item, wp_id)
        self.featured_image(article, item)
        article.save()
        is_new = result == "imported"
        if is_new and article.published_at:
            # WXR has no modification date: an imported article is not "updated" on import day.
            Article.objects.filter(pk=article.pk).update(updated_at=article.published_at)
        self.set_terms(article, categories, item, is_new)
        mappings, comments_changed = threads.import_comments(
            article, item["comments"], self.report, _label(item)
        )
        if comments_changed:  # inserted in bulk, without signals: the thread and its count
            comment_keys.purge_articles([article.pk])
        if is_new and wp_id not in self.mapped[Kind.POST]:
            mappings.append(
                WordPressObject(kind=Kind.POST, wp_id=wp_id, object_id=article.pk, digest=digest)
            )
        else:
            WordPressObject.objects.filter(kind=Kind.POST, wp_id=wp_id).update(
                object_id=article.pk, digest=digest
            )
        WordPressObject.objects.bulk_create(mappings)
        self.mapped[Kind.POST][wp_id] = (article.pk, digest)
        if article.published_at:
            self.redirects(article, item)
        return result

    def set_terms(self, article, categories, item, is_new):
        """The additional categories and the tags, each in one insert (no per-row signals)."""
        through = Article.categories.through
        tag_ids = list(
            dict.fromkeys(
                self.tag(nicename, name).pk
                for domain, nicename, name in item["terms"]
                if domain == "post_tag"
            )
        )
        extra = [c.pk for c in dict.fromkeys(categories[1:]) if c != categories[0]]
        if not is_new:
            through.objects.filter(article=article).delete()
            TaggedItem.objects.filter(content_type=self.article_type, object_id=article.pk).delete()
        through.objects.bulk_create(
            [through(article_id=article.pk, category_id=pk) for pk in extra]
        )
        TaggedItem.objects.bulk_create(
            [
                TaggedItem(tag_id=pk, content_type=self.article_type, object_id=article.pk)
                for pk in tag_ids
            ]
        )

    def free_slug(self, article, item, wp_id):
        """The post's slug, made unique among the articles of its day (-2, -3, ...)."""
        base = (
            slugify(unquote(item.get("wp:post_name", "")))[:190]
            or slugify(html.unescape(item.get("title", "")))[:190]
            or f"post-{wp_id}"
        )
        if article.published_at is None:
            return base
        day = timezone.localdate(article.published_at)
        taken = set(
            Article.objects.on_day(day)
            .filter(slug__startswith=base)
            .exclude(pk=article.pk)
            .values_list("slug", flat=True)
        )
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    def featured_image(self, article, item):
        thumbnail = _int((item["meta"].get("_thumbnail_id") or ["0"])[0])
        attachment = self.attachments.get(thumbnail)
        if not attachment:
            return
        stored = self.media.get(attachment["url"])
        if stored is None:
            return
        article.featured_image.name = stored.name
        article.featured_image_renditions = stored.renditions
        article.featured_image_alt = (attachment["alt"] or attachment["title"] or article.title)[
            :255
        ]
        article.featured_image_caption = attachment["caption"][:500]

    def redirects(self, article, item):
        """The post's old permalink and its old slugs (_wp_old_slug) lead to the article."""
        new = article.get_absolute_url()
        old = _path(item.get("link"))
        paths = [old] if old else []
        for old_slug in item["meta"].get("_wp_old_slug", []):
            if old:  # the permalink with its last part, the slug, replaced
                paths.append(f"{old.rstrip('/').rsplit('/', 1)[0]}/{unquote(old_slug)}/")
            local = timezone.localtime(article.published_at)
            paths.append(f"/{local:%Y/%m/%d}/{unquote(old_slug)}/")
        for path in dict.fromkeys(paths):
            if path != new:
                Redirect.objects.update_or_create(old_path=path[:500], defaults={"new_path": new})

    def remember(self, kind, wp_id, object_id, digest=""):
        WordPressObject.objects.update_or_create(
            kind=kind, wp_id=wp_id, defaults={"object_id": object_id, "digest": digest}
        )
        if kind in self.mapped:
            self.mapped[kind][wp_id] = (object_id, digest)

    def import_page(self, item, wp_id):
        if item.get("wp:status") not in ("publish", "draft", "pending", "private", "future"):
            return "skipped"
        digest = self.digest(item)
        object_id, old_digest = self.mapped[Kind.PAGE].get(wp_id, (None, ""))
        page = Page.objects.filter(pk=object_id).first() if object_id else None
        if page is not None and old_digest == digest:
            return "unchanged"
        result = "updated" if page else "imported"
        if page is None:
            page = Page(in_footer=False, footer_order=_int(item.get("wp:menu_order")))
            base = (
                slugify(unquote(item.get("wp:post_name", "")))[:90]
                or slugify(html.unescape(item.get("title", "")))[:90]
                or f"page-{wp_id}"
            )
            if base in Page.RESERVED_SLUGS or (base.isdigit() and len(base) == 4):
                base = f"{base}-page"
            slug, n = base, 2
            while Page.objects.filter(slug=slug).exists():
                slug, n = f"{base}-{n}", n + 1
            page.slug = slug
        page.title = plain_text(item.get("title", ""))[:200] or page.slug
        page.body = self.body(item)
        page.is_published = item.get("wp:status") == "publish" and not item.get("wp:post_password")
        page.comments_open = item.get("wp:comment_status", "closed") == "open"
        page.save()
        self.remember(Kind.PAGE, wp_id, page.pk, digest)
        mappings, comments_changed = threads.import_comments(
            page, item["comments"], self.report, _label(item)
        )
        if comments_changed:  # inserted in bulk, without signals: the thread and its count
            comment_keys.purge_articles([], [page.pk])
        WordPressObject.objects.bulk_create(mappings)
        old = _path(item.get("link"))
        if old and old != page.get_absolute_url():
            Redirect.objects.update_or_create(
                old_path=old[:500], defaults={"new_path": page.get_absolute_url()}
            )
        return result

    # Comments.

    # Attachments: their old pages lead to the article they belong to.

    def import_attachments(self):
        posts = self.mapped[Kind.POST]
        articles = Article.objects.in_bulk(
            [posts[a["parent"]][0] for a in self.attachments.values() if a["parent"] in posts]
        )
        mapped = dict(
            WordPressObject.objects.filter(kind=Kind.ATTACHMENT).values_list("wp_id", "object_id")
        )
        for wp_id, attachment in self.attachments.items():
            article = articles.get(posts.get(attachment["parent"], (None,))[0])
            if article is None:
                self.report.add("attachment", "skipped")
                continue
            if mapped.get(wp_id) == article.pk:
                self.report.add("attachment", "unchanged")
                continue
            self.report.add("attachment", "updated" if wp_id in mapped else "imported")
            self.remember(Kind.ATTACHMENT, wp_id, article.pk)
            old = _path(attachment["link"])
            if old and article.published_at:
                Redirect.objects.update_or_create(
                    old_path=old[:500], defaults={"new_path": article.get_absolute_url()}
                )
