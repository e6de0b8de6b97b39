from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .forms import forget_at_browser_close

        user_logged_in.connect(forget_at_browser_close, dispatch_uid="newsroom-remember-me")
