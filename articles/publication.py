"""When an article is public: its statuses, the rules as conditions, and the model's side.

`published_q`, `scheduled_q` and `due_q` are the rules as query conditions (ArticleQuerySet's
`published()`, `scheduled()`, `due()`, the dashboard's counts); `PublicationRules` gives
Article the same rules for one article in memory (`is_public`, `is_scheduled`, `is_due`, the
effective status), the time publishing gives it, and one slug a day in WIB days.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending review")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


PUBLIC_STATUSES = (Status.PUBLISHED, Status.SCHEDULED)
# One slug a day: what the form and the desk's slug check say when it is taken.
SLUG_TAKEN = _("Another article of the same day already uses this slug. “%(free)s” is free.")


def published_q(now=None):
    """Public: published (or scheduled) and its time has come. The rule behind `published()`."""
    return Q(status__in=PUBLIC_STATUSES, published_at__lte=now or timezone.now())


def scheduled_q(now=None):
    """Waiting for its time: published or scheduled with a time still to come."""
    return Q(status__in=PUBLIC_STATUSES, published_at__gt=now or timezone.now())


def due_q(now=None):
    """Scheduled and its time has come: public by itself, so it reads "Published"."""
    return Q(status=Status.SCHEDULED, published_at__lte=now or timezone.now())


class PublicationRules:
    """Article's publication rules (a mixin: the fields and managers are Article's)."""

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
        free = type(self).objects.free_slug_on(day, self.slug, exclude_pk=self.pk)
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
