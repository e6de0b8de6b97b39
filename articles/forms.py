"""Forms of the articles app: the reader's search and the admin's article form."""

import re

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import images
from .models import Article
from .roles import can_publish

# NUL and other control characters: PostgreSQL refuses NUL in text, and none belong in a query.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


class SearchQueryField(forms.CharField):
    """Any text is a valid query: control characters are dropped, spaces folded, length cut."""

    def to_python(self, value):
        value = _CONTROL.sub("", value or "")
        return _SPACES.sub(" ", value).strip()


class SearchForm(forms.Form):
    q = SearchQueryField(label=_("Search for"), required=False)
    truncated = False

    def clean_q(self):
        query = self.cleaned_data["q"]
        limit = settings.NEWSROOM_SEARCH_MAX_LENGTH
        self.truncated = len(query) > limit
        return query[:limit].strip()

    @property
    def query(self):
        """The cleaned query, or "" when there is none."""
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


class FeaturedImageField(forms.ImageField):
    """An image checked by its content with articles.images, stored upright without EXIF."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        return images.clean_upload(upload)


class ArticleForm(forms.ModelForm):
    # Set by ArticleAdmin.get_form: the statuses offered depend on who is writing.
    user = None

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "body",
            "excerpt",
            "status",
            "published_at",
            "author",
            "category",
            "tags",
            "featured_image",
            "featured_image_alt",
            "featured_image_caption",
            "featured_image_credit",
            "comments_open",
            "sticky",
            "lead",
        ]
        field_classes = {"featured_image": FeaturedImageField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and not can_publish(self.user):
            status.choices = [
                (value, label)
                for value, label in Article.Status.choices
                if value not in Article.PUBLIC_STATUSES
            ]
            status.error_messages["invalid_choice"] = _(
                "You cannot publish or schedule articles. Save a draft or submit it for review."
            )

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        when = cleaned.get("published_at")
        now = timezone.now()
        if status == Article.Status.SCHEDULED:
            if when is None:
                self.add_error("published_at", _("A scheduled article needs a publication time."))
            elif when <= now:
                if self._went_live_by_itself(when):
                    cleaned["status"] = Article.Status.PUBLISHED
                else:
                    self.add_error(
                        "published_at",
                        _(
                            "This time has already passed. Choose a time in the future to "
                            "schedule the article, or choose Published to publish it now."
                        ),
                    )
        elif status == Article.Status.PUBLISHED:
            if when is None:
                # Set here rather than in save(), so the same-day slug check sees the date.
                cleaned["published_at"] = now
            elif when > now:
                cleaned["status"] = Article.Status.SCHEDULED
        return cleaned

    def _went_live_by_itself(self, when):
        """A scheduled article edited after its time: it is public already, so it stays."""
        initial = self.instance
        return (
            initial.pk is not None
            and initial.status == Article.Status.SCHEDULED
            and initial.published_at is not None
            and initial.published_at.replace(microsecond=0) == when.replace(microsecond=0)
        )
