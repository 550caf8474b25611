"""Django's own user and group admins, with the change lists' bulk actions made safe."""

from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from articles.admin.selection import CheckedSelectionMixin


class CheckedUserAdmin(CheckedSelectionMixin, UserAdmin):
    pass


class CheckedGroupAdmin(CheckedSelectionMixin, GroupAdmin):
    pass


def register(site):
    for model, model_admin in ((User, CheckedUserAdmin), (Group, CheckedGroupAdmin)):
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, model_admin)
