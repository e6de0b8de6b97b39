"""Reads counted per article and hour: numbers only, nothing about who read."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HourlyReads(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="hourly_reads",
    )
    hour = models.DateTimeField(_("hour"), help_text=_("The start of the hour, in UTC."))
    count = models.PositiveIntegerField(_("reads"), default=0)

    class Meta:
        verbose_name = _("reads in an hour")
        verbose_name_plural = _("reads per hour")
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="hourly_reads_once")
        ]
        indexes = [models.Index(fields=["hour"], name="hourly_reads_hour_idx")]

    def __str__(self):
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}:00: {self.count}"


class ReadDay(models.Model):
    """A day of counting: its random salt and how many first reads today's set holds.

    Deleted, with that day's set, when the next day's first read is counted: once the salt is
    gone nobody, us included, can tell which address read what.
    """

    day = models.DateField(_("day"), unique=True)
    salt = models.CharField(_("salt"), max_length=32)
    seen = models.PositiveIntegerField(_("readers counted"), default=0)

    class Meta:
        verbose_name = _("day of reads")
        verbose_name_plural = _("days of reads")

    def __str__(self):
        return f"{self.day}: {self.seen}"


class SeenRead(models.Model):
    """Today's set: one salted hash per address (or IPv6 /64) and article already counted."""

    digest = models.CharField(_("hash"), max_length=32, primary_key=True)
    day = models.DateField(_("day"), db_index=True)

    class Meta:
        verbose_name = _("counted read")
        verbose_name_plural = _("counted reads")

    def __str__(self):
        return f"{self.day}: {self.digest}"
