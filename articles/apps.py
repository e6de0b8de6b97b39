from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        # Before any URLconf loads: the comments app's URLs use the same date converters.
        from django.contrib.auth import get_user_model
        from django.urls import register_converter

        from . import authors, converters, pages, roles

        register_converter(converters.FourDigitYear, "yyyy")
        register_converter(converters.TwoDigits, "mm")
        register_converter(converters.CategoryPath, "catpath")

        # The role groups stay complete after every migrate; the footer forgets changed pages.
        post_migrate.connect(roles.top_up_roles, dispatch_uid="articles-top-up-roles")
        Page = self.get_model("Page")
        post_save.connect(pages.forget_footer, sender=Page, dispatch_uid="articles-page-saved")
        post_delete.connect(pages.forget_footer, sender=Page, dispatch_uid="articles-page-deleted")
        # Every account gets a public name and slug, so no page ever shows a login name.
        post_save.connect(
            authors.make_profile, sender=get_user_model(), dispatch_uid="articles-author-profile"
        )
