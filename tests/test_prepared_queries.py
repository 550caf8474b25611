"""
Prepared queries: built with the ORM once, run many times with new values, they give what
the ORM would give for those values, and refuse, when first compiled, a query whose values
do not reach the database as parameters.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import essay_page
from articles.models import Article
from articles.models.article import ArticleQuerySet
from articles.prepared import PreparedQuery
from articles.services import renderings
from tests.factories import ArticleFactory, CategoryFactory, TagFactory

pytestmark = pytest.mark.django_db


def _essays_published_since(*, since: datetime, now: datetime, category_id: int):
    return (
        Article.objects.filter(
            ArticleQuerySet.live_condition(now), published_at__gte=since, category_id=category_id
        )
        .order_by("published_at")
        .values("title", "published_at")
    )


SINCE = PreparedQuery(
    Article, _essays_published_since, since=datetime, now=datetime, category_id=int
)


@pytest.fixture
def essays():
    film = CategoryFactory(name="Film")
    dates = [datetime(2024, month, 1, 12, tzinfo=UTC) for month in (1, 3, 5)]
    for number, date in enumerate(dates):
        ArticleFactory(title=f"Essay {number}", category=film, published_at=date)
    ArticleFactory(title="Elsewhere", published_at=dates[1])
    return film, dates


def test_each_run_gives_what_the_orm_gives_for_its_values(essays):
    film, dates = essays
    now = datetime(2025, 1, 1, tzinfo=UTC)
    for since in (dates[0], dates[1] - timedelta(days=1), dates[2] + timedelta(days=1)):
        values = {"since": since, "now": now, "category_id": film.pk}

        assert SINCE.rows(**values) == list(_essays_published_since(**values))


def test_datetimes_come_back_as_the_orm_gives_them(essays):
    film, dates = essays
    rows = SINCE.rows(since=dates[0], now=datetime(2025, 1, 1, tzinfo=UTC), category_id=film.pk)

    assert [row["published_at"] for row in rows] == dates
    assert all(row["published_at"].tzinfo is not None for row in rows)


def test_the_time_is_a_value_like_any_other(essays):
    film, dates = essays
    rows = SINCE.rows(since=dates[0], now=dates[1], category_id=film.pk)

    assert [row["title"] for row in rows] == ["Essay 0", "Essay 1"]


def test_one_query_per_run(essays):
    film, dates = essays
    SINCE.rows(since=dates[0], now=dates[2], category_id=film.pk)
    with CaptureQueriesContext(connection) as queries:
        SINCE.rows(since=dates[1], now=dates[2], category_id=film.pk)

    assert len(queries) == 1


def test_a_value_the_orm_writes_into_the_sql_is_refused():
    # A list becomes as many parameters as it has items: the SQL's shape would change.
    by_ids = PreparedQuery(
        Article, lambda *, ids: Article.objects.filter(pk__in=[ids]).values("id"), ids=int
    )
    # A LIKE pattern is rewritten around the value: the stand-in never reaches the driver.
    by_word = PreparedQuery(
        Article, lambda *, word: Article.objects.filter(title__contains=word).values("id"), word=str
    )

    by_ids.rows(ids=1)  # an IN of one item is still one parameter: fine
    with pytest.raises(ValueError, match="word"):
        by_word.rows(word="night")


def test_every_value_must_be_given():
    with pytest.raises(TypeError, match="category_id"):
        SINCE.rows(since=datetime(2024, 1, 1, tzinfo=UTC), now=datetime(2025, 1, 1, tzinfo=UTC))


def test_the_essay_page_reads_what_the_orm_reads():
    noir, rain = TagFactory(name="noir"), TagFactory(name="rain")
    essay = ArticleFactory(title="Night", tags=[noir, rain])
    pinned = ArticleFactory(title="Pinned")
    essay.pinned_links.create(target=pinned, position=0)
    renderings.essay_render(essay)

    with CaptureQueriesContext(connection) as queries:
        read = essay_page.published_essay(essay.slug)
        shown = (read.title, read.category.name, read.rendering.body_html,
                 [tag.name for tag in read.tags.all()],
                 [link.target.title for link in read.live_pinned_links])  # fmt: skip
    orm = Article.objects.published().for_detail().get(slug=essay.slug)

    assert len(queries) == 3
    # The same tags; the page's are in name order (the ORM's prefetch has no order).
    assert shown == (
        orm.title, orm.category.name, orm.rendering.body_html,
        sorted(tag.name for tag in orm.tags.all()),
        [link.target.title for link in orm.live_pinned_links],
    )  # fmt: skip
    assert read.pk == orm.pk and read.published_at == orm.published_at


def test_a_draft_has_no_published_page():
    draft = ArticleFactory(title="Unfinished", draft=True)

    assert essay_page.published_essay(draft.slug) is None


def test_values_written_into_the_sql_compile_once_per_shape(essays):
    film, _ = essays
    window = PreparedQuery(
        Article,
        lambda *, category_id, start, stop: (
            Article.objects.filter(category_id=category_id)
            .order_by("published_at")
            .values("title")[start:stop]
        ),
        shaped=("start", "stop"),
        category_id=int,
    )

    pages = [window.rows(category_id=film.pk, start=n, stop=n + 2) for n in (0, 1, 0)]

    assert [[row["title"] for row in page] for page in pages] == [
        ["Essay 0", "Essay 1"], ["Essay 1", "Essay 2"], ["Essay 0", "Essay 1"]
    ]  # fmt: skip
    assert len(window._compiled) == 2
