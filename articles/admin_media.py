"""The media library in the admin: thumbnails, search, where each image is used, and the
upload endpoint the article form's "Insert an image" box posts to."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from .forms import FeaturedImageField
from .media_library import body_image, library_add
from .models import MediaImage


class MediaImageForm(forms.ModelForm):
    class Meta:
        model = MediaImage
        fields = ["file", "alt", "caption"]
        field_classes = {"file": FeaturedImageField}


@admin.register(MediaImage)
class MediaImageAdmin(admin.ModelAdmin):
    form = MediaImageForm
    list_display = ["thumbnail", "alt", "caption", "uploaded_at", "uploaded_by"]
    list_display_links = ["thumbnail", "alt"]
    list_select_related = ["uploaded_by"]
    search_fields = ["alt", "caption", "file"]
    readonly_fields = ["preview", "where_used"]
    list_per_page = 48
    recent_size = 30

    def get_fields(self, request, obj=None):
        return ["file", "alt", "caption", *(["preview", "where_used"] if obj else [])]

    def get_urls(self):
        upload = path(
            "upload/",
            self.admin_site.admin_view(require_POST(self.upload_view)),
            name="articles_mediaimage_upload",
        )
        recent = path(
            "recent/",
            self.admin_site.admin_view(self.recent_view),
            name="articles_mediaimage_recent",
        )
        return [upload, recent, *super().get_urls()]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        obj.make_renditions()
        super().save_model(request, obj, form, change)

    def upload_view(self, request):
        """POST file, alt, caption: a new library image for the body editor (JSON)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        upload = request.FILES.get("file")
        if upload is None:
            return JsonResponse({"error": _("Choose an image file.")}, status=400)
        try:
            image = library_add(
                upload=upload,
                alt=request.POST.get("alt", ""),
                caption=request.POST.get("caption", ""),
                user=request.user,
            )
        except ValidationError as error:
            messages = error.message_dict.values() if hasattr(error, "error_dict") else []
            text = " ".join(m for ms in messages for m in ms) or " ".join(error.messages)
            return JsonResponse({"error": text}, status=400)
        return JsonResponse(body_image(image))

    def recent_view(self, request):
        """The newest library images (?q= searches alt text and caption), for the body editor's
        "choose an earlier image" list (JSON)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = MediaImage.objects.exclude(rendition_prefix="")
        term = request.GET.get("q", "").strip()[:100]
        if term:
            images = images.filter(Q(alt__icontains=term) | Q(caption__icontains=term))
        return JsonResponse({"images": [body_image(i) for i in images[: self.recent_size]]})

    def _thumb(self, image, width):
        best = image.body_rendition(width) if image.renditions else None
        if best is None:
            return "-"
        return format_html(
            '<img class="library-thumb" src="{}" width="{}" height="{}" alt="{}">',
            image.file.storage.url(best["src"]),
            best["width"],
            best["height"],
            image.alt,
        )

    @admin.display(description=gettext_lazy("image"))
    def thumbnail(self, image):
        return self._thumb(image, 320)

    @admin.display(description=gettext_lazy("preview"))
    def preview(self, image):
        return self._thumb(image, 640)

    def get_object(self, request, object_id, from_field=None):
        image = super().get_object(request, object_id, from_field)
        if image is not None:
            image.shown_to = request  # "where used" names only what this person may open
        return image

    def _may_open(self, request, obj):
        model_admin = self.admin_site._registry.get(type(obj))
        return model_admin is not None and model_admin.has_view_permission(request, obj)

    @admin.display(description=gettext_lazy("where it is used"))
    def where_used(self, image):
        used = image.where_used()
        if not used:
            return _("Not used in any article or page yet.")
        request = getattr(image, "shown_to", None)
        shown = [obj for obj in used if request is not None and self._may_open(request, obj)]
        links = [
            (
                reverse(
                    f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]
                ),
                obj,
            )
            for obj in shown
        ]
        hidden = len(used) - len(shown)
        more = ""
        if hidden:
            # Others' work is counted, not named (a scheduled title is not yet public).
            more = ngettext(
                "Also used in %(count)d other article or page.",
                "Also used in %(count)d other articles or pages.",
                hidden,
            ) % {"count": hidden}
        items = format_html_join("", '<li><a href="{}">{}</a></li>', links)
        return format_html(
            "{}{}",
            format_html('<ul class="where-used">{}</ul>', items) if links else "",
            format_html('<p class="help">{}</p>', more) if more else "",
        )
