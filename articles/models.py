"""Articles and their categories; tags come from django-taggit."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords
from taggit import models as taggit_models
from taggit.managers import TaggableManager

from . import images
from . import search as fulltext
from .authors import AuthorProfile  # noqa: F401 (a model of this app, beside its helpers)
from .html import EDITOR_EXTENSIONS, sanitize_html, summarize
from .roles import can_edit_others, can_preview_any, may_preview


def body_field():
    """The rich-text body of articles and pages: the editor's HTML, sanitized on save."""
    return ProseEditorField(
        _("body"),
        blank=True,
        config={"extensions": EDITOR_EXTENSIONS},
        sanitize=sanitize_html,
        help_text=_("Unsafe markup (scripts, styles, event handlers) is removed on save."),
    )


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Part of the address: /category/<slug>/.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Leave empty for a top-level category."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Shown at the top of the category page.")
    )
    # The slugs from the root down, joined by "/": the URL of the category, kept by save().
    path = models.CharField(_("path"), max_length=255, unique=True, editable=False)
    front_page_order = models.PositiveSmallIntegerField(
        _("home page position"),
        null=True,
        blank=True,
        help_text=_(
            "Show a block of this section's newest articles on the home page; lower numbers "
            "come first. Empty: no block."
        ),
    )

    class Meta:
        ordering = ["path"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["parent", "slug"], name="category_slug_per_parent"),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(parent=None), name="category_slug_top_level"
            ),
        ]

    def __str__(self):
        return " / ".join(self.path_names()) if self.parent_id else self.name

    def save(self, *args, **kwargs):
        old_path = self.path
        self.path = f"{self.parent.path}/{self.slug}" if self.parent else self.slug
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"path": self.path})

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A category cannot be inside itself.")})
            ancestor = ancestor.parent

    def path_names(self):
        names, node = [], self
        while node is not None:
            names.insert(0, node.name)
            node = node.parent
        return names

    def ancestor_paths(self):
        """Paths of the categories above this one, root first."""
        parts = self.path.split("/")
        return ["/".join(parts[:i]) for i in range(1, len(parts))]


class Tag(taggit_models.Tag):
    """django-taggit's tags, so that the admin lists them under Articles (not "Taggit")."""

    class Meta:
        proxy = True
        verbose_name = _("tag")
        verbose_name_plural = _("tags")


def published_q(now=None):
    """Public: published (or scheduled) and its time has come. The rule behind `published()`."""
    return Q(status__in=Article.PUBLIC_STATUSES, published_at__lte=now or timezone.now())


def scheduled_q(now=None):
    """Waiting for its time: published or scheduled with a time still to come."""
    return Q(status__in=Article.PUBLIC_STATUSES, published_at__gt=now or timezone.now())


def due_q(now=None):
    """Scheduled and its time has come: public by itself, so it reads "Published"."""
    return Q(status=Article.Status.SCHEDULED, published_at__lte=now or timezone.now())


