import time

from django.core.management.base import BaseCommand

from articles import services


class Command(BaseCommand):
    help = (
        "Renders and stores every published essay page's body (with its ad slots), byline "
        "and share links again. Run it after changing FILMCULTURE_ADS_ENABLED or "
        "FILMCULTURE_AD_EVERY_N_PARAGRAPHS; until then pages render those parts per request."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--outdated",
            action="store_true",
            help="Only essays whose stored parts are missing or from other settings.",
        )

    def handle(self, *args, outdated=False, **options):
        started = time.perf_counter()
        count = services.renderings_refresh(only_outdated=outdated)
        seconds = time.perf_counter() - started
        self.stdout.write(f"Rendered {count} essays in {seconds:.1f} s.")
