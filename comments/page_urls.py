"""A standing page's comment feeds at /<slug>/feed/: included after the other reader URLs, as
the pages themselves are (newsroom/urls.py), so no slug shadows them."""

from django.urls import path

from . import feeds

app_name = "page-comments"

urlpatterns = [
    path("<slug:slug>/feed/", feeds.PageCommentsFeed(), name="feed"),
    path("<slug:slug>/feed/atom/", feeds.PageCommentsAtomFeed(), name="feed-atom"),
]
