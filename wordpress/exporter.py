"""Writing the whole site as a WordPress eXtended RSS (WXR 1.2) file, streaming.

What WordPress's importer reads: authors, categories (with parents and descriptions), tags,
posts with their categories, tags, featured image (as an attachment) and threaded comments, and
pages. Bodies are wrapped in a Custom HTML block (`<!-- wp:html -->`), so WordPress shows the
HTML as it is instead of running its paragraph rules over it a second time (and our importer,
seeing a block, does the same). Titles, names and comments are escaped, as WordPress stores them.
"""

import datetime
import html
import itertools
import re
from email.utils import format_datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db.models import Max
from django.utils import timezone
from lxml import etree
from taggit.models import Tag

from articles.authors import display_name
from articles.models import Article, Category
from comments.models import Comment
from pages.models import Page

from .models import WordPressObject

WP = "http://wordpress.org/export/1.2/"
NSMAP = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": WP,
}
STATUSES = {
    Article.Status.PUBLISHED: "publish",
    Article.Status.SCHEDULED: "future",
    Article.Status.DRAFT: "draft",
    Article.Status.PENDING: "pending",
}
COMMENT_STATUSES = {
    Comment.Status.APPROVED: "1",
    Comment.Status.PENDING: "0",
    Comment.Status.SPAM: "spam",
    Comment.Status.TRASH: "trash",
}
NO_DATE = "0000-00-00 00:00:00"
_DECLARATION = re.compile(r' xmlns:\w+="[^"]*"')


def _tag(prefix, name):
    return f"{{{NSMAP[prefix]}}}{name}" if prefix else name


def _add(parent, name, text="", cdata=False, **attributes):
    prefix, _, local = name.rpartition(":")
    element = etree.SubElement(parent, _tag(prefix, local), **attributes)
    text = str(text)
    element.text = etree.CDATA(text) if cdata and text and "]]>" not in text else text
    return element


def _dates(moment):
    """WordPress's post_date (site time) and post_date_gmt."""
    if moment is None:
        return NO_DATE, NO_DATE
    local = timezone.localtime(moment)
    utc = moment.astimezone(datetime.UTC)
    return f"{local:%Y-%m-%d %H:%M:%S}", f"{utc:%Y-%m-%d %H:%M:%S}"


def _escape(text):
    return html.escape(text or "", quote=False)


