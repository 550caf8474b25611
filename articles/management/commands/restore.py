from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from articles.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty database (migrated first "
        "if it has no tables) and the media folder, after checking every file against the "
        "manifest. Works across SQLite and PostgreSQL. See docs/backups.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="A folder written by `backup`.")
        parser.add_argument("--database", default="default", help="The database alias.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace whatever the database and media folder hold (everything is lost).",
        )

    def handle(self, *args, folder, database, force, **options):
        # Content type ids this process remembers for the alias may be another database's
        # (one emptied or recreated since): migrate must look them up afresh.
        ContentType.objects.clear_cache()
        call_command("migrate", database=database, interactive=False, verbosity=0)
        try:
            done = restore(folder, alias=database, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        for line in done.lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Restored from {folder}."))