class ArticleQuerySet(models.QuerySet):
    """The publication rules (`published_q`, `scheduled_q`, `due_q` above) as querysets.

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
        """What a card shows: author, category and comment count, without the tags."""
        return self.select_related("author__author_profile", "category").with_comment_count()

    def with_comment_count(self, since=None, name="comment_count"):
        """`comment_count`: approved comments, from a subquery (no query per article).

        The comments app owns comments and their "approved" rule; they are reached through
        the relation, so this module never imports them. A subquery (not a JOIN with GROUP BY)
        keeps the default ordering and the tag prefetch intact. `since` counts only comments
        posted from that time on, under `name`.
        """
        comment_model = self.model._meta.get_field("comments").related_model
        approved = comment_model.objects.approved()
        if since is not None:
            approved = approved.filter(created_at__gte=since)
        approved = (
            approved.filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(**{name: Coalesce(Subquery(approved), 0)})

    def with_pending_comment_count(self):
        """`pending_comment_count`: comments awaiting moderation, from a subquery (the admin)."""
        comment_model = self.model._meta.get_field("comments").related_model
        held = (
            comment_model.objects.in_moderation()
            .filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(pending_comment_count=Coalesce(Subquery(held), 0))

    def search(self, query):
        """Articles matching `query`, best first (full-text on PostgreSQL; see search.py)."""
        return fulltext.search(self, query)

    def in_category(self, category):
        """Articles whose primary or additional category is `category` or one below it.

        The additional categories are matched in a subquery, not a JOIN: no duplicate rows,
        no DISTINCT, and the listing's query count stays the same.
        """
        below = f"{category.path}/"
        additional = Article.categories.through.objects.filter(
            Q(category=category) | Q(category__path__startswith=below)
        ).values("article_id")
        return self.filter(
            Q(category=category) | Q(category__path__startswith=below) | Q(pk__in=additional)
        )

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


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")

    PUBLIC_STATUSES = (Status.PUBLISHED, Status.SCHEDULED)
    # One slug a day: what the form and the desk's slug check say when it is taken.
    SLUG_TAKEN = _("Another article of the same day already uses this slug. “%(free)s” is free.")

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
            models.Index(fields=["-sticky", "-published_at", "-id"], name="article_home_idx"),
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

    def validate_unique(self, exclude=None):
        # unique_for_date compares the day of the time as given (timezone.now() is in UTC) with
        # the day the database extracts in the site's time zone: give it the WIB time, so both
        # are the same day (01:00 WIB is the day before in UTC).
        if self.published_at is not None:
            self.published_at = timezone.localtime(self.published_at)
        super().validate_unique(exclude)

    def date_error_message(self, lookup_type, field_name, unique_for):
        """The slug taken that day: say so, and which slug is free."""
        if field_name != "slug":
            return super().date_error_message(lookup_type, field_name, unique_for)
        day = timezone.localdate(self.published_at)
        free = Article.objects.free_slug_on(day, self.slug, exclude_pk=self.pk)
        return ValidationError(self.SLUG_TAKEN, code="unique_for_date", params={"free": free})

    def publication_time(self, when, *, backdate=False, now=None):
        """The time publishing this article (as stored) with the time `when` gives it.

        Publishing means now. A past `when` stays only when it is the article's own (it is
        live, or it was public at that time before: its address is out) or when an editor
        back-dates on purpose. (A future time in the form schedules; see ArticleForm.)
        """
        now = now or timezone.now()
        if when is None or when > now:
            return now
        if backdate or self.is_public or self.was_public_at(when):
            return when
        return now

    @property
    def effective_status(self):
        """The status readers experience: published when public, scheduled while waiting."""
        if self.is_public:
            return self.Status.PUBLISHED
        if self.is_scheduled:
            return self.Status.SCHEDULED
        return self.status

    def get_effective_status_display(self):
        return self.Status(self.effective_status).label

    def was_public_at(self, when):
        """Whether this article has been public with publication time `when` (its URL is out).

        Publishing again keeps such a time; any other past time (one a contributor typed on a
        draft, say) is replaced by now unless an editor back-dates on purpose.
        """
        if self.pk is None or when is None or when > timezone.now():
            return False
        if self.is_public and self.published_at == when:
            return True
        # A revision was public when it was saved: published, or scheduled and already due.
        went_live = Q(status=self.Status.PUBLISHED) | due_q(models.F("history_date"))
        return self.history.filter(went_live, published_at=when).exists()

    # The rules of ArticleQuerySet, for one article in memory (no query).

    @property
    def is_public(self):
        """published_q: published (or scheduled) and its time has come."""
        return (
            self.status in self.PUBLIC_STATUSES
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        """scheduled_q: published or scheduled with a time still to come."""
        return (
            self.status in self.PUBLIC_STATUSES
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_due(self):
        """due_q: scheduled and its time has come."""
        return self.status == self.Status.SCHEDULED and self.is_public

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


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Readers see published pages; staff who may change pages also see the others."""
        return self if user.has_perm("articles.change_page") else self.published()


