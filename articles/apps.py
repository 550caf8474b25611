from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _restore_roles(sender, using, **kwargs):
    # A flush (as between transactional tests) empties the groups the migration made.
    from articles.services.permissions import ensure_roles

    ensure_roles(using=using)


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Editorial"

    def ready(self):
        post_migrate.connect(_restore_roles, sender=self)
