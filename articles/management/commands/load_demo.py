from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles import caching
from articles.demo_content import DEMO_AUTHORS, DEMO_CATEGORIES, DEMO_ESSAYS
from articles.models import Article, ArticleStatus, Author, Category, Section

DEMO_USERNAME = "editor"
DEMO_PASSWORD = "filmculture-demo"


class Command(BaseCommand):
    help = (
        "Loads the original demo essays, sections and desks, and a demo-only admin login. "
        "Running it again updates them in place and duplicates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-login", action="store_true", help="Do not create the demo admin login."
        )

    @transaction.atomic
    def handle(self, *args, no_login=False, **options):
        categories = {}
        for data in DEMO_CATEGORIES:
            categories[data["slug"]], _ = Category.objects.update_or_create(
                slug=data["slug"],
                defaults={"name": data["name"], "description": data["description"]},
            )
        authors = {}
        for data in DEMO_AUTHORS:
            authors[data["slug"]], _ = Author.objects.update_or_create(
                slug=data["slug"], defaults={"name": data["name"], "bio": data["bio"]}
            )
        created = 0
        for data in DEMO_ESSAYS:
            created += self.load_essay(data, categories, authors)
        caching.content_changed()
        self.stdout.write(
            f"Demo content: {len(DEMO_ESSAYS)} essays ({created} new), "
            f"{len(categories)} sections, {len(authors)} authors."
        )
        if not no_login:
            self.ensure_demo_login()

    def load_essay(self, data, categories, authors):
        published = data["published"]
        article, created = Article.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "standfirst": data["standfirst"],
                "category": categories[data["category"]],
                "status": ArticleStatus.PUBLISHED if published else ArticleStatus.DRAFT,
                "published_at": (
                    timezone.make_aware(datetime.strptime(published, "%Y-%m-%d %H:%M"))
                    if published
                    else None
                ),
            },
        )
        article.authors.set([authors[slug] for slug in data["authors"]])
        article.tags.set(data["tags"])
        article.sections.all().delete()
        Section.objects.bulk_create(
            Section(
                article=article,
                position=position,
                heading=section["heading"],
                body="\n\n".join(section["paragraphs"]),
            )
            for position, section in enumerate(data["sections"], start=1)
        )
        return int(created)

    def ensure_demo_login(self):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create the demo admin login with DEBUG off (this looks like "
                "production). Use --no-login, or set DJANGO_DEBUG=1 on a development machine."
            )
        User = get_user_model()
        user, _ = User.objects.get_or_create(username=DEMO_USERNAME)
        user.is_staff = user.is_superuser = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        self.stdout.write(
            self.style.WARNING(
                f"Demo-only admin login: {DEMO_USERNAME} / {DEMO_PASSWORD} "
                f"at {reverse('admin:index')} (never use it on a public site)."
            )
        )
