import json
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.importing.importer import import_pages, local_date, start_of_day
from articles.importing.sources import sources_from_paths
from articles.models import Article, Author, Category
from articles.services.permissions import EDITORS, WRITERS

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
# Sections, authors, and what the pages cannot say: which essays are scheduled (pages
# carry a plain date, and a scheduled essay must stay in the future whenever the demo is
# loaded) and which draft belongs to the demo writer.
TAXONOMY = DEMO / "taxonomy.json"
ESSAYS = DEMO / "essays"

DEMO_PASSWORD = "filmculture-demo"  # noqa: S105 (the demo accounts, documented in the README)
# (username, group): one login for each side of the newsroom.
DEMO_LOGINS = (("writer", WRITERS), ("editor", EDITORS))


class Command(BaseCommand):
    help = (
        "Loads the original demo essays (page files imported through the importer), their "
        "sections and authors, and demo-only writer and editor logins. Running it again "
        "updates them in place and duplicates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-login", action="store_true", help="Do not create the demo logins."
        )

    def handle(self, *args, no_login=False, **options):
        if not no_login and not settings.DEBUG:
            raise CommandError(
                "Refusing to create the demo admin logins with DEBUG off (this looks like "
                "production). Use --no-login, or set DJANGO_DEBUG=1 on a development machine."
            )
        taxonomy = json.loads(TAXONOMY.read_text(encoding="utf-8"))
        # All or nothing: a failed page leaves the database as it was.
        with transaction.atomic():
            for data in taxonomy["categories"]:
                self.save_category(data)
            for data in taxonomy["authors"]:
                self.save_author(data)
            report = import_pages(sources_from_paths([ESSAYS]), by=None)
            if not report.ok:
                failures = "\n".join(f"  {failure}" for failure in report.failures)
                raise CommandError(
                    f"{report.failed} of {report.files} demo pages failed to import:\n{failures}"
                )
            for entry in taxonomy["schedule"]:
                self.schedule(entry["slug"], days=entry["days_from_today"])
            logins = {}
            if not no_login:
                logins = {group: self.demo_login(name, group) for name, group in DEMO_LOGINS}
                for slug in taxonomy["writer_owns"]:
                    self.give_to_writer(slug, logins[WRITERS])
        self.stdout.write(
            f"Demo content: {report.files} essays ({report.created} new, {report.updated} "
            f"updated, {len(taxonomy['schedule'])} scheduled), "
            f"{len(taxonomy['categories'])} sections, {len(taxonomy['authors'])} authors."
        )
        for group, user in logins.items():
            self.stdout.write(
                self.style.WARNING(
                    f"Demo-only login ({group}): {user.username} / {DEMO_PASSWORD} "
                    f"at {reverse('admin:index')} (never use it on a public site)."
                )
            )

    def save_category(self, data):
        category = Category.objects.filter(slug=data["slug"]).first() or Category(slug=data["slug"])
        category.name, category.description = data["name"], data["description"]
        services.category_save(category=category, by=None)

    def save_author(self, data):
        author = Author.objects.filter(slug=data["slug"]).first() or Author(slug=data["slug"])
        author.name, author.bio = data["name"], data["bio"]
        services.author_save(author=author, by=None)

    def schedule(self, slug, *, days):
        if days < 1:
            raise CommandError(f"{TAXONOMY}: {slug} must be scheduled at least a day ahead.")
        article = self.demo_essay(slug)
        at = start_of_day(local_date(timezone.now()) + timedelta(days=days))
        services.article_schedule(article=article, by=None, at=at)

    def give_to_writer(self, slug, writer):
        article = self.demo_essay(slug)
        # Only once: an essay an editor has since given to someone else stays theirs.
        if article.owner_id is None:
            services.article_reassign(article=article, owner=writer, by=None)

    def demo_essay(self, slug):
        try:
            return Article.objects.get(slug=slug)
        except Article.DoesNotExist:
            raise CommandError(
                f"{TAXONOMY} names {slug}, but no demo page has that slug."
            ) from None

    def demo_login(self, username, group_name):
        try:
            group = Group.objects.get(name=group_name)
        except Group.DoesNotExist:
            raise CommandError(
                f'The "{group_name}" group is missing; run "manage.py migrate" first.'
            ) from None
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.email = f"{username}@example.org"
        user.is_staff = True
        # Earlier demos made "editor" a superuser; the demo shows the roles as they are.
        user.is_superuser = False
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([group])
        return user
