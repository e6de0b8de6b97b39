from django.urls import path

from . import feeds, views

app_name = "articles"


def paginated(route, view, name):
    """The list page and its /page/N/ twin, both named."""
    # The /page/N/ route comes first: a category path would otherwise swallow "page/2".
    return [
        path(f"{route}page/<int:page>/", view, name=f"{name}-page"),
        path(route, view, name=name),
    ]


def feed_pair(route, rss, atom, name):
    """RSS 2.0 at <route>feed/ and Atom at <route>feed/atom/, as WordPress serves them."""
    return [
        path(f"{route}feed/", rss(), name=name),
        path(f"{route}feed/atom/", atom(), name=f"{name}-atom"),
    ]


urlpatterns = [
    *paginated("", views.HomeView.as_view(), "home"),
    *feed_pair("", feeds.ArticleFeed, feeds.ArticleAtomFeed, "feed"),
    *paginated("search/", views.SearchView.as_view(), "search"),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    # Feeds before the category pages: the category path would take "feed" for a child's slug.
    *feed_pair(
        "category/<catpath:path>/", feeds.CategoryFeed, feeds.CategoryAtomFeed, "category-feed"
    ),
    *paginated("category/<catpath:path>/", views.CategoryView.as_view(), "category"),
    *feed_pair("tag/<tagslug:slug>/", feeds.TagFeed, feeds.TagAtomFeed, "tag-feed"),
    *paginated("tag/<tagslug:slug>/", views.TagView.as_view(), "tag"),
    *feed_pair("author/<slug:slug>/", feeds.AuthorFeed, feeds.AuthorAtomFeed, "author-feed"),
    *paginated("author/<slug:slug>/", views.AuthorView.as_view(), "author"),
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
