"""django-tasks-db's app under a translatable name: its own is the fixed "Tasks Database
Backend", shown in every superuser's admin sidebar. Its models' names are translated in
locale_vendor/. (A module of its own: a second AppConfig in apps.py would stop Django choosing
NewsroomConfig by itself.)"""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = _("Background tasks")
