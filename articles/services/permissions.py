"""
"May this user do this?": the one helper every service asks, and the admin asks too so that
it never offers what the service would refuse.

`by=None` stands for trusted system code (migrations, the demo loader, shell commands run
by an operator) and may do everything. Superusers hold every permission.

The roles, as groups created by a data migration and restored after a test flush:
- Writers create essays (and own them), edit their own drafts, including drafts an editor
  sent back, and submit them for review. They cannot publish, schedule, unpublish, set a
  publication date, edit someone else's essay, or edit a live one.
- Editors edit everything, publish, schedule, unpublish, send back, reassign owners and
  manage tags, sections (categories), authors and imports.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied

PUBLISH = "articles.publish_article"
EDIT_ANY = "articles.edit_any_article"
VIEW_ALL_DRAFTS = "articles.view_all_drafts"

WRITERS = "Writers"
EDITORS = "Editors"

_WRITER_CODENAMES = [
    "view_article", "add_article", "change_article", "delete_article",
    "view_section", "add_section", "change_section", "delete_section",
    "view_relatedlink", "add_relatedlink", "change_relatedlink", "delete_relatedlink",
    "view_category", "view_author", "view_tag",
]  # fmt: skip
_EDITOR_CODENAMES = [
    *_WRITER_CODENAMES,
    "publish_article", "edit_any_article", "view_all_drafts",
    "add_category", "change_category", "delete_category",
    "add_author", "change_author", "delete_author",
    "add_tag", "change_tag", "delete_tag",
    "view_auditentry", "view_articleredirect", "delete_articleredirect",
]  # fmt: skip
ROLES = {WRITERS: _WRITER_CODENAMES, EDITORS: _EDITOR_CODENAMES}


class Action(StrEnum):
    CREATE = "create"
    VIEW = "view"
    EDIT = "edit"
    DELETE = "delete"
    SUBMIT = "submit"
    PUBLISH = "publish"  # publish, schedule, unpublish, send back, set a publication date
    REASSIGN = "reassign"
    IMPORT = "import"


REFUSALS = {
    Action.CREATE: "You do not have permission to write essays.",
    Action.VIEW: "You may not see this essay.",
    Action.EDIT: (
        "You may edit only your own drafts; essays in review, live essays and other people's "
        "essays need an editor."
    ),
    Action.DELETE: "You may delete only your own drafts.",
    Action.SUBMIT: "Only a draft you may edit can be submitted for review.",
    Action.PUBLISH: (
        "Publishing, scheduling, unpublishing, sending back and setting a publication date "
        "need an editor with the publish permission."
    ),
    Action.REASSIGN: "Only editors may give an essay to another owner.",
    Action.IMPORT: "You do not have permission to import essays.",
}


def can(user, action, article=None):
    """Whether `user` (None: trusted code) may do `action`, to `article` where it has one."""
    if user is None:
        return True
    action = Action(action)
    if action is Action.CREATE or action is Action.IMPORT:
        return user.has_perm("articles.add_article")
    if action is Action.PUBLISH:
        return user.has_perm(PUBLISH)
    if action is Action.REASSIGN:
        return user.has_perm(EDIT_ANY) and user.has_perm("articles.change_article")
    if article is None:
        raise ValueError(f"“{action}” needs the essay it applies to.")
    from articles.models import ArticleStatus

    owns_draft = (
        article.pk is None or article.owner_id == user.pk
    ) and article.status == ArticleStatus.DRAFT
    if action is Action.VIEW:
        if not (user.has_perm("articles.view_article") or user.has_perm("articles.change_article")):
            return False
        return (
            article.status == ArticleStatus.PUBLISHED
            or article.owner_id == user.pk
            or user.has_perm(VIEW_ALL_DRAFTS)
            or user.has_perm(EDIT_ANY)
        )
    if action is Action.EDIT:
        return user.has_perm("articles.change_article") and (user.has_perm(EDIT_ANY) or owns_draft)
    if action is Action.DELETE:
        return user.has_perm("articles.delete_article") and (user.has_perm(EDIT_ANY) or owns_draft)
    if action is Action.SUBMIT:
        return article.status == ArticleStatus.DRAFT and can(user, Action.EDIT, article)
    raise ValueError(f"Unknown action {action!r}")


def require(user, action, article=None, *, message=None):
    """Raise PermissionDenied, with the reason an editor reads, unless `can(...)`."""
    if not can(user, action, article):
        raise PermissionDenied(message or REFUSALS[Action(action)])


def require_perm(user, permission, *, message):
    """For model-wide rights (tags, sections, authors): a Django permission, or refusal."""
    if user is not None and not user.has_perm(permission):
        raise PermissionDenied(message)


def visible_articles(user, queryset):
    """The essays `user` may see in the admin: everything, or their own and the published."""
    from django.db.models import Q

    from articles.models import ArticleStatus

    if user is None or user.has_perm(VIEW_ALL_DRAFTS) or user.has_perm(EDIT_ANY):
        return queryset
    return queryset.filter(Q(owner=user) | Q(status=ArticleStatus.PUBLISHED))


def ensure_roles(apps=None, using="default"):
    """
    Create the Writers and Editors groups with their permissions, creating the permissions
    first where post_migrate has not yet done so (a fresh database inside `migrate`).
    """
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or global_apps
    for app_config in apps.get_app_configs():
        # Migration states' app configs say they have no models, which would skip them.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0, using=using)
        finally:
            app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        wanted = Permission.objects.using(using).filter(
            content_type__app_label="articles", codename__in=codenames
        )
        group.permissions.add(*wanted)
