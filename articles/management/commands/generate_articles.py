import random
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.text import slugify

from articles import services
from articles.models import (
    Article,
    ArticleStatus,
    Author,
    Category,
)
from articles.models.taxonomy import tag_slug
from articles.synthetic import (
    EssayWriter,
    draw_tags,
    tag_vocabulary,
    word_list,
    zipf_cumulative_weights,
)

DESKS = [
    "National cinemas", "Festivals", "Craft", "Industry", "Archives", "Genre", "Documentary",
    "Criticism",
]  # fmt: skip
FIRST_NAMES = word_list(
    """
Ada Agnes Alba Amara Anouk Bao Bruno Camille Carmen Dario Elif Emre Farah Hana Ines Ivo
Jonas Kaito Lale Leila Lucia Malik Marta Milan Nadia Noor Oskar Pavel Rosa Selin Tomas Yara
"""
)
SURNAMES = word_list(
    """
Abara Berger Carvalho Dimitrov Eskildsen Ferreira Galan Haddad Ivanova Jovanovic Kaur Lind
Mensah Novak Okafor Petrov Quispe Rahimi Sato Tanaka Urquhart Varga Wisniewski Yilmaz Zoric
"""
)
AUTHOR_COUNT = 150


class Command(BaseCommand):
    help = (
        "Fills the database with synthetic essays for benchmarks: realistic lengths, "
        "Zipf-distributed tags, publication dates spread over years. Written in batches "
        "through services.articles_create_bulk."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help="Published essays to add.")
        parser.add_argument("--tags", type=int, default=2000, help="Size of the tag vocabulary.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same essays.")
        parser.add_argument("--years", type=int, default=12, help="Publication dates span.")
        parser.add_argument("--drafts", type=int, default=0, help="Drafts to add as well.")
        parser.add_argument(
            "--scheduled", type=int, default=0, help="Essays scheduled in the future to add."
        )
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, count, tags, seed, years, drafts, scheduled, batch_size, **options):
        if min(count, drafts, scheduled) < 0 or tags < 1 or batch_size < 1 or years < 1:
            raise CommandError("Counts must not be negative; tags, years, batch size at least 1.")
        rng = random.Random(seed)  # noqa: S311 (repeatable benchmark data, not secrets)
        started = time.perf_counter()
        categories = self.ensure_categories()
        authors = self.ensure_authors(rng)
        tag_names = tag_vocabulary(tags, rng)
        tag_ids = self.ensure_tags(tag_names)
        cumulative = zipf_cumulative_weights(len(tag_names))
        writer = EssayWriter(rng)
        taken_slugs = set(Article.objects.values_list("slug", flat=True))
        now = timezone.now()

        def published_at(status):
            if status == "scheduled":
                return now + timedelta(days=rng.uniform(1, 60))
            if status == ArticleStatus.DRAFT:
                return None
            return now - timedelta(days=rng.uniform(0, 365 * years))

        plan = ["published"] * count + ["scheduled"] * scheduled + [ArticleStatus.DRAFT] * drafts
        for start in range(0, len(plan), batch_size):
            self.write_batch(
                plan[start : start + batch_size],
                rng=rng,
                writer=writer,
                categories=categories,
                authors=authors,
                tag_names=tag_names,
                tag_ids=tag_ids,
                cumulative=cumulative,
                taken_slugs=taken_slugs,
                published_at=published_at,
            )
            done = min(start + batch_size, len(plan))
            self.stdout.write(f"  {done}/{len(plan)} essays", ending="\r")
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Generated {len(plan)} essays ({count} published, {scheduled} scheduled, "
            f"{drafts} drafts) over {len(tag_names)} tags in {seconds:.1f} s "
            f"({len(plan) / max(seconds, 1e-9):,.0f} essays/s)."
        )

    def write_batch(self, statuses, *, rng, writer, categories, authors, tag_names, tag_ids,
                    cumulative, taken_slugs, published_at):  # fmt: skip
        essays = [writer.essay(draw_tags(rng, tag_names, cumulative)) for _ in statuses]
        articles = []
        for essay, status in zip(essays, statuses, strict=True):
            base = slugify(essay.title)[:240]
            slug, n = base, 2
            while slug in taken_slugs:
                slug, n = f"{base}-{n}", n + 1
            taken_slugs.add(slug)
            articles.append(
                Article(
                    title=essay.title[:255],
                    slug=slug,
                    standfirst=essay.standfirst,
                    status=ArticleStatus.DRAFT
                    if status == ArticleStatus.DRAFT
                    else ArticleStatus.PUBLISHED,
                    published_at=published_at(status),
                    category=rng.choice(categories),
                )
            )
        services.articles_create_bulk(
            essays=[
                services.NewEssay(
                    article=article,
                    sections=[services.SectionData(h, b) for h, b in essay.sections],
                    author_ids=[a.pk for a in rng.sample(authors, rng.choice((1, 1, 1, 2)))],
                    tag_ids=[tag_ids[name] for name in essay.tags],
                )
                for article, essay in zip(articles, essays, strict=True)
            ],
            by=None,
        )

    def ensure_categories(self):
        existing = {c.slug: c for c in Category.objects.filter(slug__in=map(slugify, DESKS))}
        return [
            existing.get(slugify(name))
            or services.category_save(category=Category(name=name, slug=slugify(name)), by=None)
            for name in DESKS
        ]

    def ensure_authors(self, rng):
        names = sorted({f"{first} {last}" for first in FIRST_NAMES for last in SURNAMES})
        names = rng.sample(names, AUTHOR_COUNT)
        existing = {a.slug: a for a in Author.objects.filter(slug__in=map(slugify, names))}
        return [
            existing.get(slugify(name))
            or services.author_save(
                author=Author(name=name, slug=slugify(name), bio="Writes about cinema."), by=None
            )
            for name in names
        ]

    def ensure_tags(self, names):
        """{name: tag id}; existing tags with the same slug are reused, as an editor would."""
        tags = services.tags_resolve(names=names, by=None)
        by_slug = {tag.slug: tag.pk for tag in tags}
        return {name: by_slug[tag_slug(name)] for name in names}
