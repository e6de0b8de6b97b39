"""Forms of the articles app: the reader's search and the admin's article form."""

import errno
import re

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminFileWidget
from django.core.validators import MaxLengthValidator
from django.db.models.fields.files import FieldFile
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import images
from .models import Article, Tag
from .roles import can_edit_others, can_publish

# A media disk that cannot take an upload (full, or over quota).
DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
DISK_FULL_MESSAGE = _(
    "The image could not be saved: the media disk is full. Nothing was stored. Ask the "
    "site's administrator to free some space, then choose the image again."
)

# NUL and other control characters: PostgreSQL refuses NUL in text, and none belong in a query.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


class SearchQueryField(forms.CharField):
    """Any text is a valid query: control characters are dropped, spaces folded, length cut."""

    def to_python(self, value):
        value = _CONTROL.sub("", value or "")
        return _SPACES.sub(" ", value).strip()


class TagSuggestionForm(forms.Form):
    """The admin tags box's ?q=: a NUL byte is refused (Django's CharField says so)."""

    q = forms.CharField(required=False)

    def clean_q(self):
        return self.cleaned_data["q"][:100]


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


def local_time_label(when):
    """`when` in the newsroom's time zone, as editors read it: "29 Nov 2026, 01.13 WIB"."""
    local = timezone.localtime(when)
    # Translators: a date and time format (Django's date syntax); the zone name follows it.
    pattern = gettext("j M Y, H:i")
    return f"{formats.date_format(local, pattern)} {local.tzname()}"


class FeaturedImageWidget(AdminFileWidget):
    """The file input with a thumbnail of the current image and a note on a kept choice."""

    template_name = "articles/widgets/featured_image.html"
    thumbnail_url = ""
    kept_name = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(thumbnail_url=self.thumbnail_url, kept_name=self.kept_name)
        return context


def length_limits():
    """The longest value the desk takes, by article field."""
    return {
        "title": Article._meta.get_field("title").max_length,
        "body": settings.NEWSROOM_BODY_MAX_LENGTH,
        "excerpt": settings.NEWSROOM_EXCERPT_MAX_LENGTH,
    }


def too_long(data):
    """The first article field of `data` (a POST) longer than it may be, as (name, limit)."""
    for name, limit in length_limits().items():
        if len(data.get(name, "")) > limit:
            return name, limit
    return None


def limit_lengths(form):
    """Give `form`'s body and excerpt their limits (articles, and pages' body too); a field
    with a limit of its own (a title) keeps it."""
    for name, limit in length_limits().items():
        field = form.fields.get(name)
        if field is not None and getattr(field, "max_length", None) is None:
            # Checked before the body is sanitized: a huge body is refused, not cleaned.
            field.max_length = limit
            field.validators.append(MaxLengthValidator(limit))


