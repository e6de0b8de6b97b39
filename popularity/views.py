from django.http import Http404, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.models import Article

from .reads import count_read


@csrf_exempt  # carries nothing to protect: a count, for anyone, once per address and day
@require_POST
def hit(request, pk):
    """The article page's beacon: 204, never a cookie, never cached."""
    if not Article.objects.published().filter(pk=pk).exists():
        raise Http404
    count_read(request, pk)
    response = HttpResponse(status=204)
    add_never_cache_headers(response)
    return response
