from django.urls import path

from . import views

app_name = "popularity"

urlpatterns = [path("<int:pk>/", views.hit, name="hit")]
