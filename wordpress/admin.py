from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from .models import Redirect, is_site_path, path_variants, site_path_of


def site_hosts():
    """This site's own host names: a full URL to one of them is a path here."""
    return {host.lstrip(".") for host in settings.ALLOWED_HOSTS if host != "*"}


class RedirectForm(forms.ModelForm):
    """An old path on this site; a new path here or a full http(s) URL; never a circle."""

    class Meta:
        model = Redirect
        fields = ["old_path", "new_path"]

    def clean_old_path(self):
        value = self.cleaned_data["old_path"].strip()
        if not is_site_path(value):
            raise forms.ValidationError(_("Start the old address with a single /, e.g. /about/."))
        return value

    def clean_new_path(self):
        value = self.cleaned_data["new_path"].strip()
        if is_site_path(value) or site_path_of(value, site_hosts()) is not None:
            return value
        try:
            URLValidator(schemes=["http", "https"])(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                _("Give a path on this site starting with a single / or a full URL (https://...).")
            ) from None
        return value

    def clean(self):
        cleaned = super().clean()
        old, new = cleaned.get("old_path"), cleaned.get("new_path")
        if not old or not new:
            return cleaned
        hosts = site_hosts()
        target = site_path_of(new, hosts)
        if target is not None and set(path_variants(target)) & set(path_variants(old)):
            self.add_error("new_path", _("The new address is the old one: it would never load."))
        elif Redirect.objects.loops_back(old, new, hosts, editing=self.instance.pk):
            self.add_error(
                "new_path",
                _(
                    "Following the redirects from this address comes back to %(old)s: readers "
                    "would go round in a circle."
                )
                % {"old": old},
            )
        return cleaned


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    form = RedirectForm
    list_display = ["old_path", "new_path", "created_at"]
    search_fields = ["old_path", "new_path"]
    ordering = ["old_path"]
