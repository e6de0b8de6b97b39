"""The admin's sign-in form: Django's, plus "remember me"."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _


class AdminLoginForm(AdminAuthenticationForm):
    remember_me = forms.BooleanField(
        label=_("Remember me"),
        required=False,
        help_text=_("Stay signed in for two weeks. Unticked: until the browser is closed."),
    )


def forget_at_browser_close(sender, request, user, **kwargs):
    """user_logged_in: an admin sign-in without "remember me" lasts until the browser closes."""
    from django.urls import reverse

    if request is None or request.method != "POST":
        return
    if request.path_info == reverse("admin:login") and not request.POST.get("remember_me"):
        request.session.set_expiry(0)
