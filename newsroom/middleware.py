"""Site-wide middleware: cache headers for reader pages, the admin's language."""

import time

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

import pagecache
from articles.cachekeys import next_scheduled_time


class ReaderCacheMiddleware:
    """Anonymous GETs are public for a while; anything a signed-in user sees is private.

    The lifetime is cut short before the next scheduled article goes public, so no cache keeps
    hiding it past its time. Views that set Cache-Control themselves (the admin) are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.has_header("Cache-Control"):
            return response
        if pagecache.signed_in(request):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        elif response.status_code == 200:
            upcoming = self.seconds_to_next_scheduled(request)
            max_age = settings.NEWSROOM_READER_CACHE_SECONDS
            if upcoming is not None:
                max_age = min(max_age, upcoming)
                # The page cache (pagecache.middleware) keeps no page past this time either.
                response.fresh_until = time.time() + upcoming
            patch_cache_control(response, public=True, max_age=max_age)
        return response

    @staticmethod
    def seconds_to_next_scheduled(request):
        """Seconds until the next scheduled article goes public; None when none is scheduled.

        The view has read it already (articles.cachekeys): read once per request."""
        upcoming = next_scheduled_time(request)
        if upcoming is None:
            return None
        return max(0, int((upcoming - timezone.now()).total_seconds()))


class AdminLanguageMiddleware:
    """The admin speaks the editor's language: their choice (cookie) or their browser's.

    Reader pages take their language from the URL alone (so caches need not vary); the admin
    is private, so it may follow the person. Goes right after LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(reverse("admin:index")):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class StaffMarkerMiddleware:
    """A non-HttpOnly marker cookie while someone is signed in to the admin.

    Reader pages are the same for everyone; their small script (static/js/edit-link.js) asks
    the uncached /admin/edit-link/ for an "Edit" link only when this cookie is there (the
    session cookie is HttpOnly, so scripts cannot see it). Set and removed on admin responses
    only, so reader pages never read the session for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith(reverse("admin:index")):
            return response
        name = settings.NEWSROOM_STAFF_COOKIE
        staff = request.user.is_authenticated and request.user.is_staff
        if staff and name not in request.COOKIES:
            # It lasts as the session does: to the browser's closing without "remember me".
            at_close = request.session.get_expire_at_browser_close()
            response.set_cookie(
                name,
                "1",
                max_age=None if at_close else settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                samesite="Lax",
            )
        elif not staff and name in request.COOKIES:
            response.delete_cookie(name, samesite="Lax")
        return response
