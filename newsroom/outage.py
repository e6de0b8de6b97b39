"""A database that cannot be reached answers 503 with Retry-After, not 500.

Django turns an exception raised anywhere in a request (a view, a middleware, a template
rendered late) into a response through `handler500`; this handler looks at the exception being
handled and answers a database outage with the site's own "back soon" page. The page is
rendered without a request context, so it needs no database, session or cache. Anything else
is the usual 500 page.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token

from .views import server_error

OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_outage(exc):
    """A lost or refused database connection, also when wrapped in another exception."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, OUTAGE_ERRORS):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def outage_response():
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(settings.NEWSROOM_OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error_or_outage(request, template_name="500.html"):
    """handler500: 503 when the exception being handled is a database outage."""
    if is_outage(sys.exc_info()[1]):
        return outage_response()
    return server_error(request)
