"""Standing pages at /<slug>/: included after every other reader URL (see newsroom/urls.py)."""

from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [path("<slug:slug>/", views.PageView.as_view(), name="detail")]