class Exporter:
    def __init__(self, base_url):
        self.base = base_url.rstrip("/")
        posts = WordPressObject.objects.filter(kind__in=["post", "page", "attachment"])
        self.next_id = (posts.aggregate(top=Max("wp_id"))["top"] or 0) + 1
        self.post_ids = dict(
            WordPressObject.objects.filter(kind="post").values_list("object_id", "wp_id")
        )
        self.page_ids = dict(
            WordPressObject.objects.filter(kind="page").values_list("object_id", "wp_id")
        )
        self.nicenames = {}

    def new_id(self):
        self.next_id += 1
        return self.next_id - 1

    def write(self, out):
        """Write the file to the binary stream `out`, one element at a time."""
        declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NSMAP.items())
        out.write(b'<?xml version="1.0" encoding="UTF-8" ?>\n')
        out.write(f'<rss version="2.0" {declarations}>\n<channel>\n'.encode())
        head = [
            ("title", "Newsroom"),
            ("link", self.base),
            ("description", ""),
            ("pubDate", format_datetime(timezone.now())),
            ("language", settings.LANGUAGE_CODE),
            ("wp:wxr_version", "1.2"),
            ("wp:base_site_url", self.base),
            ("wp:base_blog_url", self.base),
        ]
        elements = []
        for name, text in head:
            prefix, _, local = name.rpartition(":")
            element = etree.Element(_tag(prefix, local), nsmap=NSMAP)
            element.text = text
            elements.append(element)
        parts = (elements, self.authors(), self.categories(), self.tags())
        for element in itertools.chain(*parts, self.articles(), self.pages()):
            text = etree.tostring(element, encoding="unicode")
            # The namespaces are declared once, on <rss>, as WordPress writes them.
            start, rest = text.split(">", 1)
            out.write((_DECLARATION.sub("", start) + ">" + rest + "\n").encode())
        out.write(b"</channel>\n</rss>\n")

    def authors(self):
        users = get_user_model().objects.filter(articles__isnull=False).distinct().order_by("pk")
        for user in users:
            element = etree.Element(_tag("wp", "author"), nsmap=NSMAP)
            _add(element, "wp:author_id", user.pk)
            _add(element, "wp:author_login", user.get_username(), cdata=True)
            _add(element, "wp:author_email", user.email, cdata=True)
            display = display_name(user)
            _add(element, "wp:author_display_name", _escape(display), cdata=True)
            _add(element, "wp:author_first_name", _escape(user.first_name), cdata=True)
            _add(element, "wp:author_last_name", _escape(user.last_name), cdata=True)
            yield element

    def categories(self):
        categories = list(Category.objects.order_by("path"))  # parents before children
        slugs = [c.slug for c in categories]
        for category in categories:
            unique = slugs.count(category.slug) == 1
            self.nicenames[category.pk] = (
                category.slug if unique else category.path.replace("/", "-")
            )
        for category in categories:
            element = etree.Element(_tag("wp", "category"), nsmap=NSMAP)
            _add(element, "wp:term_id", category.pk)
            _add(element, "wp:category_nicename", self.nicenames[category.pk], cdata=True)
            parent = self.nicenames.get(category.parent_id, "")
            _add(element, "wp:category_parent", parent, cdata=True)
            _add(element, "wp:cat_name", _escape(category.name), cdata=True)
            _add(element, "wp:category_description", _escape(category.description), cdata=True)
            yield element

    def tags(self):
        for tag in Tag.objects.order_by("slug").iterator():
            element = etree.Element(_tag("wp", "tag"), nsmap=NSMAP)
            _add(element, "wp:term_id", tag.pk)
            _add(element, "wp:tag_slug", tag.slug, cdata=True)
            _add(element, "wp:tag_name", _escape(tag.name), cdata=True)
            yield element

    def _item(self, wp_id, title, link, author, moment, body, excerpt, name, status, kind):
        item = etree.Element("item", nsmap=NSMAP)
        _add(item, "title", _escape(title))
        _add(item, "link", link)
        _add(item, "pubDate", format_datetime(moment) if moment else "")
        _add(item, "dc:creator", author, cdata=True)
        _add(item, "guid", f"{self.base}/?p={wp_id}", isPermaLink="false")
        _add(item, "description", "")
        _add(item, "content:encoded", body, cdata=True)
        _add(item, "excerpt:encoded", _escape(excerpt), cdata=True)
        _add(item, "wp:post_id", wp_id)
        local, gmt = _dates(moment)
        _add(item, "wp:post_date", local, cdata=True)
        _add(item, "wp:post_date_gmt", gmt, cdata=True)
        _add(item, "wp:post_name", name, cdata=True)
        _add(item, "wp:status", status, cdata=True)
        _add(item, "wp:post_type", kind, cdata=True)
        return item

    def articles(self):
        articles = (
            Article.objects.select_related("author", "category")
            .prefetch_related("tags", "categories", "comments")
            .order_by("pk")
        )
        for article in articles.iterator(chunk_size=200):
            wp_id = self.post_ids.get(article.pk) or self.new_id()
            body = f"<!-- wp:html -->\n{article.body}\n<!-- /wp:html -->" if article.body else ""
            link = self.base + (
                article.get_absolute_url() if article.published_at else f"/?p={wp_id}"
            )
            item = self._item(
                wp_id,
                article.title,
                link,
                article.author.get_username(),
                article.published_at,
                body,
                article.excerpt,
                article.slug,
                STATUSES.get(article.status, "draft"),
                "post",
            )
            _add(item, "wp:comment_status", "open" if article.comments_open else "closed")
            _add(item, "wp:ping_status", "closed")
            _add(item, "wp:post_parent", 0)
            _add(item, "wp:menu_order", 0)
            _add(item, "wp:post_password", "")
            _add(item, "wp:is_sticky", int(article.sticky))
            extra = [c for c in article.categories.all() if c.pk != article.category_id]
            for category in [article.category, *sorted(extra, key=lambda c: c.path)]:
                nicename = self.nicenames[category.pk]
                _add(
                    item,
                    "category",
                    _escape(category.name),
                    True,
                    domain="category",
                    nicename=nicename,
                )
            for tag in article.tags.all():
                _add(
                    item, "category", _escape(tag.name), True, domain="post_tag", nicename=tag.slug
                )
            attachment = None
            if article.featured_image:
                attachment = self.attachment(article, wp_id)
                meta = _add(item, "wp:postmeta")
                _add(meta, "wp:meta_key", "_thumbnail_id", cdata=True)
                _add(meta, "wp:meta_value", attachment.findtext(_tag("wp", "post_id")), cdata=True)
            for comment in sorted(article.comments.all(), key=lambda c: (c.created_at, c.pk)):
                self.comment(item, comment)
            yield item
            if attachment is not None:
                yield attachment

    def attachment(self, article, parent_id):
        wp_id = self.new_id()
        url = default_storage.url(article.featured_image.name)
        url = url if url.startswith(("http://", "https://")) else self.base + url
        item = self._item(
            wp_id,
            article.featured_image_alt or article.title,
            f"{self.base}/?attachment_id={wp_id}",
            article.author.get_username(),
            article.published_at,
            "",
            article.featured_image_caption,
            f"{article.slug}-image",
            "inherit",
            "attachment",
        )
        _add(item, "wp:post_parent", parent_id)
        _add(item, "wp:attachment_url", url, cdata=True)
        meta = _add(item, "wp:postmeta")
        _add(meta, "wp:meta_key", "_wp_attachment_image_alt", cdata=True)
        _add(meta, "wp:meta_value", article.featured_image_alt, cdata=True)
        return item

    def comment(self, item, comment):
        element = _add(item, "wp:comment")
        _add(element, "wp:comment_id", comment.pk)
        _add(element, "wp:comment_author", _escape(comment.author_name), cdata=True)
        _add(element, "wp:comment_author_email", comment.author_email, cdata=True)
        _add(element, "wp:comment_author_url", comment.author_url)
        _add(element, "wp:comment_author_IP", comment.ip_address or "")
        local, gmt = _dates(comment.created_at)
        _add(element, "wp:comment_date", local, cdata=True)
        _add(element, "wp:comment_date_gmt", gmt, cdata=True)
        _add(element, "wp:comment_content", _escape(comment.body), cdata=True)
        _add(element, "wp:comment_approved", COMMENT_STATUSES[comment.status], cdata=True)
        _add(element, "wp:comment_type", "comment", cdata=True)
        _add(element, "wp:comment_parent", comment.parent_id or 0)
        _add(element, "wp:comment_user_id", comment.user_id or 0)

    def pages(self):
        pages = Page.objects.prefetch_related("comments").order_by("pk")
        for page in pages.iterator(chunk_size=200):
            wp_id = self.page_ids.get(page.pk) or self.new_id()
            item = self._item(
                wp_id,
                page.title,
                self.base + page.get_absolute_url(),
                "",
                page.updated_at,
                f"<!-- wp:html -->\n{page.body}\n<!-- /wp:html -->" if page.body else "",
                "",
                page.slug,
                "publish" if page.is_published else "draft",
                "page",
            )
            _add(item, "wp:comment_status", "open" if page.comments_open else "closed")
            _add(item, "wp:ping_status", "closed")
            _add(item, "wp:post_parent", 0)
            _add(item, "wp:menu_order", page.footer_order)
            _add(item, "wp:post_password", "")
            _add(item, "wp:is_sticky", 0)
            for comment in sorted(page.comments.all(), key=lambda c: (c.created_at, c.pk)):
                self.comment(item, comment)
            yield item
