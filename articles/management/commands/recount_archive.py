from django.core.management.base import BaseCommand

from articles import services


class Command(BaseCommand):
    help = (
        "Counts the essays of every month of the archive index again. Run it after changing "
        "DJANGO_TIME_ZONE; until then the index counts the essays on each request."
    )

    def handle(self, *args, **options):
        months = services.archive_recount()
        self.stdout.write(f"Counted the essays of {months} months.")
