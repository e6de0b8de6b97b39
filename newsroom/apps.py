from django.apps import AppConfig

from articles.roles import EDITOR


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"
    # Editors unlock a login locked after failures (django-axes); every app adds its own share of
    # the roles the same way (articles.roles.all_roles).
    role_permissions = {EDITOR: ["axes.view_accessattempt", "axes.delete_accessattempt"]}

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .forms import forget_at_browser_close

        user_logged_in.connect(forget_at_browser_close, dispatch_uid="newsroom-remember-me")
