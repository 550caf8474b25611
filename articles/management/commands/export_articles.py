from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from articles.importing.exporting import export_articles
from articles.models import Article, ArticleStatus, Category


class Command(BaseCommand):
    help = (
        "Writes essays to DIR as plain-text page files (<slug>.txt) with front matter, in the "
        "format import_articles reads. Without filters, every essay is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR")
        parser.add_argument("--status", choices=ArticleStatus.values, help="Only these essays.")
        parser.add_argument("--category", help="Only this category (slug or name).")
        parser.add_argument(
            "--slug", action="append", default=[], help="Only this essay; may be repeated."
        )

    def handle(self, *args, directory, status, category, slug, **options):
        articles = Article.objects.all()
        if status:
            articles = articles.filter(status=status)
        if category:
            found = Category.objects.filter(
                Q(slug__iexact=category) | Q(name__iexact=category)
            ).first()
            if found is None:
                raise CommandError(f'Unknown category "{category}".')
            articles = articles.filter(category=found)
        if slug:
            missing = set(slug) - set(
                Article.objects.filter(slug__in=slug).values_list("slug", flat=True)
            )
            if missing:
                raise CommandError(f"No essay with the slug {', '.join(sorted(missing))}.")
            articles = articles.filter(slug__in=slug)
        skipped = []
        written = export_articles(articles, directory, skipped=skipped)
        self.stdout.write(self.style.SUCCESS(f"Exported {written} essays to {directory}."))
        for slug, reason in skipped:
            self.stderr.write(self.style.WARNING(f"Left out {slug}: {reason}."))
