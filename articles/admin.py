"""The newsroom's admin: articles by role, categories as a tree, standing pages, history."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from taggit.models import Tag

from . import admin_desk, admin_media, images  # noqa: F401 (admin_media registers the library)
from .admin_quick_edit import QuickEditMixin
from .forms import ArticleForm
from .models import Article, Category, Page
from .roles import can_edit_others, can_publish


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["tree_name", "path", "parent"]
    list_select_related = ["parent"]
    ordering = ["path"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]

    @admin.display(description=_("name"), ordering="path")
    def tree_name(self, category):
        depth = category.path.count("/")
        return format_html(
            '<span class="category-depth-{}">{}{}</span>', depth, "\u2014 " * depth, category.name
        )


class HistoryRestoreMixin:
    """Every save keeps a revision; only editors may restore one."""

    def has_change_history_permission(self, request, obj=None):
        return can_edit_others(request.user) and self.has_change_permission(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_history_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Article)
class ArticleAdmin(
    HistoryRestoreMixin,
    QuickEditMixin,
    admin_desk.AutosaveMixin,
    admin_desk.WritingAidsMixin,
    SimpleHistoryAdmin,
):
    form = ArticleForm
    # One query for the page of rows: category and author joined, comments counted in a subquery.
    list_display = ["title", "status", "category", "author_name", "published_at", "comments"]
    # The author filter (the only tuple) lists people with articles; editors only.
    list_filter = ["status", "category", ("author", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["category", "author"]
    date_hierarchy = "published_at"
    search_fields = ["title", "excerpt", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category"]
    actions = ["publish", "return_to_draft", "submit_for_review"]
    save_on_top = True
    view_on_site = False  # the change form's own "Preview" link does this, for drafts too
    tag_suggestions_limit = 10
    fieldsets = [
        (None, {"fields": ["title", "slug", "body", "excerpt"]}),
        (
            _("Publishing"),
            {"fields": ["status", "published_at", "author", "category", "tags"]},
        ),
        (
            _("Featured image"),
            {"fields": ["featured_image", "featured_image_alt", "featured_image_caption"]},
        ),
        (_("Options"), {"fields": ["comments_open", "sticky"]}),
    ]

    @admin.display(description=_("author"), ordering="author__first_name")
    def author_name(self, article):
        return article.author.get_full_name() or article.author.get_username()

    # Who may see and change what.

    @admin.display(description=_("comments"), ordering="comment_count")
    def comments(self, article):
        return admin_desk.comment_count_link(article, self.admin_site.name)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .editable_by(request.user)
            .with_comment_count()
            .with_pending_comment_count()
        )

    def _own_or_editor(self, request, obj):
        return obj is None or can_edit_others(request.user) or obj.author_id == request.user.pk

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._own_or_editor(request, obj)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj) or not self._own_or_editor(request, obj):
            return False
        # A contributor cannot edit once an article is published or scheduled.
        return obj is None or can_publish(request.user) or obj.status not in obj.PUBLIC_STATUSES

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._own_or_editor(request, obj)

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def get_list_filter(self, request):
        if can_edit_others(request.user):
            return self.list_filter
        return [spec for spec in self.list_filter if not isinstance(spec, tuple)]

    def get_readonly_fields(self, request, obj=None):
        if can_edit_others(request.user):
            return []
        # Bylines and the home page's top spot are the editors' decisions.
        return ["author", "sticky"]

    def get_changeform_initial_data(self, request):
        return {"author": request.user.pk, **super().get_changeform_initial_data(request)}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "tags" and field is not None:
            field.widget.attrs["data-suggest-url"] = reverse(
                "admin:articles_article_tag_suggestions", current_app=self.admin_site.name
            )
        return field

    @property
    def media(self):
        return super().media + forms.Media(js=["js/admin-tag-autocomplete.js"])

    def get_urls(self):
        suggestions = path(
            "tag-suggestions/",
            self.admin_site.admin_view(self.tag_suggestions_view),
            name="articles_article_tag_suggestions",
        )
        return [suggestions, *super().get_urls()]

    def tag_suggestions_view(self, request):
        """Existing tags whose name contains ?q=, for the tags box's suggestions (JSON)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        term = request.GET.get("q", "").strip()[:100]
        names = []
        if term:
            names = list(
                Tag.objects.filter(name__icontains=term)
                .order_by("name")
                .values_list("name", flat=True)[: self.tag_suggestions_limit]
            )
        return JsonResponse({"tags": names})

    def save_model(self, request, obj, form, change):
        if not change and not can_edit_others(request.user):
            obj.author = request.user
        obj.featured_image_renditions = images.renditions_for(
            obj.featured_image, obj.featured_image_renditions
        )
        super().save_model(request, obj, form, change)

    # Bulk actions: each article is saved on its own, so each keeps a revision.

    def _change_status(self, request, queryset, status, when=None):
        changed, refused = [], []
        for article in queryset:
            article.status = status
            if when is not None:
                article.published_at = when(article)
            try:
                article.clean()
            except ValidationError as error:
                refused.append(f"{article}: {' '.join(error.messages)}")
                continue
            article._history_user = request.user
            article._change_reason = str(_("Bulk action"))
            article.save()
            self.log_change(request, article, [{"changed": {"fields": ["status"]}}])
            changed.append(article)
        for reason in refused:
            self.message_user(request, reason, messages.ERROR)
        return changed

    @admin.action(description=_("Publish now"), permissions=["publish"])
    def publish(self, request, queryset):
        now = timezone.now()

        def when(article):
            # Now, unless it was published before (returned to draft): its date and URL stay.
            if article.published_at is None or article.published_at > now:
                return now
            return article.published_at

        changed = self._change_status(request, queryset, Article.Status.PUBLISHED, when=when)
        self.message_user(
            request,
            ngettext("%(count)d article published.", "%(count)d articles published.", len(changed))
            % {"count": len(changed)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Return to draft"), permissions=["publish"])
    def return_to_draft(self, request, queryset):
        changed = self._change_status(request, queryset, Article.Status.DRAFT)
        self.message_user(
            request,
            ngettext(
                "%(count)d article returned to draft.",
                "%(count)d articles returned to draft.",
                len(changed),
            )
            % {"count": len(changed)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Submit for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        changed = self._change_status(
            request, queryset.filter(status=Article.Status.DRAFT), Article.Status.PENDING
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d draft submitted for review.",
                "%(count)d drafts submitted for review.",
                len(changed),
            )
            % {"count": len(changed)},
            messages.SUCCESS,
        )


@admin.register(Page)
class PageAdmin(HistoryRestoreMixin, SimpleHistoryAdmin):
    list_display = [
        "title",
        "slug",
        "is_published",
        "in_footer",
        "footer_order",
        "is_privacy_policy",
        "updated_at",
    ]
    list_editable = ["footer_order"]
    list_filter = ["is_published", "in_footer"]
    search_fields = ["title", "title_en", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "title_en", "slug", "body", "is_published"]}),
        (_("Footer"), {"fields": ["in_footer", "footer_order", "is_privacy_policy"]}),
    ]
