from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("comments/post/", views.CommentPostView.as_view(), name="post"),
]
