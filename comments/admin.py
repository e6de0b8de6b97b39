"""The moderation queue: pending first, bulk actions, and the discussion settings."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .admin_moderation import OneClickModerationMixin
from .models import Comment, DiscussionSettings
from .services import comment_set_status


def _status_action(status, name, description):
    def action(modeladmin, request, queryset):
        changed = comment_set_status(comments=queryset, status=status)
        modeladmin.message_user(
            request,
            ngettext("%(count)d comment updated.", "%(count)d comments updated.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    action.__name__ = name
    return admin.action(description=description, permissions=["change"])(action)


@admin.register(Comment)
class CommentAdmin(OneClickModerationMixin, admin.ModelAdmin):
    list_display = [
        "author", "comment_text", "article_link", "status_label", "created_at", "ip_address",
    ]  # fmt: skip
    list_display_links = ["author"]
    list_filter = [
        "status",
        ("article", admin.RelatedOnlyFieldListFilter),
        ("page", admin.RelatedOnlyFieldListFilter),
        "created_at",
    ]
    list_select_related = ["article", "page"]
    date_hierarchy = "created_at"
    search_fields = ["author_name", "author_email", "ip_address", "body"]
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    raw_id_fields = ["article", "page", "parent", "user"]
    readonly_fields = ["created_at", "ip_address", "user_agent", "user", "place"]
    fieldsets = [
        (None, {"fields": ["status", "body"]}),
        (_("Author"), {"fields": ["author_name", "author_email", "author_url", "user"]}),
        (_("Where"), {"fields": ["article", "page", "parent", "place"]}),
        (_("For moderation"), {"fields": ["created_at", "ip_address", "user_agent"]}),
    ]
    actions = [
        _status_action(Comment.Status.APPROVED, "approve", _("Approve selected comments")),
        _status_action(Comment.Status.PENDING, "unapprove", _("Unapprove selected comments")),
        _status_action(Comment.Status.SPAM, "mark_spam", _("Mark selected comments as spam")),
        _status_action(Comment.Status.TRASH, "trash", _("Move selected comments to the trash")),
    ]

    def get_ordering(self, request):
        # The queue: held comments first, then the newest.
        pending_first = Case(
            When(status=Comment.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [pending_first.asc(), "-created_at", "-id"]

    def get_changelist_instance(self, request):
        # Links go to each comment's own comment page: worked out for the whole list at once.
        changelist = super().get_changelist_instance(request)
        changelist.result_list = Comment.number_pages(list(changelist.result_list))
        return changelist

    def changelist_view(self, request, extra_context=None):
        pending = Comment.objects.in_moderation().count()
        title = ngettext(
            "Comments (%(count)d awaiting moderation)",
            "Comments (%(count)d awaiting moderation)",
            pending,
        ) % {"count": pending}
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    @admin.display(description=_("author"), ordering="author_name")
    def author(self, comment):
        return comment.display_name

    @admin.display(description=_("in response to"), ordering="article__title")
    def article_link(self, comment):
        """The article or standing page the comment is on, linked to the comment there."""
        return format_html(
            '<a href="{}">{}</a>', comment.get_absolute_url(),
            Truncator(comment.target.title).chars(50),
        )  # fmt: skip

    @admin.display(description=_("on the article"))
    def place(self, comment):
        if not comment.pk:
            return "-"
        return format_html(
            '<a href="{}">{}</a>', comment.get_absolute_url(), _("Show it in its place")
        )


@admin.register(DiscussionSettings)
class DiscussionSettingsAdmin(admin.ModelAdmin):
    fieldsets = [
        (_("Who may comment"), {"fields": ["require_name_email", "close_old_articles",
                                           "close_after_days"]}),
        (_("Threads and pages"), {"fields": ["threaded", "thread_depth", "paginate",
                                             "per_page", "first_page"]}),
        (_("Before a comment appears"), {"fields": ["moderate_all", "previously_approved",
                                                     "max_links", "moderation_words",
                                                     "disallowed_words"]}),
        (_("Email me whenever"), {"fields": ["notify_on_hold", "notify_on_publish"]}),
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_changelist_instance(self, request):
        # Links go to each comment's own comment page: worked out for the whole list at once.
        changelist = super().get_changelist_instance(request)
        changelist.result_list = Comment.number_pages(list(changelist.result_list))
        return changelist

    def changelist_view(self, request, extra_context=None):
        settings = DiscussionSettings.load()
        return redirect(reverse("admin:comments_discussionsettings_change", args=[settings.pk]))
