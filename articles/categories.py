"""Categories: a tree whose paths are the archive URLs (/category/<parent>/<child>/)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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
