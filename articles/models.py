"""Articles; their categories, autosaves and library images live beside their helpers (below)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords
from taggit import models as taggit_models
from taggit.managers import TaggableManager

from . import images
from . import search as fulltext
from .authors import AuthorProfile  # noqa: F401 (a model of this app, beside its helpers)
from .autosave import ArticleAutosave  # noqa: F401 (a model of this app, beside its helpers)
from .categories import Category
from .html import EDITOR_EXTENSIONS, sanitize_html, summarize
from .media_library import MediaImage  # noqa: F401 (a model of this app, beside its helpers)
from .publication import (
    PUBLIC_STATUSES,
    SLUG_TAKEN,
    PublicationRules,
    Status,
    due_q,
    published_q,
    scheduled_q,
)
from .roles import can_edit_others, can_preview_any, may_preview
from .tags import OldTagSlug  # noqa: F401 (a model of this app, beside its helpers)


def body_field():
    """The rich-text body of articles and pages: the editor's HTML, sanitized on save."""
    return ProseEditorField(
        _("body"),
        blank=True,
        config={"extensions": EDITOR_EXTENSIONS},
        sanitize=sanitize_html,
        help_text=_("Unsafe markup (scripts, styles, event handlers) is removed on save."),
    )


class Tag(taggit_models.Tag):
    """django-taggit's tags, so that the admin lists them under Articles (not "Taggit")."""

    class Meta:
        proxy = True
        verbose_name = _("tag")
        verbose_name_plural = _("tags")


class JoinedIds(models.Aggregate):
    """Ids as one comma-separated text: GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s((%(expressions)s)::text, ',')",
            **extra,
        )


class ArticleQuerySet(models.QuerySet):
    """The publication rules (articles/publication.py: `published_q`, ...) as querysets.

    Views, feeds, sitemaps, template tags and the admin use these, never a `status=` filter of
    their own; `Article.is_public`, `is_scheduled` and `is_due` are the same rules for one
    article in memory (tests/articles/test_rules.py checks that both agree).
    """

    def published(self):
        """What the public may see: published (or scheduled) and its time has come."""
        return self.filter(published_q())

    def scheduled(self):
        """What goes public later by itself (the admin's "Scheduled", the desk's next out)."""
        return self.filter(scheduled_q())

    def due(self):
        """Scheduled articles whose time has come: public, shown as published."""
        return self.filter(due_q())

    def visible_to(self, user):
        """What `user` may open: public articles, plus those they may preview (see roles)."""
        if not may_preview(user):
            return self.published()
        if can_preview_any(user):
            return self
        return self.published() | self.filter(author=user)

    def editable_by(self, user):
        """The articles `user` works on in the admin: all for editors, else their own."""
        return self if can_edit_others(user) else self.filter(author=user)

    def for_listing(self):
        return self.for_cards().prefetch_related("tags")

    def for_cards(self):
        """What a card shows: author and category (the comment count is a column), no tags."""
        return self.select_related("author__author_profile", "category")

    def with_more_category_ids(self):
        """Each article's `more_category_ids` ("3,7" or None), in the article's own row: the
        article page names those categories and reads them only when there are some."""
        through = Article.categories.through.objects.filter(article_id=models.OuterRef("pk"))
        ids = through.values("article_id").annotate(ids=JoinedIds("category_id")).values("ids")
        return self.annotate(more_category_ids=models.Subquery(ids))

    def search(self, query):
        """Articles matching `query`, best first (full-text on PostgreSQL; see search.py)."""
        return fulltext.search(self, query)

    def in_category(self, category):
        """Articles whose primary or additional category is `category` or one below it.

        The additional categories are matched in a subquery, not a JOIN: no duplicate rows,
        no DISTINCT, and the listing's query count stays the same. The categories (this one
        and those below it) are a subquery on the small category table too: compared by id,
        the articles are read in the list's order from an index, where a JOIN on the
        category's path made PostgreSQL read them all.
        """
        below = Q(pk=category.pk) | Q(path__startswith=f"{category.path}/")
        ids = Category.objects.filter(below).values("pk")
        additional = Article.categories.through.objects.filter(category__in=ids)
        return self.filter(Q(category__in=ids) | Q(pk__in=additional.values("article_id")))

    def on_day(self, day):
        """Articles whose publication date, in the site's time zone, is `day`."""
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        return self.filter(published_at__gte=start, published_at__lt=start + datetime.timedelta(1))

    def free_slug_on(self, day, slug, exclude_pk=None):
        """`slug`, or the first of `slug-2`, `slug-3`, ... no other article of `day` uses."""
        taken = set(
            self.on_day(day)
            .filter(slug__startswith=slug)
            .exclude(pk=exclude_pk)
            .values_list("slug", flat=True)
        )
        candidate, n = slug, 1
        while candidate in taken:
            n += 1
            suffix = f"-{n}"
            candidate = slug[: 200 - len(suffix)] + suffix
        return candidate

    def before(self, when):
        """Those published before `when`, the nearest first (an article's "previous")."""
        return self.filter(published_at__lt=when).order_by("-published_at")

    def after(self, when):
        """Those published after `when`, the nearest first (an article's "next")."""
        return self.filter(published_at__gt=when).order_by("published_at")

    def next_scheduled_time(self):
        """When the next scheduled article goes public, or None."""
        return (
            self.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
        )


