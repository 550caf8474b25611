import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from articles.importing.importer import import_pages
from articles.importing.sources import count_paths, sources_from_paths
from articles.models import Category

PROGRESS_FROM = 50


class Command(BaseCommand):
    help = (
        "Imports essays from plain-text page files and folders of them (recursively, *.txt). "
        "Each file is imported in its own transaction; importing a file again updates the "
        "essay with the same slug. Exits with status 1 when any file failed, after "
        "importing all the others."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Page files or folders.")
        parser.add_argument(
            "--category",
            help="Category (slug or name) for pages whose front matter names none.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check every file and report what would happen, writing nothing.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar, even for large imports."
        )

    def handle(self, *args, paths, category, dry_run, no_progress, **options):
        default_category = self.category(category) if category else None
        total = count_paths(paths)
        bar = None
        if not no_progress and total >= PROGRESS_FROM:
            bar = ProgressBar(total, self.stderr)
        report = import_pages(
            sources_from_paths(paths),
            default_category=default_category,
            dry_run=dry_run,
            on_progress=bar.update if bar else None,
        )
        if bar:
            bar.finish()
        for failure in report.failures:
            self.stderr.write(str(failure))
        style = self.style.SUCCESS if report.ok else self.style.WARNING
        self.stdout.write(style(report.summary()))
        if not report.ok:
            raise CommandError(f"{report.failed} of {report.files} files failed; see above.")

    def category(self, given):
        found = Category.objects.filter(Q(slug__iexact=given) | Q(name__iexact=given)).first()
        if found is None:
            known = ", ".join(Category.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f'Unknown category "{given}". The categories are: {known}.')
        return found


class ProgressBar:
    """A one-line bar on a terminal; on a log, a line every tenth of the way."""

    width = 30

    def __init__(self, total, stream):
        self.total, self.stream = total, stream
        self.tty = stream.isatty()
        self.started = self.shown_at = time.monotonic()
        self.next_tenth = 1

    def update(self, done, report):
        now = time.monotonic()
        if self.tty:
            if now - self.shown_at < 0.2 and done < self.total:
                return
            filled = self.width * done // max(self.total, 1)
            rate = done / max(now - self.started, 1e-9)
            self.stream.write(
                f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{self.total} files, "
                f"{report.failed} failed, {rate:.0f}/s",
                ending="",
            )
            self.stream.flush()
            self.shown_at = now
        elif done * 10 >= self.next_tenth * self.total:
            self.stream.write(f"{done}/{self.total} files, {report.failed} failed")
            self.next_tenth = done * 10 // self.total + 1

    def finish(self):
        if self.tty:
            self.stream.write("")
