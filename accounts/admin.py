"""Django's own user and group admins, with the change lists' bulk actions made safe."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from articles.admin.selection import CheckedSelectionMixin


class CheckedUserAdmin(CheckedSelectionMixin, UserAdmin):
    pass


class CheckedGroupAdmin(CheckedSelectionMixin, GroupAdmin):
    pass


for model, model_admin in ((User, CheckedUserAdmin), (Group, CheckedGroupAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
