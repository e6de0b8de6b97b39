"""Standing pages in the admin: the body editor, the footer settings, history with restore."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from articles.admin import BODY_EDITOR_I18N_JS, HistoryRestoreMixin
from articles.forms import limit_lengths

from .models import Page


class PageForm(forms.ModelForm):
    """A page's body is refused past the article body's limit, before it is sanitized."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_lengths(self)


@admin.register(Page)
class PageAdmin(HistoryRestoreMixin, SimpleHistoryAdmin):
    form = PageForm
    list_display = [
        "title",
        "slug",
        "is_published",
        "in_footer",
        "footer_order",
        "is_privacy_policy",
        "comments_open",
        "comment_count",
        "updated_at",
    ]
    list_editable = ["footer_order"]
    list_filter = ["is_published", "in_footer", "comments_open"]
    search_fields = ["title", "title_en", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "title_en", "slug", "body", "is_published"]}),
        (_("Footer"), {"fields": ["in_footer", "footer_order", "is_privacy_policy"]}),
        (_("Discussion"), {"fields": ["comments_open"]}),
    ]

    @property
    def media(self):
        return super().media + forms.Media(js=[BODY_EDITOR_I18N_JS])
