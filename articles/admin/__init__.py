from django.contrib import admin
from taggit.models import Tag as TaggitDefaultTag

from articles.admin import (  # noqa: F401  (registers the model admins)
    article,
    audit,
    dashboard,
    importing,
    selection,
    taxonomy,
)

# Essays use articles.Tag; taggit's own tag table stays empty, so its admin would mislead.
if admin.site.is_registered(TaggitDefaultTag):
    admin.site.unregister(TaggitDefaultTag)

importing.register(admin.site)
dashboard.register(admin.site)
selection.check_every_change_list(admin.site)
