from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        # Before any URLconf loads: the comments app's URLs use the same date converters.
        from django.urls import register_converter

        from . import converters

        register_converter(converters.FourDigitYear, "yyyy")
        register_converter(converters.TwoDigits, "mm")
        register_converter(converters.CategoryPath, "catpath")
