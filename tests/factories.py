from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from articles import search
from articles.models import (
    Article,
    ArticleStatus,
    Author,
    Byline,
    Category,
    RelatedLink,
    Section,
    Tag,
    TaggedArticle,
)
from articles.models.taxonomy import tag_slug
from articles.services import archive_months


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Desk {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    description = "Essays from one desk of the publication."


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Critic Number {n}")
    slug = factory.Sequence(lambda n: f"critic-{n}")
    bio = "Writes about cinema."


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published essay from the past with one unheaded section of three paragraphs."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Essay number {n} on the cinema of elsewhere")
    slug = factory.Sequence(lambda n: f"essay-{n}")
    standfirst = factory.Sequence(lambda n: f"A standfirst that sums up essay {n} in one line.")
    status = ArticleStatus.PUBLISHED
    # An hour apart, newest last, and in the past however many essays a test run makes (a
    # day apart, the thousandth essay of a run was scheduled, not published).
    published_at = factory.Sequence(lambda n: timezone.now() - timedelta(hours=50_000 - n))
    category = factory.SubFactory(CategoryFactory, name="National cinemas")

    class Params:
        draft = factory.Trait(status=ArticleStatus.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
        )

    @factory.post_generation
    def tags(self, create, names, **kwargs):
        if create and names:
            self.tags.set(names)
            # What the services do for a tagged essay (see TaggedArticle.listed_at).
            TaggedArticle.objects.date_for_listing([self.pk])

    @factory.post_generation
    def authors(self, create, authors, **kwargs):
        if create and authors:
            self.authors.set(authors)
            # What the services do for an essay's bylines (see Byline.listed_at).
            Byline.objects.date_for_listing([self.pk])

    @factory.post_generation
    def paragraphs(self, create, count, **kwargs):
        """`paragraphs=N` gives one unheaded section of N paragraphs (default 3)."""
        if create and not kwargs.get("skip"):
            SectionFactory(article=self, position=1, heading="", paragraphs=count or 3)

    @factory.post_generation
    def search_entry(self, create, extracted, **kwargs):
        """Factories write around the services; the search index is kept as they would."""
        if create:
            search.index_articles([self.pk])

    @factory.post_generation
    def archive_month(self, create, extracted, **kwargs):
        """And the archive index's count of its month."""
        if create and self.status == ArticleStatus.PUBLISHED:
            archive_months.months_changed(self.published_at)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        skip_postgeneration_save = True

    class Params:
        paragraphs = 2

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n + 1)
    heading = factory.Sequence(lambda n: f"Heading {n}")
    body = factory.LazyAttribute(
        lambda o: "\n\n".join(
            f"Paragraph {i} says something about light, duration and the audience."
            for i in range(1, o.paragraphs + 1)
        )
    )

    @factory.post_generation
    def search_entry(self, create, extracted, **kwargs):
        if create:
            search.index_articles([self.article_id])


class RelatedLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedLink

    article = factory.SubFactory(ArticleFactory)
    target = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n + 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def permissions(self, create, codenames, **kwargs):
        if create and codenames:
            self.user_permissions.set(Permission.objects.filter(codename__in=codenames))


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Tag number {n}")
    slug = factory.LazyAttribute(lambda o: tag_slug(o.name))
    description = ""
