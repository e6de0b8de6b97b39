"""Password reset by email: the mail goes through the task worker, limited per account and
address.

The form's request does the same work whatever address is typed (check the limits, note the
request, queue a task): a known and an unknown address get the same answer in the same time,
and a slow or dead mail server never holds a request. The worker looks the address up and sends
Django's reset mail to any active account with it. At most PER_ACCOUNT requests an hour name
one email address (from anywhere), and at most PER_ADDRESS come from one IP address (for any
email); past either, the form answers 429 with a message in the editor's language.
"""

import datetime

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from comments.services import client_ip

from .models import PasswordResetRequest

PER_ACCOUNT = 3
PER_ADDRESS = 10
WINDOW = datetime.timedelta(hours=1)
TOO_MANY = _("Too many password reset requests. Please try again in an hour.")


def _key(kind, value):
    return salted_hmac(f"newsroom.password_reset.{kind}", value).hexdigest()


def note_request(email, address, now=None):
    """Record a request unless one of its limits is reached; True when it may go ahead."""
    now = now or timezone.now()
    since = now - WINDOW
    account, address = _key("account", email.strip().casefold()), _key("address", address)
    PasswordResetRequest.objects.filter(requested_at__lt=since).delete()
    recent = PasswordResetRequest.objects.filter(
        Q(account=account) | Q(address=address), requested_at__gte=since
    ).aggregate(
        account=Count("pk", filter=Q(account=account)),
        address=Count("pk", filter=Q(address=address)),
    )
    if recent["account"] >= PER_ACCOUNT or recent["address"] >= PER_ADDRESS:
        return False
    PasswordResetRequest.objects.create(requested_at=now, account=account, address=address)
    return True


@task()
def send_password_reset(email, domain, use_https, language):
    """The worker's half: Django's reset mail to each active account with this address (none
    for an unknown one). A failed delivery is logged by Django (the account's id, no address);
    the editor can ask again."""
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    with translation.override(language):
        form.save(domain_override=domain, use_https=use_https)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's form and templates; the mail is queued instead of sent inside the request."""

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if not note_request(email, client_ip(self.request) or ""):
            form.add_error("email", TOO_MANY)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        send_password_reset.enqueue(
            email, self.request.get_host(), self.request.is_secure(), translation.get_language()
        )
        return HttpResponseRedirect(self.get_success_url())
