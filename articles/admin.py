from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Article, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "path", "parent"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "category", "author", "published_at", "sticky"]
    list_filter = ["status", "category", "author"]
    list_select_related = ["category", "author"]
    date_hierarchy = "published_at"
    search_fields = ["title", "excerpt", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "body", "excerpt"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "author", "category", "tags"]}),
        (
            _("Featured image"),
            {"fields": ["featured_image", "featured_image_alt", "featured_image_caption"]},
        ),
        (_("Options"), {"fields": ["comments_open", "sticky"]}),
    ]
