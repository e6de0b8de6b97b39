from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from articles.roles import EDITOR


class WordpressConfig(AppConfig):
    name = "wordpress"
    verbose_name = _("WordPress migration")
    # Old addresses that answer 301 (the WordPress import adds its own): editors keep them.
    role_permissions = {
        EDITOR: [
            "wordpress.view_redirect",
            "wordpress.add_redirect",
            "wordpress.change_redirect",
            "wordpress.delete_redirect",
        ]
    }

    def ready(self):
        from django.db.models.signals import post_save, pre_save

        from articles.models import Article

        from . import moves

        # A live article's old address, when it moves, answers 301 with the new one.
        pre_save.connect(moves.remember_address, sender=Article, dispatch_uid="wordpress-moves")
        post_save.connect(moves.keep_old_address, sender=Article, dispatch_uid="wordpress-moves")
