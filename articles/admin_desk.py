"""The editor's desk in the article admin: the list's comment links, autosave, ..."""

import datetime
import json

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import formats, timezone, translation
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from .forms import too_long
from .html import sanitize_html
from .models import Article, ArticleAutosave


def comment_count_link(article, site_name="admin"):
    """The approved count linking to the article's comments, and a badge for those held."""
    try:
        changelist = reverse("admin:comments_comment_changelist", current_app=site_name)
    except NoReverseMatch:  # the comments app is not installed in this admin site
        return article.comment_count
    query = f"?article__id__exact={article.pk}"
    approved = format_html(
        '<a href="{}{}" aria-label="{}">{}</a>',
        changelist,
        query,
        ngettext(
            "%(count)d approved comment: show all comments on this article",
            "%(count)d approved comments: show all comments on this article",
            article.comment_count,
        )
        % {"count": article.comment_count},
        article.comment_count,
    )
    pending = article.pending_comment_count
    if not pending:
        return format_html('<span class="comment-count">{}</span>', approved)
    return format_html(
        '<span class="comment-count">{} <a class="comment-count__pending" href="{}{}&amp;'
        'status__exact=pending" title="{}">{}</a></span>',
        approved,
        changelist,
        query,
        _("Comments awaiting moderation"),
        ngettext("%(count)d pending", "%(count)d pending", pending) % {"count": pending},
    )


