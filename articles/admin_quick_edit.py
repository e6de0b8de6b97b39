"""Quick edit (one article) and bulk edit (many) from the article list.

Status, publication time, category, tags, sticky and comments: the changes are applied to each
article through the change form itself (ArticleAdmin.get_form), so its role rules, its checks
and the model's full_clean() decide, each article is saved with a revision and a log entry.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers, widgets
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from taggit.utils import edit_string_for_tags, parse_tags

from .models import Article, Category
from .roles import can_edit_others, can_publish

NO_CHANGE = ""
YES_NO = [
    (NO_CHANGE, gettext_lazy("No change")),
    ("1", gettext_lazy("Yes")),
    ("0", gettext_lazy("No")),
]


class QuickEditForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    published_at = forms.SplitDateTimeField(
        label=gettext_lazy("Publication time"),
        required=False,
        widget=widgets.AdminSplitDateTime,
        help_text=gettext_lazy("Empty: no change."),
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"),
        queryset=Category.objects.order_by("path"),
        required=False,
        empty_label=gettext_lazy("No change"),
    )
    tags = forms.CharField(label=gettext_lazy("Tags"), required=False)
    sticky = forms.ChoiceField(label=gettext_lazy("Sticky"), choices=YES_NO, required=False)
    comments_open = forms.ChoiceField(
        label=gettext_lazy("Comments open"), choices=YES_NO, required=False
    )

    def __init__(self, data=None, *, user, articles, **kwargs):
        self.single = len(articles) == 1
        if self.single and data is None:
            article = articles[0]
            kwargs["initial"] = {
                "status": article.status,
                "published_at": article.published_at and timezone.localtime(article.published_at),
                "category": article.category_id,
                "tags": edit_string_for_tags(list(article.tags.all())),
                "sticky": "1" if article.sticky else "0",
                "comments_open": "1" if article.comments_open else "0",
            }
        super().__init__(data, **kwargs)
        statuses = Article.Status.choices
        if not can_publish(user):
            statuses = [(v, label) for v, label in statuses if v not in Article.PUBLIC_STATUSES]
        self.fields["status"].choices = [(NO_CHANGE, _("No change")), *statuses]
        self.fields["tags"].help_text = (
            _("Separate tags with commas. The article gets exactly these tags.")
            if self.single
            else _("Separate tags with commas. They are added to each article; empty: no change.")
        )
        if not can_edit_others(user):
            # The home page's top spot is the editors' decision (as in the change form).
            del self.fields["sticky"]

    def changes(self):
        """The fields the editor chose to change, as the change form's values."""
        data = self.cleaned_data
        changes = {}
        if data["status"]:
            changes["status"] = data["status"]
        if data["published_at"]:
            changes["published_at"] = data["published_at"]
        if data["category"]:
            changes["category"] = data["category"].pk
        if data["tags"] or self.single:
            changes["tags"] = parse_tags(data["tags"])
        for name in ("sticky", "comments_open"):
            if data.get(name):
                changes[name] = data[name] == "1"
        return changes


def change_form_data(article, changes, fields):
    """What the change form (with `fields`) would post for `article` with `changes` applied.

    Every model field of the form is posted as the article has it, so a field the quick edit
    does not offer (more categories, the lead flag, the photo credit) is kept, not emptied.
    """
    names = [name for name in fields if name not in ("featured_image", "tags")]
    values = model_to_dict(article, fields=names)
    tags = [tag.name for tag in article.tags.all()]
    if "tags" in changes:
        tags = changes["tags"] if changes.get("replace_tags") else [*tags, *changes["tags"]]
    values.update({k: v for k, v in changes.items() if k not in ("tags", "replace_tags")})
    data = {}
    for name, value in values.items():
        if value is True:
            data[name] = "on"
        elif isinstance(value, list):  # many-to-many: the chosen objects' keys
            data[name] = [getattr(item, "pk", item) for item in value]
        elif value is not None and value is not False:
            data[name] = value
    when = data.pop("published_at", None)
    if when is not None:
        local = timezone.localtime(when)
        data["published_at_0"] = local.strftime("%Y-%m-%d")
        data["published_at_1"] = local.strftime("%H:%M:%S")
    data["tags"] = ", ".join(f'"{t}"' if "," in t or " " in t else t for t in dict.fromkeys(tags))
    return data


