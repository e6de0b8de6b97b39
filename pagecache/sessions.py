"""Whether a request may be a signed-in user's: the rule that splits shared pages from private."""

from django.conf import settings


def signed_in(request):
    """A signed-in user, judged without touching the session when no session cookie came.

    Reading the session only when the browser sent one keeps anonymous pages free of
    `Vary: Cookie`, so every cache may share them (the page cache skips such requests too).
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_authenticated
