"""Authors as readers see them: a display name and a public slug, never the login name.

`display_name(user)` and `author_url(user)` are the one place pages, feeds, sitemaps and
structured data get them. A profile is made for every user when the account is saved, from its
full name; editors change both in the admin. An imported site keeps its old `/author/<name>/`
links when the profile's slug is the old WordPress nicename.
"""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AuthorProfileQuerySet(models.QuerySet):
    def with_page(self):
        """Authors with published work: only they have a page, a feed and a sitemap entry, so
        the list of accounts stays private. A subquery: one row per author, no extra query."""
        published = apps.get_model("articles", "Article").objects.published()
        return self.filter(Exists(published.filter(author=OuterRef("user"))), user__is_active=True)


class AuthorProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="author_profile",
    )
    display_name = models.CharField(
        _("display name"),
        max_length=150,
        help_text=_("The name readers see in bylines, author pages, feeds and search results."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=150,
        unique=True,
        help_text=_(
            "The author page's address, /author/<slug>/. Never the login name. Changing it "
            "breaks links to the old address."
        ),
    )

    objects = AuthorProfileQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("author profile")
        verbose_name_plural = _("author profiles")

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    @classmethod
    def for_user(cls, user):
        """The user's profile, made from their full name the first time."""
        profile = cls.objects.filter(user=user).first()
        if profile is None:
            name = user.get_full_name().strip() or default_name()
            profile = cls.objects.create(user=user, display_name=name, slug=unique_slug(name))
        return profile


def default_name():
    """An account without a full name is shown as the newsroom's staff, not by its login."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Editorial staff")


def unique_slug(name):
    base = (slugify(name) or "penulis")[:140]
    slug, n = base, 1
    while AuthorProfile.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def profile(user):
    try:
        return user.author_profile
    except AuthorProfile.DoesNotExist:
        return AuthorProfile.for_user(user)


def display_name(user):
    """The author's public name (bylines, feeds, JSON-LD, an editor's own comments)."""
    return profile(user).display_name


def author_url(user):
    return profile(user).get_absolute_url()


def make_profile(sender, instance, created, raw=False, **kwargs):
    """post_save of the user model: every account gets its public name and slug."""
    if not raw:
        AuthorProfile.for_user(instance)
