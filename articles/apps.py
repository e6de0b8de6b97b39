from django.apps import AppConfig
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
    pre_save,
)
from django.utils.translation import gettext_lazy as _

from . import roles


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")
    # This app's share of the newsroom's roles; other apps add theirs (roles.all_roles).
    role_permissions = roles.ROLES

    def ready(self):
        # Before any URLconf loads: the comments app's URLs use the same date converters.
        from django.contrib.auth import get_user_model
        from django.urls import register_converter
        from taggit.models import Tag

        from . import authors, cachekeys, converters, media_library, related, tags

        register_converter(converters.FourDigitYear, "yyyy")
        register_converter(converters.TwoDigits, "mm")
        register_converter(converters.CategoryPath, "catpath")
        register_converter(converters.TagSlug, "tagslug")

        # Every tag gets a slug its URL can carry; a changed one leaves its old address working.
        # Signals name the class saved: taggit's Tag, or the admin's proxy of it.
        TagProxy = self.get_model("Tag")
        for sender in (Tag, TagProxy):
            uid = sender._meta.label_lower
            pre_save.connect(tags.give_slug, sender=sender, dispatch_uid=f"tag-slug-{uid}")
            post_save.connect(tags.keep_old_slug, sender=sender, dispatch_uid=f"tag-old-{uid}")

        # The role groups stay complete after every migrate.
        post_migrate.connect(roles.top_up_roles, dispatch_uid="articles-top-up-roles")
        # Every account gets a public name and slug, so no page ever shows a login name.
        post_save.connect(
            authors.make_profile, sender=get_user_model(), dispatch_uid="articles-author-profile"
        )

        # The page cache: purge exactly the pages that show what changed (cachekeys.py).
        Article, Category = self.get_model("Article"), self.get_model("Category")
        AuthorProfile = self.get_model("AuthorProfile")
        for signal, receiver, sender in [
            (pre_save, cachekeys.remember_article, Article),
            (pre_delete, cachekeys.remember_article, Article),
            (post_save, cachekeys.article_saved, Article),
            (post_delete, cachekeys.article_deleted, Article),
            (m2m_changed, cachekeys.article_tags_changed, Article.tags.through),
            (m2m_changed, cachekeys.article_categories_changed, Article.categories.through),
            (pre_save, cachekeys.remember_parent, Category),
            (post_save, cachekeys.category_changed, Category),
            (post_delete, cachekeys.category_changed, Category),
            (post_save, cachekeys.tag_changed, Tag),
            (post_delete, cachekeys.tag_changed, Tag),
            (post_save, cachekeys.tag_changed, TagProxy),
            (post_delete, cachekeys.tag_changed, TagProxy),
            (post_save, cachekeys.author_changed, get_user_model()),
            (post_delete, cachekeys.author_changed, get_user_model()),
            (post_save, cachekeys.author_profile_changed, AuthorProfile),
            (post_delete, cachekeys.author_profile_changed, AuthorProfile),
        ]:
            signal.connect(
                receiver,
                sender=sender,
                dispatch_uid=f"articles-pagecache-{signal_name(signal)}-{receiver.__name__}",
            )

        media_library.BODY_MODELS.append(Article)  # the media library's "where used" searches it

        # "Read also" is ranked when an article or its tags are saved, not per request.
        post_save.connect(related.article_saved, sender=Article, dispatch_uid="articles-related")
        m2m_changed.connect(
            related.tags_changed, sender=Article.tags.through, dispatch_uid="articles-related-tags"
        )


def signal_name(signal):
    names = {
        pre_save: "pre_save",
        post_save: "post_save",
        pre_delete: "pre_delete",
        post_delete: "post_delete",
        m2m_changed: "m2m",
    }
    return names[signal]
