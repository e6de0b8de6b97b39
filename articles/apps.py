from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        # Before any URLconf loads: the comments app's URLs use the same date converters.
        from django.urls import register_converter

        from . import converters, pages, related, roles

        register_converter(converters.FourDigitYear, "yyyy")
        register_converter(converters.TwoDigits, "mm")
        register_converter(converters.CategoryPath, "catpath")

        # The role groups stay complete after every migrate; the footer forgets changed pages.
        post_migrate.connect(roles.top_up_roles, dispatch_uid="articles-top-up-roles")
        Page = self.get_model("Page")
        post_save.connect(pages.forget_footer, sender=Page, dispatch_uid="articles-page-saved")
        post_delete.connect(pages.forget_footer, sender=Page, dispatch_uid="articles-page-deleted")
        # "Read also" is ranked when an article or its tags are saved, not per request.
        Article = self.get_model("Article")
        post_save.connect(related.article_saved, sender=Article, dispatch_uid="articles-related")
        m2m_changed.connect(
            related.tags_changed, sender=Article.tags.through, dispatch_uid="articles-related-tags"
        )