class QuickEditMixin:
    """For ArticleAdmin: a "Quick edit" link on each row and a "Edit selected" action."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "quick-edit/",
                self.admin_site.admin_view(self.quick_edit_view),
                name="{}_{}_quick_edit".format(*info),
            ),
            *super().get_urls(),
        ]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "quick_edit_link"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_change_permission(request):
            actions["edit_selected"] = (
                QuickEditMixin.edit_selected,
                "edit_selected",
                _("Edit the selected articles (status, time, category, tags, ...)"),
            )
        return actions

    def edit_selected(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return HttpResponseRedirect(f"{self._quick_edit_url()}?ids={ids}")

    def _quick_edit_url(self):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_quick_edit",
            current_app=self.admin_site.name,
        )

    def quick_edit_link(self, article):
        return format_html(
            '<a class="quick-edit-link" href="{}?ids={}" aria-label="{}">{}</a>',
            self._quick_edit_url(),
            article.pk,
            _("Quick edit: %(title)s") % {"title": article.title},
            _("Quick edit"),
        )

    quick_edit_link.short_description = gettext_lazy("quick edit")

    def quick_edit_view(self, request):
        ids = [pk for pk in request.GET.get("ids", "").split(",") if pk.isdigit()]
        articles = list(
            self.get_queryset(request)
            .filter(pk__in=ids)
            .select_related("category", "author")
            .prefetch_related("tags", "categories")
        )
        articles = [a for a in articles if self.has_change_permission(request, a)]
        if not articles:
            if not self.has_change_permission(request):
                raise PermissionDenied
            self.message_user(request, _("Choose articles you may change."), messages.WARNING)
            return HttpResponseRedirect(self._changelist_url(request))
        form = QuickEditForm(
            request.POST if request.method == "POST" else None,
            user=request.user,
            articles=articles,
        )
        if request.method == "POST" and form.is_valid():
            changes = form.changes()
            changes["replace_tags"] = form.single
            self._apply(request, articles, changes)
            return HttpResponseRedirect(self._changelist_url(request))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Quick edit")
            if form.single
            else _("Edit %(count)d articles") % {"count": len(articles)},
            "form": form,
            "adminform": helpers.AdminForm(form, [(None, {"fields": list(form.fields)})], {}),
            "articles": articles,
            "media": self.media + form.media,
            "next": request.GET.get("next", ""),
        }
        return TemplateResponse(request, "admin/articles/article/quick_edit.html", context)

    def _changelist_url(self, request):
        target = request.GET.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
            return target
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist",
            current_app=self.admin_site.name,
        )

    def _apply(self, request, articles, changes):
        """Each article through the change form: saved when valid, else its errors shown."""
        saved = 0
        for article in articles:
            form_class = self.get_form(request, article, change=True)
            data = change_form_data(article, changes, form_class.base_fields)
            form = form_class(data, {}, instance=article)
            if not form.is_valid():
                errors = " ".join(e for field in form.errors.values() for e in field)
                self.message_user(
                    request,
                    _("%(title)s was not changed: %(errors)s")
                    % {"title": article.title, "errors": errors},
                    messages.ERROR,
                )
                continue
            obj = form.save(commit=False)
            obj._change_reason = _("Quick edit")
            self.save_model(request, obj, form, change=True)
            self.save_related(request, form, formsets=[], change=True)
            self.log_change(request, obj, self.construct_change_message(request, form, None))
            saved += 1
        if saved:
            self.message_user(
                request,
                ngettext("%(count)d article changed.", "%(count)d articles changed.", saved)
                % {"count": saved},
                messages.SUCCESS,
            )
