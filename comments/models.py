"""Comments on articles and standing pages, and the discussion settings editors change."""

import datetime
import zlib
from collections import defaultdict

from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .html import render_comment_html
from .layout import Placed, Placement, page_count, page_of

AVATAR_COLOURS = 12
SETTINGS_CACHE_KEY = "comments:discussion-settings"
SETTINGS_CACHE_SECONDS = 60


class DiscussionSettings(models.Model):
    """One row: WordPress's Discussion page, with WordPress's defaults."""

    require_name_email = models.BooleanField(
        _("require name and email"),
        default=True,
        help_text=_("Anonymous commenters must give both."),
    )
    close_old_articles = models.BooleanField(
        _("close comments on old articles"),
        default=False,
        help_text=_("Stop accepting comments once an article is older than the days below."),
    )
    close_after_days = models.PositiveIntegerField(_("close after (days)"), default=14)
    threaded = models.BooleanField(
        _("threaded comments"), default=True, help_text=_("Readers may reply to a comment.")
    )
    thread_depth = models.PositiveSmallIntegerField(
        _("thread depth"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(10)],
        help_text=_("How many levels replies nest (2 to 10). Deeper replies join the last level."),
    )
    paginate = models.BooleanField(
        _("break comments into pages"),
        default=False,
        help_text=_("Split long conversations into pages of top-level comments."),
    )
    per_page = models.PositiveSmallIntegerField(
        _("top-level comments per page"), default=50, validators=[MinValueValidator(1)]
    )

    class FirstPage(models.TextChoices):
        NEWEST = "newest", _("the newest comments (the last page)")
        OLDEST = "oldest", _("the oldest comments (the first page)")

    first_page = models.CharField(
        _("the article opens on"),
        max_length=6,
        choices=FirstPage.choices,
        default=FirstPage.NEWEST,
        help_text=_(
            "With comment pages, which page the article's own address shows (WordPress opens "
            "on the newest); the others are at comment-page-N/."
        ),
    )
    moderate_all = models.BooleanField(
        _("hold every comment for moderation"),
        default=False,
        help_text=_("An editor must approve each comment before it appears."),
    )
    previously_approved = models.BooleanField(
        _("approve known commenters"),
        default=True,
        help_text=_(
            "Publish at once when the commenter (same name and email) already has an approved "
            "comment; otherwise hold it."
        ),
    )
    max_links = models.PositiveSmallIntegerField(
        _("hold with this many links"),
        default=2,
        help_text=_("Hold a comment with at least this many links (0: never)."),
    )
    moderation_words = models.TextField(
        _("moderation words"),
        blank=True,
        help_text=_(
            "One word or IP address per line. A comment that contains any of them in its name, "
            "email, website, text, IP address or browser is held for moderation."
        ),
    )
    disallowed_words = models.TextField(
        _("disallowed words"),
        blank=True,
        help_text=_(
            "One word or IP address per line. A comment that contains any of them anywhere is "
            "marked as spam."
        ),
    )
    notify_on_hold = models.BooleanField(_("email editors when a comment is held"), default=True)
    notify_on_publish = models.BooleanField(
        _("email editors when a comment is published"), default=True
    )

    class Meta:
        verbose_name = _("discussion settings")
        verbose_name_plural = _("discussion settings")

    def __str__(self):
        return str(_("Discussion settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        self.thread_depth = min(max(self.thread_depth, 2), 10)
        self.per_page = max(self.per_page, 1)
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        """The settings row (from the cache), created with the defaults on first use."""
        obj = cache.get(SETTINGS_CACHE_KEY)
        if obj is None:
            obj, _created = cls.objects.get_or_create(pk=1)
            cache.set(SETTINGS_CACHE_KEY, obj, SETTINGS_CACHE_SECONDS)
        return obj

    @staticmethod
    def forget_cached(**kwargs):
        """post_save, post_delete: the cached copy is this row; it must not outlive a change.
        (A local-memory cache in another process keeps its copy at most SETTINGS_CACHE_SECONDS.)"""
        cache.delete(SETTINGS_CACHE_KEY)

    @staticmethod
    def word_list(text):
        return [line.strip().lower() for line in text.splitlines() if line.strip()]

    def opening_page(self, pages):
        """The comment page the article's own address shows, out of `pages`."""
        return pages if self.first_page == self.FirstPage.NEWEST else 1

    def comment_page_url(self, article_url, page, pages):
        """The address of a comment page: the article's own for the page it opens on."""
        if page == self.opening_page(pages):
            return article_url
        return f"{article_url}comment-page-{page}/"

    def comments_closed_for(self, target, now=None):
        """True when the article or page takes no new comments (its own switch; an article's
        age too: WordPress closes old posts, never pages)."""
        if not target.comments_open:
            return True
        published_at = getattr(target, "published_at", None)
        if self.close_old_articles and published_at:
            now = now or timezone.now()
            return published_at < now - datetime.timedelta(days=self.close_after_days)
        return False


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def in_moderation(self):
        """Held comments waiting for an editor."""
        return self.filter(status=Comment.Status.PENDING)

    def spam(self):
        return self.filter(status=Comment.Status.SPAM)

    def public(self):
        """Approved comments on articles and pages the public may see: for feeds."""
        from articles.models import Article
        from pages.models import Page

        return self.approved().filter(
            models.Q(article__in=Article.objects.published())
            | models.Q(page__in=Page.objects.published())
        )

    def on(self, target):
        """The comments of one article or standing page."""
        return self.filter(**target_fields(target))

    def for_thread(self):
        """Only the columns the thread shows: never the email, IP address or user agent."""
        return self.only(
            "id", "article_id", "page_id", "parent_id", "author_name", "author_url", "body_html",
            "created_at", "status",
        ).order_by("created_at", "id")  # fmt: skip

    def by_email(self, email):
        return self.filter(author_email__iexact=email.strip())


class CommentAuthorFace:
    """What a comment shows of its author, from `author_name` alone (never the email): shared by
    the model and the thread's plain rows (`threads.ThreadComment`), so the rule is in one place."""

    __slots__ = ()

    @property
    def display_name(self):
        return self.author_name or str(_("Anonymous"))

    @property
    def initials(self):
        """Up to two letters from the name, for the locally drawn avatar."""
        words = [w for w in self.display_name.split() if w[:1].isalnum()]
        letters = "".join(w[0] for w in words[:2]) or self.display_name[:1]
        return letters.upper()

    @property
    def avatar_colour(self):
        """A colour number from the name (never the email), stable across requests."""
        return zlib.crc32(self.display_name.strip().lower().encode()) % AVATAR_COLOURS


class Comment(CommentAuthorFace, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        TRASH = "trash", _("Trash")

    # What the comment is on: an article or a standing page, exactly one (a check constraint).
    # Two plain foreign keys rather than a generic one: each is an index and a JOIN.
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    page = models.ForeignKey(
        "pages.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
    )
    author_name = models.CharField(_("name"), max_length=245, blank=True)
    author_email = models.EmailField(
        _("email"), max_length=100, blank=True, help_text=_("Never shown to the public.")
    )
    author_url = models.URLField(_("website"), max_length=200, blank=True)
    body = models.TextField(_("comment"), max_length=65525)
    body_html = models.TextField(_("comment as HTML"), editable=False, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        help_text=_("Set when a signed-in user wrote the comment."),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["page", "status", "created_at"], name="comment_page_thread_idx"),
            models.Index(fields=["ip_address", "created_at"], name="comment_ip_idx"),
            models.Index(fields=["author_email", "created_at"], name="comment_email_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(article__isnull=False, page__isnull=True)
                | models.Q(article__isnull=True, page__isnull=False),
                name="comment_on_article_or_page",
                violation_error_message=_("A comment is on an article or on a page."),
            )
        ]

    def __str__(self):
        return _("%(name)s on %(article)s") % {
            "name": self.display_name,
            "article": (self.article_id or self.page_id) and self.target,
        }

    def save(self, *args, **kwargs):
        self.body_html = render_comment_html(self.body)
        fields = kwargs.get("update_fields")
        if fields is not None and "body" in fields:
            kwargs["update_fields"] = {*fields, "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The comment in its place on its article or page (on its comment page when paginated)."""
        article_url = self.target.get_absolute_url()
        discussion = DiscussionSettings.load()
        if discussion.paginate:
            page = self.page_number()
            article_url = discussion.comment_page_url(article_url, page, self._page_count)
        return f"{article_url}#comment-{self.pk}"

    @property
    def target(self):
        """The article or standing page the comment is on."""
        return self.page if self.page_id else self.article

    @property
    def target_key(self):
        return ("page", self.page_id) if self.page_id else ("article", self.article_id)

    def page_number(self):
        """The comment page showing this comment, 1 when comments are not paginated."""
        if "_page_number" not in self.__dict__:
            Comment.number_pages([self])
        return self._page_number

    @staticmethod
    def number_pages(comments):
        """Work out each comment's page (and its article's number of comment pages) in one
        query: the approved comments of their articles, laid out by the rule `threads.tree_for`
        shows them by (`layout.Placement`), so a link names the page that shows the comment.
        """
        discussion = DiscussionSettings.load()
        if not discussion.paginate:
            for comment in comments:
                comment._page_number = comment._page_count = 1
            return comments
        rows = defaultdict(list)
        on = models.Q(article_id__in={c.article_id for c in comments if c.article_id})
        on |= models.Q(page_id__in={c.page_id for c in comments if c.page_id})
        for article_id, page_id, *placed in (
            Comment.objects.approved()
            .filter(on)
            .order_by("created_at", "id")
            .values_list("article_id", "page_id", "id", "parent_id")
        ):
            rows[("page", page_id) if page_id else ("article", article_id)].append(Placed(*placed))
        placements = {}
        for comment in comments:
            placement = placements.get(comment.target_key)
            if placement is None:
                placement = placements[comment.target_key] = Placement(
                    rows[comment.target_key], discussion.threaded
                )
            position, roots = placement.position(comment)
            comment._page_number = page_of(position, discussion.per_page)
            comment._page_count = page_count(roots, discussion.per_page)
        return comments


def target_fields(target):
    """The foreign key naming `target`, an article or a standing page: for filters and rows."""
    return {"page": target} if target._meta.model_name == "page" else {"article": target}
