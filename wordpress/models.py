"""What a WordPress import leaves behind: old addresses and the WordPress IDs of what it made."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Redirect(models.Model):
    """An old address answered with a permanent redirect (301) to its new one."""

    old_path = models.CharField(
        _("old address"),
        max_length=500,
        unique=True,
        help_text=_("The path readers still use, starting with /, e.g. /about/team/."),
    )
    new_path = models.CharField(
        _("new address"),
        max_length=500,
        help_text=_("Where it moved: a path on this site (/tentang-kami/) or a full URL."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")

    def __str__(self):
        return f"{self.old_path} \u2192 {self.new_path}"


class WordPressObject(models.Model):
    """One WordPress item and what the import made of it: for re-runs and for /?p=ID."""

    class Kind(models.TextChoices):
        AUTHOR = "author", _("Author")
        CATEGORY = "category", _("Category")
        TAG = "tag", _("Tag")
        POST = "post", _("Post")
        PAGE = "page", _("Page")
        ATTACHMENT = "attachment", _("Attachment")
        COMMENT = "comment", _("Comment")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    wp_id = models.BigIntegerField(_("WordPress ID"))
    # The primary key of the user, category, tag, article, page or comment made from it; for an
    # attachment, the article it belongs to (its old page redirects there), or None.
    object_id = models.BigIntegerField(_("object ID"), null=True, blank=True)
    # A digest of the item as last imported: an unchanged item is skipped on the next run.
    digest = models.CharField(_("digest"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("WordPress object")
        verbose_name_plural = _("WordPress objects")
        constraints = [
            models.UniqueConstraint(fields=["kind", "wp_id"], name="wordpress_object_unique")
        ]
        indexes = [models.Index(fields=["kind", "object_id"], name="wordpress_object_target")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.wp_id}"


class ImportedFile(models.Model):
    """A media file copied or fetched once, by its WordPress URL: re-runs reuse it."""

    source_url = models.TextField(_("WordPress URL"))
    source_key = models.CharField(max_length=64, unique=True, editable=False)
    name = models.CharField(_("stored file"), max_length=255)
    renditions = models.JSONField(_("renditions"), default=dict)

    class Meta:
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")

    def __str__(self):
        return self.source_url
