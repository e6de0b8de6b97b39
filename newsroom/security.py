"""Security headers (django-csp's Content-Security-Policy, Permissions-Policy); login lockout."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.urls import reverse


class SecurityHeadersMiddleware(CSPMiddleware):
    """CSP from CONTENT_SECURITY_POLICY (a nonce only where a page used one), Permissions-Policy.

    The admin's rich-text editor (Tiptap) injects <style> elements without a nonce, so the admin,
    and only the admin, may use inline styles; its scripts stay as strict as the reader pages'.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(reverse("admin:index")):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", settings.NEWSROOM_PERMISSIONS_POLICY)
        return response


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: the admin's page, in the editor's language."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": minutes,
        "site_header": admin.site.site_header,
        "site_title": admin.site.site_title,
    }
    return render(request, "admin/locked_out.html", context, status=429)


class AdminQueryMiddleware:
    """NUL characters leave the admin's query parameters (search, filters, tag suggestions).

    PostgreSQL text cannot hold NUL, so `?q=%00` on a changelist or the autocomplete would be a
    500; reader searches already drop control characters, and the tags box's suggestions answer
    their own clear 400 (TagSuggestionForm), so they are left alone. Forms refuse NUL themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        has_nul = "%00" in query or "\x00" in query
        admin_page = request.path_info.startswith(reverse("admin:index"))
        own_answer = request.path_info == reverse("admin:articles_article_tag_suggestions")
        if has_nul and admin_page and not own_answer:
            cleaned = request.GET.copy()
            for key in list(cleaned):
                cleaned.setlist(key, [v.replace("\x00", "") for v in cleaned.getlist(key)])
            request.GET = cleaned
        return self.get_response(request)
