"""The standing page: About, Contact, Privacy policy, at /<slug>/."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from articles.html import sanitize_html, summarize
from articles.models import body_field


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Readers see published pages; staff who may change pages also see the others."""
        return self if user.has_perm("pages.change_page") else self.published()


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
    comments_open = models.BooleanField(
        _("comments open"),
        default=False,
        help_text=_(
            "Readers may comment under this page, with the same form and moderation as on articles."
        ),
    )
    # Kept by the comments app (comments/counts.py), as on articles; never written by save().
    comment_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)
    pending_comment_count = models.PositiveIntegerField(
        _("comments awaiting moderation"), default=0, editable=False
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    COUNT_FIELDS = ("comment_count", "pending_comment_count")

    objects = PageQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("historical page"),
        verbose_name_plural=_("historical pages"),
        # The tables the pages had when they were part of the articles app (pages 0001).
        table_name="articles_historicalpage",
        excluded_fields=["comment_count", "pending_comment_count"],
    )

    class Meta:
        db_table = "articles_page"
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
