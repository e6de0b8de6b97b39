"""The newsroom's roles: Editor, Author and Contributor, as groups with permissions.

Each app names its own share of the roles on its AppConfig (`role_permissions`, a dict like
ROLES below, which is this app's); all_roles() puts them together, so this module names no
other app's permissions. The groups are created by a data migration and topped up after every
migrate (so permissions of apps that arrive later, such as comment moderation, reach the Editor
too). Topping up only adds: an administrator's own additions to a group are kept.
"""

EDITOR, AUTHOR, CONTRIBUTOR = "Editor", "Author", "Contributor"

_OWN_WORK = ["articles.add_article", "articles.change_article", "articles.view_article"]
_LOOK_UP = ["articles.view_category", "articles.view_tag", "articles.view_historicalarticle"]
# Everyone who writes may add images to the media library (from the body editor) and browse it.
_LIBRARY = ["articles.add_mediaimage", "articles.view_mediaimage"]

ROLES = {
    # Everything in the newsroom, including others' articles, categories and tags (the other
    # apps add pages, comment moderation and redirects).
    EDITOR: [
        *_OWN_WORK,
        *_LOOK_UP,
        *_LIBRARY,
        "articles.change_mediaimage",
        "articles.delete_mediaimage",
        "articles.delete_article",
        "articles.publish_article",
        "articles.edit_others_article",
        "articles.add_category",
        "articles.change_category",
        "articles.delete_category",
        "articles.add_tag",
        "articles.change_tag",
        "articles.delete_tag",
        # Authors' public names and addresses.
        "articles.view_authorprofile",
        "articles.change_authorprofile",
    ],
    # Writes and publishes their own articles; cannot touch others'.
    AUTHOR: [
        *_OWN_WORK,
        *_LOOK_UP,
        *_LIBRARY,
        "articles.delete_article",
        "articles.publish_article",
    ],
    # Writes their own drafts and submits them for review.
    CONTRIBUTOR: [*_OWN_WORK, *_LOOK_UP, *_LIBRARY],
}


def all_roles():
    """{role: permissions} from every installed app's AppConfig.role_permissions."""
    from django.apps import apps

    roles = {name: [] for name in ROLES}
    for config in apps.get_app_configs():
        for name, perms in getattr(config, "role_permissions", {}).items():
            roles[name] += perms
    return roles


def sync_roles(apps):
    """Create the role groups and add the permissions they miss (those that exist yet)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    roles = all_roles()
    wanted = {perm for perms in roles.values() for perm in perms}
    found = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.filter(
            codename__in={perm.split(".", 1)[1] for perm in wanted}
        ).values_list("pk", "content_type__app_label", "codename")
    }
    for name, perms in roles.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*(found[perm] for perm in perms if perm in found))


def top_up_roles(sender, apps=None, **kwargs):
    """post_migrate (also sent after a flush): keep the groups complete."""
    if apps is None:
        from django.apps import apps
    try:
        apps.get_model("auth", "Permission")
    except LookupError:  # a migration state without auth
        return
    sync_roles(apps)


def may_preview(user):
    """Staff who may open unpublished articles at all (which ones: see can_preview_any)."""
    return user.is_active and user.is_staff and user.has_perm("articles.view_article")


def can_edit_others(user):
    return user.has_perm("articles.edit_others_article")


def can_preview_any(user):
    return may_preview(user) and can_edit_others(user)


def can_publish(user):
    return user.has_perm("articles.publish_article")