class AutosaveMixin:
    """For ArticleAdmin: the form posts what is typed to `autosave/` every half minute and on
    leaving; the draft is offered back when the editor returns, and dropped when they save."""

    autosave_interval_seconds = 30

    @property
    def media(self):
        return super().media + forms.Media(js=["js/admin-autosave.js"])

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "autosave/",
                self.admin_site.admin_view(self.autosave_view),
                name="{}_{}_autosave".format(*info),
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        title = context["adminform"].form.fields.get("title")
        if title is not None and (add or self.has_change_permission(request, obj)):
            url = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_autosave",
                current_app=self.admin_site.name,
            )
            title.widget.attrs.update(
                {
                    "data-autosave-url": f"{url}?article={obj.pk}" if obj else url,
                    "data-autosave-seconds": self.autosave_interval_seconds,
                    "data-autosave-restore": _("Restore the autosaved text"),
                    "data-autosave-discard": _("Discard it"),
                    "data-autosave-restored": _(
                        "The autosaved title, excerpt and body are back. Save to keep them."
                    ),
                    "data-autosave-failed": _("Autosave failed; your text is still here."),
                }
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _autosave_target(self, request):
        """The article named by ?article= / article= (None: a new one), permission checked."""
        pk = request.POST.get("article") or request.GET.get("article") or ""
        if not pk:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        article = self.get_object(request, pk) if pk.isdigit() else None
        if article is None:
            raise Http404(_("No such article."))
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def autosave_view(self, request):
        """GET: a draft newer than the article, if any. POST: store one. POST discard=1: drop it."""
        article = self._autosave_target(request)
        mine = ArticleAutosave.objects.filter(user=request.user, article=article)
        if request.method == "GET":
            draft = mine.first()
            if draft is None or (article is not None and draft.saved_at <= article.updated_at):
                return JsonResponse({"draft": None})
            return JsonResponse(
                {
                    "draft": {"title": draft.title, "excerpt": draft.excerpt, "body": draft.body},
                    "message": _("An autosaved version from %(time)s is newer than this one.")
                    % {"time": _when(draft.saved_at)},
                }
            )
        if request.method != "POST":
            return HttpResponseNotAllowed(["GET", "POST"])
        if request.POST.get("discard"):
            mine.delete()
            return JsonResponse({"draft": None})
        refused = too_long(request.POST)
        if refused is not None:
            name, limit = refused
            message = _("Not autosaved: the %(field)s is longer than %(limit)s characters.") % {
                "field": Article._meta.get_field(name).verbose_name,
                "limit": formats.number_format(limit, force_grouping=True),
            }
            return JsonResponse({"message": message}, status=400)
        draft = autosave_store(user=request.user, article=article, data=request.POST)
        return JsonResponse(
            {"message": _("Autosaved at %(time)s") % {"time": _when(draft.saved_at)}}
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Saved for real: the autosaved text has done its job (for a new article, too).
        ArticleAutosave.objects.filter(Q(article=obj) | Q(article=None), user=request.user).delete()


def _when(moment):
    return formats.time_format(timezone.localtime(moment), "TIME_FORMAT")


def autosave_store(*, user, article, data):
    """Keep what `user` typed in `article`'s form (None: the add form); sanitized like the body."""
    draft, _created = ArticleAutosave.objects.update_or_create(
        user=user,
        article=article,
        defaults={
            "title": data.get("title", "")[:255],
            "excerpt": data.get("excerpt", ""),
            "body": sanitize_html(data.get("body", "")),
            "saved_at": timezone.now(),
        },
    )
    return draft


class WritingAidsMixin:
    """For ArticleAdmin: word count and reading time, the full address under the slug (with a
    free slug suggested when the day has it already), and a search-result preview."""

    words_per_minute = 200

    @property
    def media(self):
        return super().media + forms.Media(
            js=["js/admin-writing-aids.js", "js/admin-media-upload.js"]
        )

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "slug-check/",
                self.admin_site.admin_view(self.slug_check_view),
                name="{}_{}_slug_check".format(*info),
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        fields = context["adminform"].form.fields
        if "slug" in fields:
            url = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_slug_check",
                current_app=self.admin_site.name,
            )
            fields["slug"].widget.attrs.update(
                {
                    "data-slug-check-url": f"{url}?article={obj.pk}" if obj else url,
                    "data-use-label": _("Use it"),
                }
            )
        if "body" in fields:
            fields["body"].widget.attrs.update(
                {
                    "data-words-per-minute": self.words_per_minute,
                    "data-count-labels": json.dumps(
                        {
                            # {words} and {minutes} are filled in by the script.
                            "one": _("{words} word, about {minutes} min to read"),
                            "other": _("{words} words, about {minutes} min to read"),
                        }
                    ),
                    "data-preview-label": _("In search results"),
                    "data-preview-empty-title": _("(no title)"),
                }
            )
            if request.user.has_perm("articles.add_mediaimage"):
                fields["body"].widget.attrs.update(
                    {
                        "data-media-upload-url": reverse(
                            "admin:articles_mediaimage_upload", current_app=self.admin_site.name
                        ),
                        "data-media-recent-url": reverse(
                            "admin:articles_mediaimage_recent", current_app=self.admin_site.name
                        ),
                        "data-media-labels": json.dumps(
                            {
                                "legend": _("Insert an image from your computer"),
                                "file": _("Image file (or drop it here)"),
                                "alt": _("Alternative text (what the image shows)"),
                                "caption": _("Caption (optional)"),
                                "button": _("Upload and insert"),
                                "working": _("Uploading…"),
                                "done": _("The image is in the body, where the cursor was."),
                                "failed": _("The image could not be uploaded."),
                                "needAlt": _("Describe the image first."),
                                "earlier": _("Or choose an earlier image"),
                                "none": _("(choose)"),
                                "insert": _("Insert"),
                            }
                        ),
                    }
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def slug_check_view(self, request):
        """GET slug, date (as typed in the form): the article's full address and a free slug."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        slug = slugify(request.GET.get("slug", ""))[:200]
        article_pk = request.GET.get("article", "")
        try:
            day = forms.DateField().clean(request.GET.get("date", "")) or timezone.localdate()
        except ValidationError:
            day = timezone.localdate()
        if not slug:
            return JsonResponse({"url": "", "free": True, "suggestion": ""})
        free = Article.objects.free_slug_on(
            day, slug, exclude_pk=int(article_pk) if article_pk.isdigit() else None
        )
        when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        url = Article(slug=slug, published_at=when).get_absolute_url()
        answer = {"url": request.build_absolute_uri(url), "free": free == slug, "suggestion": free}
        if free != slug:
            answer["message"] = Article.SLUG_TAKEN % {"free": free}
        return JsonResponse(answer)


@never_cache
def edit_link_view(request, kinds):
    """JSON for static/js/edit-link.js: the admin address to edit ?kind=<kind>&id=N, when the
    signed-in user may change it (else url null). Never cached: it is about the person.

    `kinds` maps the page's data-edit-kind to a model ({"article": Article, "page": Page});
    the root URLconf, which knows every app, passes it."""
    from django.contrib import admin

    model = kinds.get(request.GET.get("kind", ""))
    pk = request.GET.get("id", "")
    url = None
    user = request.user
    if model is not None and pk.isdigit() and user.is_active and user.is_staff:
        model_admin = admin.site.get_model_admin(model)
        obj = model.objects.filter(pk=pk).first()
        if obj is not None and model_admin.has_change_permission(request, obj):
            url = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk]
            )
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        label = _("Edit")
    return JsonResponse({"url": url, "label": label})
