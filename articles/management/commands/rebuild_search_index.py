import time

from django.core.management.base import BaseCommand

from articles import services


class Command(BaseCommand):
    help = (
        "Indexes every essay for search again from its stored text. The services keep the "
        "index current; run this after restoring a database or loading rows another way."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()

        def progress(done, total):
            self.stdout.write(f"  {done}/{total} essays", ending="\r")

        count = services.search_index_rebuild(progress=progress)
        seconds = time.perf_counter() - started
        self.stdout.write(f"Indexed {count} essays for search in {seconds:.1f} s.")
