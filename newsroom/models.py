"""What the project itself keeps: the password reset requests of the last hour (their limit)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PasswordResetRequest(models.Model):
    """One password reset asked for: when, and keyed hashes of the email typed and the
    requester's address (never either in the clear). Rows older than the limit's hour are
    deleted by the next request (newsroom/password_reset.py)."""

    requested_at = models.DateTimeField(_("requested at"), db_index=True)
    account = models.CharField(_("account (hashed)"), max_length=64, db_index=True)
    address = models.CharField(_("address (hashed)"), max_length=64, db_index=True)

    class Meta:
        verbose_name = _("password reset request")
        verbose_name_plural = _("password reset requests")

    def __str__(self):
        return f"{self.requested_at:%Y-%m-%d %H:%M}"
