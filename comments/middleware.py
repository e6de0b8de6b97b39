"""The link to a held comment's preview is for its author only: no cache may keep it."""

from django.utils.cache import add_never_cache_headers, patch_cache_control

PREVIEW_PARAMETER = "unapproved"


class HeldCommentPreviewMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if PREVIEW_PARAMETER in request.GET:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
            response["X-Robots-Tag"] = "noindex"
        return response