class Article(PublicationRules, models.Model):
    Status = Status
    PUBLIC_STATUSES = PUBLIC_STATUSES
    SLUG_TAKEN = SLUG_TAKEN
    COUNT_FIELDS = ("comment_count", "pending_comment_count")

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        # One slug per day of the publication time, in the site's time zone (validate_unique).
        unique_for_date="published_at",
        help_text=_("Part of the address, after the date. Unique among articles of the same day."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="articles"
    )
    # WordPress posts sit in several categories; every one of those archives lists the article.
    categories = models.ManyToManyField(
        Category,
        verbose_name=_("more categories"),
        blank=True,
        related_name="more_articles",
        help_text=_("Other categories whose pages and feeds also list the article."),
    )
    tags = TaggableManager(_("tags"), blank=True, help_text=_("Separate tags with commas."))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("A future time schedules the article; it appears by itself at that time."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    excerpt = models.TextField(
        _("excerpt"),
        blank=True,
        help_text=_("The summary shown in lists and to search engines. Empty: the first words."),
    )
    body = body_field()
    featured_image = models.ImageField(
        _("featured image"),
        upload_to="articles/%Y/%m/",
        blank=True,
        help_text=_(
            "JPEG, PNG, WebP or GIF. Smaller copies for phones and screens are made on save."
        ),
    )
    featured_image_alt = models.CharField(
        _("alternative text"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    featured_image_caption = models.CharField(_("caption"), max_length=500, blank=True)
    featured_image_credit = models.CharField(
        _("photo credit"),
        max_length=200,
        blank=True,
        help_text=_("Who took or supplied the photo, e.g. “Antara/Budi Santoso”."),
    )
    # What articles.images made from the featured image: its size and the storage names of its
    # renditions. Rendering reads this, never the storage, so object storage costs no requests.
    featured_image_renditions = models.JSONField(
        _("image renditions"), default=dict, blank=True, editable=False
    )
    comments_open = models.BooleanField(
        _("comments open"), default=True, help_text=_("Readers may leave a reply.")
    )
    sticky = models.BooleanField(
        _("sticky"), default=False, help_text=_("Keep at the top of the home page.")
    )
    lead = models.BooleanField(
        _("lead story"),
        default=False,
        help_text=_(
            "Open the home page with this article, large. The newest lead story wins; "
            "without one, the newest sticky article, else the newest article."
        ),
    )
    # Approved and held comments, kept by the comments app as comments come and go (as WordPress
    # keeps wp_posts.comment_count): lists read them without counting. save() never writes them.
    comment_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)
    pending_comment_count = models.PositiveIntegerField(
        _("comments awaiting moderation"), default=0, editable=False
    )
    # "Read also": the pks of related articles, best first, kept by articles.related on save
    # so the article page never ranks them per request.
    related_ids = models.JSONField(_("related articles"), default=list, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("historical article"),
        verbose_name_plural=_("historical articles"),
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_public_idx"),
            # The home page's order (sticky first): read in index order, no sort of every row.
            # With the status, a deep page's ids come from the index alone (articles/paging.py).
            models.Index(
                fields=["-sticky", "-published_at", "-id"],
                include=["status"],
                name="article_home_idx",
            ),
            # The home page's top stories (lead stories first, then sticky ones, then the rest).
            models.Index(
                fields=["-lead", "-sticky", "-published_at", "-id"],
                include=["status"],
                name="article_top_idx",
            ),
            # The newest edit (the sitemap index's lastmod), without reading every article.
            models.Index(fields=["-updated_at"], name="article_updated_idx"),
            # Every other list's order, with what lists filter on: a page's ids from the index.
            models.Index(
                fields=["-published_at", "-id"],
                include=["status", "category", "author"],
                name="article_list_idx",
            ),
        ]
        permissions = [
            ("publish_article", _("Can publish articles")),
            ("edit_others_article", _("Can edit and publish other people's articles")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        if self.status in self.PUBLIC_STATUSES and self.published_at is None:
            self.published_at = self.publication_time(None)
        if self.published_at is not None:
            # Whole seconds, as WordPress kept them: valid in <time datetime> and in feeds.
            self.published_at = self.published_at.replace(microsecond=0)
        if self._state.adding:
            self.comment_count = self.pending_comment_count = 0  # no comments before the row
        elif kwargs.get("update_fields") is None:
            # The counts are the comments app's: a form loaded before a comment came in must
            # not write its old count back.
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in self.COUNT_FIELDS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.published_at is None:
            return reverse("articles:preview", kwargs={"pk": self.pk})
        local = timezone.localtime(self.published_at)
        return reverse(
            "articles:detail",
            kwargs={"year": local.year, "month": local.month, "day": local.day, "slug": self.slug},
        )

    def clean(self):
        if self.status == self.Status.SCHEDULED and not self.published_at:
            raise ValidationError(
                {"published_at": _("A scheduled article needs a publication time.")}
            )
        if self.featured_image and not self.featured_image_alt.strip():
            raise ValidationError(
                {"featured_image_alt": _("Describe the image for readers who cannot see it.")}
            )

    def featured_image_url(self, width=1200):
        """URL of the featured image's best rendition for `width` pixels (og:image), or ""."""
        return images.rendition_url(
            self.featured_image_renditions, width, self.featured_image.storage
        )

    @property
    def summary(self):
        return self.excerpt.strip() or summarize(self.body)

    @property
    def reading_minutes(self):
        """Minutes a reader needs for the body, at about 200 words a minute (at least 1)."""
        return max(1, round(len(strip_tags(self.body).split()) / 200))

    @property
    def was_updated(self):
        """True when the article changed noticeably after it was published."""
        if not self.published_at:
            return False
        return self.updated_at - self.published_at > datetime.timedelta(minutes=5)
