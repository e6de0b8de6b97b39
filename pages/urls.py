"""Standing pages at /<slug>/: included after every other reader URL (see newsroom/urls.py)."""

from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("<slug:slug>/", views.PageView.as_view(), name="detail"),
    # Comment pages, as on articles, when an editor breaks comments into pages.
    path(
        "<slug:slug>/comment-page-<int:comment_page>/",
        views.PageView.as_view(),
        name="detail-comment-page",
    ),
]
