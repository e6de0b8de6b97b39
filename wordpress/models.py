"""What a WordPress import leaves behind: old addresses and the WordPress IDs of what it made."""

from urllib.parse import urlsplit

from django.db import models
from django.utils.translation import gettext_lazy as _

# How far the admin follows a chain of redirects looking for a loop.
CHAIN_LIMIT = 20


def path_variants(path):
    """The spellings of one path a reader may type: with and without the trailing slash."""
    variants = [path, path.rstrip("/"), path if path.endswith("/") else f"{path}/"]
    return [v for v in dict.fromkeys(variants) if v]


def is_site_path(value):
    """A path on this site: one leading slash. "//host/" and "/\\host/" are other hosts to a
    browser."""
    return value.startswith("/") and not value.startswith(("//", "/\\"))


class RedirectQuerySet(models.QuerySet):
    def for_path(self, path):
        """The row for `path`, with or without its trailing slash; None when there is none."""
        if "\x00" in path:  # never a stored path; PostgreSQL refuses NUL in a query
            return None
        return self.filter(old_path__in=path_variants(path)).first()

    def loops_back(self, old_path, new_path, hosts, editing=None):
        """Whether following `new_path` through the rows (but the one `editing`) comes back to
        `old_path`."""
        others = self.exclude(old_path=old_path).exclude(pk=editing)
        seen = set(path_variants(old_path))
        target = new_path
        for _step in range(CHAIN_LIMIT):
            path = site_path_of(target, hosts)
            if path is None:  # off the site: the chain ends there
                return False
            if seen & set(path_variants(path)):
                return True
            seen.update(path_variants(path))
            row = others.for_path(path)
            if row is None:
                return False
            target = row.new_path.strip()
        return True  # a chain this long is a mistake as surely as a loop


def site_path_of(target, hosts):
    """The path on this site that `target` names (a path, or a full URL to one of `hosts`)."""
    if is_site_path(target):
        return urlsplit(target).path or "/"
    parts = urlsplit(target)
    if parts.scheme in ("http", "https") and parts.hostname and parts.hostname in hosts:
        return parts.path or "/"
    return None


class Redirect(models.Model):
    """An old address answered with a permanent redirect (301) to its new one.

    The new address is a path on this site or, when an editor means it, a full http(s) URL
    elsewhere: editors alone keep these rows, so no visitor can make the site send anyone off it.
    """

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

    objects = RedirectQuerySet.as_manager()

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
