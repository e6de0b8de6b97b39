from django.urls import path

from . import feeds, views

app_name = "comments"

ARTICLE = "<yyyy:year>/<mm:month>/<mm:day>/<slug:slug>/"

urlpatterns = [
    path("comments/post/", views.CommentPostView.as_view(), name="post"),
    path("comments/feed/", feeds.AllCommentsFeed(), name="feed"),
    path("comments/feed/atom/", feeds.AllCommentsAtomFeed(), name="feed-atom"),
    path(f"{ARTICLE}feed/", feeds.ArticleCommentsFeed(), name="article-feed"),
    path(f"{ARTICLE}feed/atom/", feeds.ArticleCommentsAtomFeed(), name="article-feed-atom"),
]
