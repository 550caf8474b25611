import time

from django.core.management.base import BaseCommand

from articles import services


class Command(BaseCommand):
    help = (
        "Computes the stored pools behind Related Articles. By default only essays without a "
        "current pool (new or changed since the last refresh); with "
        "--all every essay, with tag weights recomputed. Run it every few minutes, and with "
        "--all nightly and after bulk imports or generate_articles."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="Recompute tag weights and every essay's pool.",
        )

    def handle(self, *args, everything=False, **options):
        started = time.perf_counter()

        def progress(done, total):
            self.stdout.write(f"  {done}/{total} pools", ending="\r")

        count = services.related_pools_refresh(everything=everything, progress=progress)
        seconds = time.perf_counter() - started
        self.stdout.write(f"Refreshed {count} related pools in {seconds:.1f} s.")
