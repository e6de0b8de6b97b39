"""The newsroom's admin: articles by role, categories as a tree, tags, authors, history."""

import functools

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from js_asset import Media
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic
from taggit import models as taggit_models

from . import admin_desk, admin_media, authors  # noqa: F401 (admin_media registers the library)
from .admin_quick_edit import QuickEditMixin
from .forms import ArticleForm, ArticleRestoreForm, TagSuggestionForm, local_time_label
from .models import Article, AuthorProfile, Category, Tag
from .revisions import RevisionListMixin
from .roles import can_edit_others, can_publish
from .tasks import make_featured_renditions, pending_renditions


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["tree_name", "path", "parent", "front_page_order"]
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


# The body editor's menu in the admin's language (see the script).
BODY_EDITOR_I18N_JS = "js/admin-prose-editor-i18n.js"

admin.site.unregister(taggit_models.Tag)


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]
        # django-taggit's own labels have no Indonesian.
        labels = {"name": _("name"), "slug": _("slug")}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """Tags, under Articles; django-taggit's own admin is replaced (its strings are English)."""

    form = TagForm
    list_display = ["tag_name", "tag_slug"]
    ordering = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description=_("name"), ordering="name")
    def tag_name(self, tag):
        return tag.name

    @admin.display(description=_("slug"), ordering="slug")
    def tag_slug(self, tag):
        return tag.slug


