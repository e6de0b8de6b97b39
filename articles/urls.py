from django.urls import path, register_converter

from . import converters, views

register_converter(converters.FourDigitYear, "yyyy")
register_converter(converters.TwoDigits, "mm")
register_converter(converters.CategoryPath, "catpath")

app_name = "articles"


def paginated(route, view, name):
    """The list page and its /page/N/ twin, both named."""
    # The /page/N/ route comes first: a category path would otherwise swallow "page/2".
    return [
        path(f"{route}page/<int:page>/", view, name=f"{name}-page"),
        path(route, view, name=name),
    ]


urlpatterns = [
    *paginated("", views.HomeView.as_view(), "home"),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    *paginated("category/<catpath:path>/", views.CategoryView.as_view(), "category"),
    *paginated("tag/<slug:slug>/", views.TagView.as_view(), "tag"),
    *paginated("author/<str:username>/", views.AuthorView.as_view(), "author"),
    *paginated("<yyyy:year>/", views.YearArchive.as_view(), "year"),
    *paginated("<yyyy:year>/<mm:month>/", views.MonthArchive.as_view(), "month"),
    *paginated("<yyyy:year>/<mm:month>/<mm:day>/", views.DayArchive.as_view(), "day"),
    path(
        "<yyyy:year>/<mm:month>/<mm:day>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
    # WordPress's comment pages, when an editor breaks comments into pages.
    path(
        "<yyyy:year>/<mm:month>/<mm:day>/<slug:slug>/comment-page-<int:comment_page>/",
        views.ArticleDetailView.as_view(),
        name="detail-comment-page",
    ),
]
