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
