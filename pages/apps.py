from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _

from articles.roles import EDITOR


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")
    # Editors look after the standing pages (articles.roles.all_roles gathers every app's share).
    role_permissions = {
        EDITOR: [
            "pages.add_page",
            "pages.change_page",
            "pages.delete_page",
            "pages.view_page",
            "pages.view_historicalpage",
        ]
    }

    def ready(self):
        from articles.media_library import BODY_MODELS

        from . import cachekeys, footer

        Page = self.get_model("Page")
        BODY_MODELS.append(Page)  # the media library's "where used" searches its bodies
        # The footer forgets changed pages; the page cache purges the pages that show them.
        post_save.connect(footer.forget_footer, sender=Page, dispatch_uid="pages-footer-saved")
        post_delete.connect(footer.forget_footer, sender=Page, dispatch_uid="pages-footer-deleted")
        pre_save.connect(cachekeys.remember_page, sender=Page, dispatch_uid="pages-cache-before")
        post_save.connect(cachekeys.page_changed, sender=Page, dispatch_uid="pages-cache-saved")
        post_delete.connect(cachekeys.page_changed, sender=Page, dispatch_uid="pages-cache-deleted")