class ArticleForm(forms.ModelForm):
    # Set by ArticleAdmin.get_form: the statuses offered depend on who is writing.
    user = None

    # Editors only (removed for others in __init__): a past time on an article that was never
    # public is replaced by the time of publishing, unless this is ticked.
    backdate = forms.BooleanField(
        label=_("Back-date"),
        required=False,
        help_text=_(
            "Publish with the past time above. Without this, publishing means now: the "
            "article reaches the home page, the feeds and the news sitemap."
        ),
    )

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
            "categories",
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
        widgets = {"featured_image": FeaturedImageWidget}

    # The signed name of an image chosen on a submit that had errors (see images.stash_upload).
    featured_image_stash = forms.CharField(
        label=_("image chosen before"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_edit_others(self.user):
            self.fields.pop("backdate", None)
        limit_lengths(self)
        published_at = self.fields.get("published_at")
        if published_at is not None:
            zone = timezone.localtime().tzname()
            published_at.help_text = _("%(help)s Times are in %(zone)s (%(name)s).") % {
                "help": published_at.help_text,
                "zone": zone,
                "name": timezone.get_current_timezone_name(),
            }
        image = self.fields.get("featured_image")
        if image is not None and self.instance.featured_image_renditions:
            image.widget.thumbnail_url = self.instance.featured_image_url(320)
        if self.instance.pk is not None and not self.is_bound:
            # What readers see: a scheduled article whose time has come reads "Published".
            self.initial["status"] = self.instance.effective_status
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

    def clean_tags(self):
        names = self.cleaned_data.get("tags") or []
        limit = Tag._meta.get_field("name").max_length
        for name in names:
            if len(name) > limit:  # PostgreSQL would refuse the row: a 500, not a message
                raise forms.ValidationError(
                    _("A tag has at most %(limit)d characters; “%(start)s…” has %(length)d.")
                    % {"limit": limit, "start": name[:30], "length": len(name)}
                )
        return names

    def clean_featured_image(self):
        image = self.cleaned_data.get("featured_image")
        if image is False:  # "clear" ticked: no image, whatever was chosen before
            return image
        if not image or isinstance(image, FieldFile):  # no new file: one chosen before?
            kept = images.take_stash(self.data.get("featured_image_stash", ""))
            if kept is not None:
                return kept
        return image

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        when = cleaned.get("published_at")
        now = timezone.now()
        if when is not None and when > now:
            if status == Article.Status.PUBLISHED:
                cleaned["status"] = Article.Status.SCHEDULED
        elif status == Article.Status.PUBLISHED:
            # Set here rather than in save(), so the model's one-slug-a-day check sees the date.
            cleaned["published_at"] = self.instance.publication_time(
                when, backdate=cleaned.get("backdate", False), now=now
            )
        elif status == Article.Status.SCHEDULED and when is not None:
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
        # Scheduled without a time: the model says so (Article.clean).
        return cleaned

    def _post_clean(self):
        # The form has already explained what is wrong with the publication time; the model's
        # own check (a scheduled article needs a time) would only repeat it.
        said = len(self.errors.get("published_at", ()))
        super()._post_clean()
        if said:
            del self.errors["published_at"][said:]
        if not self.errors:
            self._store_chosen_image()
        self._keep_chosen_image()

    def _store_chosen_image(self):
        """Write a new upload now, so a full media disk is a message in the form, not a 500
        (the storage leaves no truncated file; the admin's save finds it stored)."""
        image = getattr(self.instance, "featured_image", None)
        if not image or image._committed:
            return
        try:
            image.save(image.name, image.file, save=False)
        except OSError as error:
            if error.errno not in DISK_FULL:
                raise
            self.add_error("featured_image", DISK_FULL_MESSAGE)

    def _keep_chosen_image(self):
        """On errors, keep a newly chosen image for the corrected submit (browsers drop it)."""
        image = self.cleaned_data.get("featured_image")
        if not self.errors or not image or isinstance(image, FieldFile):
            return
        if DISK_FULL_MESSAGE in self.errors.get("featured_image", ()):
            return  # nowhere to keep it: the editor chooses it again once there is space
        self.data = self.data.copy()
        try:
            self.data["featured_image_stash"] = images.stash_upload(image)
        except OSError as error:
            if error.errno not in DISK_FULL:
                raise
            self.add_error("featured_image", DISK_FULL_MESSAGE)
            return
        self.fields["featured_image"].widget.kept_name = image.name

    def _went_live_by_itself(self, when):
        """A scheduled article edited after its time: it is public already, so it stays."""
        initial = self.instance
        if not initial.is_due:
            return False
        return initial.published_at.replace(microsecond=0) == when.replace(microsecond=0)


class ArticleRestoreForm(ArticleForm):
    """Restoring a revision brings back its content; the article's status and time stay.

    The form edits the article as it is now with the revision's content fields put back.
    Status and publication time are read-only here; they come back only when the editor ticks
    `restore_publication`. Tags are not kept in revisions: the article's current ones stay.
    """

    CONTENT_FIELDS = [
        "title",
        "body",
        "excerpt",
        "category",
        "featured_image",
        "featured_image_alt",
        "featured_image_caption",
        "featured_image_renditions",
    ]

    restore_publication = forms.BooleanField(required=False)

    def __init__(self, *args, instance, **kwargs):
        self.revision = instance
        current = Article.objects.filter(pk=instance.pk).first() or instance
        self.restored = self.differing(current, instance)
        for name in self.CONTENT_FIELDS:
            setattr(current, name, getattr(instance, name))
        self.current_status = current.effective_status
        super().__init__(*args, instance=current, **kwargs)
        self.fields.pop("backdate", None)
        self.fields["restore_publication"].label = _(
            "Also restore this revision's status and publication time"
        )
        self.fields["restore_publication"].help_text = _(
            "In this revision: %(status)s, %(time)s. Without this, the article keeps its "
            "status and publication time (%(current)s)."
        ) % {
            "status": instance.get_status_display(),
            "time": local_time_label(instance.published_at) if instance.published_at else "\u2014",
            "current": current.get_effective_status_display(),
        }

    def clean(self):
        if self.cleaned_data.get("restore_publication"):
            self.instance.status = self.revision.status
            self.instance.published_at = self.revision.published_at
        return super().clean()

    @staticmethod
    def differing(current, revision):
        """Verbose names of the content fields in which `revision` differs from `current`."""
        names = []
        for name in ArticleRestoreForm.CONTENT_FIELDS[:-1]:  # renditions follow the image
            field = Article._meta.get_field(name)
            if getattr(current, field.attname) != getattr(revision, field.attname):
                names.append(str(field.verbose_name))
        return names