class HistoryRestoreMixin(RevisionListMixin):
    """Every save keeps a revision; only editors may restore one.

    The rich-text editor's inline import map carries the page's CSP nonce (the admin's
    Content-Security-Policy allows no other inline script), on the edit and the history pages.
    """

    @staticmethod
    def media_with_nonce(request, context):
        if "media" in context and hasattr(request, "csp_nonce"):
            context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)

    def render_change_form(self, request, context, *args, **kwargs):
        self.media_with_nonce(request, context)
        return super().render_change_form(request, context, *args, **kwargs)

    def render_history_view(self, request, template, context, **kwargs):
        self.media_with_nonce(request, context)
        return super().render_history_view(request, template, context, **kwargs)

    object_history_form_template = "admin/revision_restore.html"

    def has_change_history_permission(self, request, obj=None):
        return can_edit_others(request.user) and self.has_change_permission(request, obj)

    def valid_ids(self, *ids):
        """simple_history looks ids up unchecked: a non-number (/article/abc/history/) is a 404,
        not a 500."""
        try:
            for value in ids:
                self.model._meta.pk.to_python(unquote(value))
        except ValidationError as exc:
            raise Http404 from exc

    def history_view(self, request, object_id, extra_context=None):
        self.valid_ids(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.valid_ids(object_id, version_id)
        if request.method == "POST" and not self.has_change_history_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class AuthorFilter(admin.RelatedOnlyFieldListFilter):
    """People with articles in the list, by the name readers see (never the login name)."""

    def field_choices(self, field, request, model_admin):
        ids = model_admin.get_queryset(request).values("author_id")
        people = get_user_model().objects.filter(pk__in=ids).select_related("author_profile")
        choices = [(person.pk, authors.display_name(person)) for person in people]
        return sorted(choices, key=lambda choice: choice[1].lower())


class EffectiveStatusFilter(admin.SimpleListFilter):
    """By status as readers experience it: a scheduled article whose time came is published."""

    title = _("status")
    parameter_name = "status__exact"

    def lookups(self, request, model_admin):
        return Article.Status.choices

    def queryset(self, request, queryset):
        value = self.value()
        if value == Article.Status.PUBLISHED:
            return queryset.published()
        if value == Article.Status.SCHEDULED:
            return queryset.scheduled()
        if value in Article.Status.values:
            return queryset.filter(status=value)
        return queryset


@admin.register(Article)
class ArticleAdmin(
    HistoryRestoreMixin,
    QuickEditMixin,
    admin_desk.AutosaveMixin,
    admin_desk.WritingAidsMixin,
    SimpleHistoryAdmin,
):
    form = ArticleForm
    object_history_form_template = "admin/articles/article/revision_restore.html"
    # One query for the page of rows: category and author joined, comments counted in a subquery.
    list_display = ["title", "state", "category", "author_name", "published_at", "comments"]
    # The author filter (the only tuple) lists people with articles; editors only.
    list_filter = [
        EffectiveStatusFilter,
        "category",
        ("author", AuthorFilter),
    ]
    list_select_related = ["category", "author__author_profile"]
    date_hierarchy = "published_at"
    search_fields = ["title", "excerpt", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category"]
    filter_horizontal = ["categories"]
    actions = ["publish", "return_to_draft", "submit_for_review"]
    save_on_top = True
    view_on_site = False  # the change form's own "Preview" link does this, for drafts too
    tag_suggestions_limit = 10
    fieldsets = [
        (None, {"fields": ["title", "slug", "body", "excerpt"]}),
        (
            _("Publishing"),
            {"fields": ["status", "published_at", "author", "category", "categories", "tags"]},
        ),
        (
            _("Featured image"),
            {
                "fields": [
                    "featured_image",
                    "featured_image_stash",
                    "featured_image_alt",
                    "featured_image_caption",
                    "featured_image_credit",
                ]
            },
        ),
        (_("Options"), {"fields": ["comments_open", "sticky", "lead"]}),
    ]

    @admin.display(description=_("status"), ordering="status")
    def state(self, article):
        return article.get_effective_status_display()

    @admin.display(description=_("author"), ordering="author__first_name")
    def author_name(self, article):
        return authors.display_name(article.author)

    # Who may see and change what.

    @admin.display(description=_("comments"), ordering="comment_count")
    def comments(self, article):
        return admin_desk.comment_count_link(article, self.admin_site.name)

    def get_queryset(self, request):
        return super().get_queryset(request).editable_by(request.user)

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

    def get_fieldsets(self, request, obj=None):
        if not can_edit_others(request.user):
            return self.fieldsets
        publishing = [
            "status",
            "published_at",
            "backdate",
            "author",
            "category",
            "categories",
            "tags",
        ]
        if to_historic(obj) is not None:  # restoring a revision (see ArticleRestoreForm)
            publishing[2] = "restore_publication"
        return [
            (name, {**options, "fields": publishing})
            if "published_at" in options["fields"]
            else (name, options)
            for name, options in self.fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        if can_edit_others(request.user):
            return ["status", "published_at"] if to_historic(obj) is not None else []
        # Bylines and the home page's top spot are the editors' decisions.
        return ["author", "sticky", "lead"]

    def get_changeform_initial_data(self, request):
        return {"author": request.user.pk, **super().get_changeform_initial_data(request)}

    def get_form(self, request, obj=None, change=False, **kwargs):
        if to_historic(obj) is not None:
            kwargs["form"] = ArticleRestoreForm
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name != "author":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        people = get_user_model().objects.select_related("author_profile")
        kwargs.setdefault("queryset", people.order_by("author_profile__display_name", "pk"))
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        field.label_from_instance = authors.display_name  # the byline, not the login name
        return field

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "tags" and field is not None:
            field.widget.attrs["data-suggest-url"] = reverse(
                "admin:articles_article_tag_suggestions", current_app=self.admin_site.name
            )
        return field

    @property
    def media(self):
        return super().media + forms.Media(js=["js/admin-tag-autocomplete.js", BODY_EDITOR_I18N_JS])

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
        form = TagSuggestionForm(request.GET)
        if not form.is_valid():
            return JsonResponse({"tags": [], "errors": form.errors["q"]}, status=400)
        term = form.cleaned_data["q"]
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
        if isinstance(form, ArticleRestoreForm):
            obj._change_reason = gettext("Restored the revision of %(when)s") % {
                "when": local_time_label(to_historic(form.revision).history_date)
            }
            request.restored_from = form
        queue = self.store_featured_image(obj)
        super().save_model(request, obj, form, change)
        if queue:
            # After commit: the worker must find the article saved with this image.
            name = obj.featured_image.name
            transaction.on_commit(
                functools.partial(make_featured_renditions.enqueue, obj.pk, name), robust=True
            )
        if obj.is_scheduled:
            self.message_user(
                request,
                _("Scheduled to go live %(when)s.") % {"when": local_time_label(obj.published_at)},
                messages.INFO,
            )

    def response_change(self, request, obj):
        form = getattr(request, "restored_from", None)
        if form is None:
            return super().response_change(request, obj)
        when = local_time_label(to_historic(form.revision).history_date)
        if form.restored:
            message = gettext("Restored from the revision of %(when)s: %(fields)s.") % {
                "when": when,
                "fields": ", ".join(form.restored),
            }
        else:
            message = gettext("The revision of %(when)s has the same content as the article.") % {
                "when": when
            }
        if form.cleaned_data.get("restore_publication"):
            status = gettext("Its status and publication time were restored too: %(status)s.")
        elif obj.effective_status == Article.Status.PUBLISHED:
            status = gettext("The article stays published, at the same address.")
        else:
            status = gettext("The article keeps its status: %(status)s.")
        status %= {"status": obj.get_effective_status_display()}
        self.message_user(request, f"{message} {status}", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))

    @staticmethod
    def store_featured_image(obj):
        """Store a new upload; True when its renditions are still to be made (by a task)."""
        image, current = obj.featured_image, obj.featured_image_renditions or {}
        if not image:
            obj.featured_image_renditions = {}
            return False
        if not image._committed:
            image.save(image.name, image.file, save=False)
        if current.get("name") == image.name and current.get("sources"):
            return False
        obj.featured_image_renditions = pending_renditions(image)
        return True

    # Bulk actions: each article is saved on its own, so each keeps a revision.

    def _change_status(self, request, queryset, status, done, when=None):
        """Give each article `status` (and the time `when` says); the model's full_clean()
        decides. Says what was refused, then `done` (ngettext_lazy, number "count")."""
        changed = 0
        for article in queryset:
            if when is not None:
                article.published_at = when(article)
            article.status = status
            try:
                article.full_clean()
            except ValidationError as error:
                message = f"{article}: {' '.join(error.messages)}"
                self.message_user(request, message, messages.ERROR)
                continue
            article._history_user = request.user
            article._change_reason = str(_("Bulk action"))
            article.save()
            self.log_change(request, article, [{"changed": {"fields": ["status"]}}])
            changed += 1
        self.message_user(request, done % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Publish now"), permissions=["publish"])
    def publish(self, request, queryset):
        now = timezone.now()
        self._change_status(
            request,
            queryset,
            Article.Status.PUBLISHED,
            ngettext_lazy("%(count)d article published.", "%(count)d articles published.", "count"),
            # Now, unless it is its own date (Article.publication_time); a future time too.
            when=lambda article: article.publication_time(article.published_at, now=now),
        )

    @admin.action(description=_("Return to draft"), permissions=["publish"])
    def return_to_draft(self, request, queryset):
        self._change_status(
            request,
            queryset,
            Article.Status.DRAFT,
            ngettext_lazy(
                "%(count)d article returned to draft.",
                "%(count)d articles returned to draft.",
                "count",
            ),
        )

    @admin.action(description=_("Submit for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._change_status(
            request,
            queryset.filter(status=Article.Status.DRAFT),
            Article.Status.PENDING,
            ngettext_lazy(
                "%(count)d draft submitted for review.",
                "%(count)d drafts submitted for review.",
                "count",
            ),
        )


@admin.register(AuthorProfile)
class AuthorProfileAdmin(admin.ModelAdmin):
    """The public face of each account: the name readers see and the author page's address."""

    list_display = ["display_name", "slug"]
    search_fields = ["display_name", "slug"]
    fields = ["display_name", "slug"]

    def has_add_permission(self, request):
        return False  # every account gets one when it is saved

    def has_delete_permission(self, request, obj=None):
        return False
