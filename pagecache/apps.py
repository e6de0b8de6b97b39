from django.apps import AppConfig
from django.test.signals import setting_changed


def forget_pages(**kwargs):
    """Settings changed under a running site (tests do this): no stored page is current."""
    from .store import clear

    clear()


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        setting_changed.connect(forget_pages, dispatch_uid="pagecache-setting-changed")
