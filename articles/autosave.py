"""What an editor typed in an article's form, kept until they save it (see admin_desk.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArticleAutosave(models.Model):
    """What an editor typed in an article's form, saved every minute until they save it.

    One per user and article (``article`` empty: the add form). It never touches the article:
    the editor restores it into the form, then saves as usual.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="autosaves",
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    body = models.TextField(_("body"), blank=True)
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("autosaved draft")
        verbose_name_plural = _("autosaved drafts")
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="autosave_per_user_article"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(article=None), name="autosave_per_user_new_article"
            ),
        ]

    def __str__(self):
        return self.title or str(_("(no title)"))
