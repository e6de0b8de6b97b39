"""One-click moderation in the comment list: each row approves, marks spam, trashes or replies
through small POST endpoints (fetch() from static/js/admin-moderation.js), with Undo."""

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .models import Comment
from .services import comment_reply, comment_set_status

# What each row offers; the button for the comment's current status is hidden.
ROW_ACTIONS = [
    (Comment.Status.APPROVED, gettext_lazy("Approve"), "a"),
    (Comment.Status.PENDING, gettext_lazy("Unapprove"), "u"),
    (Comment.Status.SPAM, gettext_lazy("Spam"), "s"),
    (Comment.Status.TRASH, gettext_lazy("Trash"), "t"),
]

DONE_MESSAGES = {
    Comment.Status.APPROVED: gettext_lazy("Comment by %(name)s approved."),
    Comment.Status.PENDING: gettext_lazy("Comment by %(name)s returned to moderation."),
    Comment.Status.SPAM: gettext_lazy("Comment by %(name)s marked as spam."),
    Comment.Status.TRASH: gettext_lazy("Comment by %(name)s moved to the trash."),
}


class OneClickModerationMixin:
    """For the comment ModelAdmin: row buttons, the endpoints they call, and the full text."""

    change_list_template = "admin/comments/comment/change_list.html"

    @property
    def media(self):
        return super().media + forms.Media(js=["js/admin-moderation.js"])

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/moderate/",
                self.admin_site.admin_view(require_POST(self.moderate_view)),
                name="{}_{}_moderate".format(*info),
            ),
            path(
                "<path:object_id>/reply/",
                self.admin_site.admin_view(require_POST(self.reply_view)),
                name="{}_{}_reply".format(*info),
            ),
            *super().get_urls(),
        ]

    def _comment_to_change(self, request, object_id):
        comment = self.get_object(request, unquote(object_id))
        if comment is None:
            raise Http404(_("No such comment."))
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        return comment

    def moderate_view(self, request, object_id):
        """POST status=approved|pending|spam|trash. Answers the new and previous status (JSON)."""
        comment = self._comment_to_change(request, object_id)
        status = request.POST.get("status", "")
        if status not in Comment.Status.values:
            return JsonResponse({"error": _("Choose a status.")}, status=400)
        previous = comment.status
        comment_set_status(comments=Comment.objects.filter(pk=comment.pk), status=status)
        comment.status = status
        self.log_change(request, comment, [{"changed": {"fields": ["status"]}}])
        return JsonResponse(
            {
                "id": comment.pk,
                "status": status,
                "label": comment.get_status_display(),
                "previous": previous,
                "message": str(DONE_MESSAGES[status]) % {"name": comment.display_name},
            }
        )

    def reply_view(self, request, object_id):
        """POST body=...: the signed-in editor's approved reply under the comment (JSON)."""
        parent = self._comment_to_change(request, object_id)
        try:
            body = request.POST.get("body", "")
            reply = comment_reply(parent=parent, user=request.user, body=body)
        except ValidationError as error:
            messages = error.message_dict.get("body") or error.messages
            return JsonResponse({"error": " ".join(messages)}, status=400)
        self.log_addition(request, reply, [{"added": {}}])
        return JsonResponse(
            {
                "id": reply.pk,
                "parent": {
                    "id": parent.pk,
                    "status": parent.status,
                    "label": parent.get_status_display(),
                },
                "url": reply.get_absolute_url(),
                "message": _("Your reply to %(name)s is published.")
                % {"name": parent.display_name},
                "link": _("View it on the article"),
            }
        )

    def comment_text(self, comment):
        """The whole comment as typed (escaped, with its line breaks) and the row's buttons."""
        moderate_url = reverse(
            "admin:comments_comment_moderate", args=[comment.pk], current_app=self.admin_site.name
        )
        reply_url = reverse(
            "admin:comments_comment_reply", args=[comment.pk], current_app=self.admin_site.name
        )
        buttons = format_html_join(
            "",
            '<button type="button" class="button moderate-button" data-status="{}"'
            ' aria-keyshortcuts="{}"{}>{}</button>',
            (
                (status, key, " hidden" if comment.status == status else "", label)
                for status, label, key in ROW_ACTIONS
            ),
        )
        return format_html(
            '<div class="moderation-row" tabindex="-1" data-comment="{}" data-status="{}"'
            ' data-moderate-url="{}" data-reply-url="{}" data-author="{}">'
            '<div class="moderation-row__text">{}</div>'
            '<div class="moderation-row__actions" role="group" aria-label="{}">{}'
            '<button type="button" class="button reply-button" aria-keyshortcuts="r">{}</button>'
            "</div></div>",
            comment.pk,
            comment.status,
            moderate_url,
            reply_url,
            comment.display_name,
            mark_safe(linebreaks(comment.body, autoescape=True)),  # escaped by linebreaks
            _("Moderate the comment by %(name)s") % {"name": comment.display_name},
            buttons,
            _("Reply"),
        )

    comment_text.short_description = gettext_lazy("comment")

    def status_label(self, comment):
        return format_html(
            '<span class="comment-status comment-status--{}">{}</span>',
            comment.status,
            comment.get_status_display(),
        )

    status_label.short_description = gettext_lazy("status")
    status_label.admin_order_field = "status"
