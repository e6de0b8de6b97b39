"""The site's URLs plus one view that fails, to see the 500 page and who hears of it."""

from django.urls import path

from newsroom.urls import handler500, urlpatterns


def fail(request):
    raise RuntimeError("a bug")


urlpatterns = [path("gagal/", fail), *urlpatterns]
__all__ = ["handler500", "urlpatterns"]
