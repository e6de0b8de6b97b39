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