class Page(models.Model):
    """A standing page (About, Contact, Privacy policy) at /<slug>/, outside the article flow."""

    # First path segments the reader URLs already use: a page there would be unreachable.
    RESERVED_SLUGS = frozenset(
        {"admin", "author", "category", "comments", "en", "feed", "hit", "i18n", "media", "page"}
        | {"preview", "robots.txt", "search", "sitemap.xml", "static", "tag", "wp-admin"}
    )

    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(
        _("English title"),
        max_length=200,
        blank=True,
        help_text=_("Shown on the English site (under /en/). Empty: the title above."),
    )
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The address: /<slug>/.")
    )
    body = body_field()
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Unpublished pages are seen only by editors, marked as a preview."),
    )
    in_footer = models.BooleanField(
        _("linked from the footer"),
        default=True,
        help_text=_("Show a link in every page's footer."),
    )
    footer_order = models.PositiveSmallIntegerField(
        _("footer position"), default=0, help_text=_("Lower numbers come first.")
    )
    is_privacy_policy = models.BooleanField(
        _("privacy policy"),
        default=False,
        help_text=_("The comment form links to this page. Only one page can be it."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PageQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("historical page"), verbose_name_plural=_("historical pages")
    )

    class Meta:
        ordering = ["footer_order", "title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [
            models.UniqueConstraint(
                fields=["is_privacy_policy"],
                condition=Q(is_privacy_policy=True),
                name="page_one_privacy_policy",
                violation_error_message=_("Another page is already the privacy policy."),
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("pages:detail", kwargs={"slug": self.slug})

    def clean(self):
        # A four-digit slug would be a year archive (/2026/).
        if self.slug in self.RESERVED_SLUGS or (self.slug.isdigit() and len(self.slug) == 4):
            raise ValidationError(
                {"slug": _("This address is used by another part of the site; choose another.")}
            )

    @property
    def summary(self):
        return summarize(self.body)

    def localized_title(self):
        """The English title on the English site when there is one."""
        if self.title_en and (get_language() or "").startswith("en"):
            return self.title_en
        return self.title


class ArticleAutosave(models.Model):
    """What an editor typed in an article's form, saved every minute until they save it.

    One per user and article (``article`` empty: the add form). It never touches the article:
    the editor restores it into the form, then saves as usual.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="autosaves",
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    body = models.TextField(_("body"), blank=True)
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("autosaved draft")
        verbose_name_plural = _("autosaved drafts")
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="autosave_per_user_article"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(article=None), name="autosave_per_user_new_article"
            ),
        ]

    def __str__(self):
        return self.title or str(_("(no title)"))


class MediaImage(models.Model):
    """An image in the media library: uploaded once (checked, upright, without metadata), its
    renditions made once, inserted into article bodies from the editor."""

    file = models.ImageField(_("image"), upload_to="library/%Y/%m/")
    alt = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, db_index=True)
    renditions = models.JSONField(_("image renditions"), default=dict, blank=True, editable=False)
    # The start of its renditions' names ("library/2026/11/renditions/banjir-"): how a body's
    # <img> is traced back to its image, and how "where used" searches the bodies.
    rendition_prefix = models.CharField(max_length=255, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("library image")
        verbose_name_plural = _("media library")

    def __str__(self):
        return self.alt or self.file.name

    def make_renditions(self):
        """Store the upload and make its renditions (I/O: called by the library's service and
        admin, never by save())."""
        self.renditions = images.renditions_for(self.file, self.renditions)
        if self.renditions:
            first = self.renditions["sources"][0]["src"]
            self.rendition_prefix = first[: first.rindex("-") + 1]

    def body_rendition(self, width=960):
        """The rendition put in an article body (the site shows bodies at most ~46rem wide)."""
        return images.best_rendition(self.renditions, width)

    def where_used(self):
        """Articles and pages whose body shows this image."""
        if not self.rendition_prefix:
            return [], []
        needle = self.rendition_prefix
        return (
            list(Article.objects.filter(body__contains=needle).order_by("-published_at")),
            list(Page.objects.filter(body__contains=needle).order_by("title")),
        )
