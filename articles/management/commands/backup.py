from django.core.management.base import BaseCommand, CommandError

from articles.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write a consistent backup into DIR: the database's native snapshot (SQLite's online "
        "backup, or pg_dump), every table as JSON lines, the media files, and a manifest "
        "with their checksums. See docs/backups.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="A new or empty folder.")
        parser.add_argument("--database", default="default", help="The database alias.")

    def handle(self, *args, folder, database, **options):
        try:
            done = backup(folder, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        for line in done.lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}."))
