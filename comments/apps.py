from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _

from articles.roles import EDITOR


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")
    # Editors moderate (articles.roles.all_roles gathers every app's share of the roles).
    role_permissions = {
        EDITOR: [
            "comments.view_comment",
            "comments.change_comment",
            "comments.delete_comment",
            "comments.view_discussionsettings",
            "comments.change_discussionsettings",
        ]
    }

    def ready(self):
        # The page cache: a change readers can see purges that article's pages (cachekeys.py).
        from . import cachekeys, counts

        Comment, Settings = self.get_model("Comment"), self.get_model("DiscussionSettings")
        pre_save.connect(cachekeys.remember_comment, sender=Comment, dispatch_uid="comments-pc-pre")
        post_save.connect(cachekeys.comment_saved, sender=Comment, dispatch_uid="comments-pc-save")
        post_delete.connect(
            cachekeys.comment_deleted, sender=Comment, dispatch_uid="comments-pc-delete"
        )
        # Each article's comment counts (counts.py), after cachekeys has remembered the old status.
        post_save.connect(counts.comment_saved, sender=Comment, dispatch_uid="comments-counted")
        post_delete.connect(
            counts.comment_deleted, sender=Comment, dispatch_uid="comments-uncounted"
        )
        post_save.connect(
            cachekeys.settings_saved, sender=Settings, dispatch_uid="comments-pc-settings"
        )
        # No I/O in save(): the cached settings row is forgotten here.
        post_save.connect(Settings.forget_cached, sender=Settings, dispatch_uid="comments-settings")
        post_delete.connect(
            Settings.forget_cached, sender=Settings, dispatch_uid="comments-settings-deleted"
        )
