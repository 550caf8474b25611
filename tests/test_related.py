"""Related Articles: what readers get under an essay, and in which order."""

import importlib
import io
import random
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from articles import related, services
from articles.models import Article, RelatedState
from articles.related import POOL_SIZE, TagIndex, rank, related_articles, tag_weight
from tests.factories import ArticleFactory, RelatedLinkFactory

NOW = timezone.now()


def days_ago(days):
    return NOW - timedelta(days=days)


def titles(articles):
    return [article.title for article in articles]


def refreshed(article):
    """The essay as the page loads it (after a pool refresh, with its stored state)."""
    return Article.objects.for_detail().get(pk=article.pk)


# --- The ranking itself ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_shared_rare_tag_outranks_two_shared_common_ones():
    essay = ArticleFactory(tags=["basque cinema", "film", "festivals"])
    rare = ArticleFactory(
        title="Shares the rare tag", tags=["basque cinema"], published_at=days_ago(900)
    )
    common = [
        ArticleFactory(title=f"Common {n}", tags=["film", "festivals"], published_at=days_ago(n))
        for n in range(1, 9)
    ]

    listed = related_articles(essay, limit=3)

    # Counting shared tags would list two of the eight newer essays first; one essay in ten
    # carries "basque cinema", nine in ten carry "film" and "festivals".
    assert titles(listed) == [rare.title, common[0].title, common[1].title]


@pytest.mark.django_db
def test_two_shared_tags_outrank_one_of_the_same_rarity():
    essay = ArticleFactory(tags=["dubbing", "subtitling"])
    one = ArticleFactory(title="One", tags=["dubbing"], published_at=days_ago(1))
    two = ArticleFactory(title="Two", tags=["dubbing", "subtitling"], published_at=days_ago(50))
    ArticleFactory(tags=["subtitling"], published_at=days_ago(2))

    assert titles(related_articles(essay))[:2] == [two.title, one.title]


@pytest.mark.django_db
def test_equal_scores_go_to_the_newest_then_to_the_highest_id():
    essay = ArticleFactory(tags=["archives"])
    same_day = days_ago(10)
    older = ArticleFactory(title="Older", tags=["archives"], published_at=days_ago(20))
    first = ArticleFactory(title="Same day, first saved", tags=["archives"], published_at=same_day)
    second = ArticleFactory(title="Same day, saved later", tags=["archives"], published_at=same_day)
    newest = ArticleFactory(title="Newest", tags=["archives"], published_at=days_ago(1))

    assert titles(related_articles(essay)) == [newest.title, second.title, first.title, older.title]


@pytest.mark.django_db
def test_tags_written_differently_count_as_the_same_shared_tag():
    essay = ArticleFactory(tags=["Korean cinema"])
    other = ArticleFactory(tags=["korean-cinema"])

    assert related_articles(essay) == [other]


def test_a_tag_weighs_more_the_fewer_essays_carry_it_and_always_something():
    weights = [tag_weight(carrying, 1000) for carrying in (1, 10, 100, 999, 1000)]

    assert weights == sorted(set(weights), reverse=True)  # strictly: no two alike
    assert all(isinstance(w, int) and w > 0 for w in weights)
    assert tag_weight(0, 1000) == tag_weight(1, 1000)  # no division by zero


@pytest.mark.django_db
def test_an_essay_sharing_a_rarer_tag_is_listed_before_newer_ones_sharing_commoner_tags():
    essay = ArticleFactory(tags=["silent era", "melodrama", "film"])
    # One other essay carries "silent era", two "melodrama", four "film": the newest share
    # the commonest tag, so only the tags' weights can put the oldest first.
    rarest = ArticleFactory(title="Rarest", tags=["silent era"], published_at=days_ago(300))
    rarer = [
        ArticleFactory(title=f"Rarer {n}", tags=["melodrama"], published_at=days_ago(200 + n))
        for n in range(2)
    ]
    common = [
        ArticleFactory(title=f"Common {n}", tags=["film"], published_at=days_ago(1 + n))
        for n in range(4)
    ]
    expected = titles([rarest, *rarer, *common])

    assert titles(related_articles(essay, limit=7)) == expected
    related.refresh_pools(everything=True)
    assert titles(related_articles(refreshed(essay), limit=7)) == expected


# --- Pinned first ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pinned_essays_come_first_in_the_editors_order_and_are_not_repeated():
    essay = ArticleFactory(tags=["memory"])
    computed = ArticleFactory(title="Computed", tags=["memory"], published_at=days_ago(1))
    pinned_second = ArticleFactory(title="Pinned second", tags=["memory"])
    pinned_first = ArticleFactory(title="Pinned first", tags=["elsewhere"])
    services.related_pin(article=essay, target=pinned_second, by=None)
    services.related_pin(article=essay, target=pinned_first, by=None, position=1)

    assert titles(related_articles(essay)) == [
        pinned_first.title,
        pinned_second.title,
        computed.title,
    ]


@pytest.mark.django_db
def test_reordering_pins_keeps_unresolved_references_where_they_were():
    essay = ArticleFactory()
    a, b = ArticleFactory(title="A"), ArticleFactory(title="B")
    RelatedLinkFactory(article=essay, target=a, position=1)
    unresolved = RelatedLinkFactory(
        article=essay, target=None, reference_summary="An essay still to come.", position=2
    )
    RelatedLinkFactory(article=essay, target=b, position=3)

    services.related_reorder(article=essay, targets=[b, a], by=None)

    assert [link.target_id for link in essay.pinned_links.all()] == [b.pk, None, a.pk]
    assert essay.pinned_links.get(pk=unresolved.pk).position == 2
    assert titles(related_articles(essay)) == ["B", "A"]


@pytest.mark.django_db
def test_an_essay_cannot_be_pinned_to_itself():
    essay = ArticleFactory()

    with pytest.raises(ValidationError) as refusal:
        services.related_pin(article=essay, target=essay, by=None)

    assert refusal.value.messages == ["An essay cannot be related to itself."]
    assert not essay.pinned_links.exists()


# --- Only what readers may see -----------------------------------------------------------------


@pytest.mark.django_db
def test_drafts_scheduled_essays_and_the_essay_itself_never_appear():
    essay = ArticleFactory(tags=["memory"])
    visible = ArticleFactory(title="Published", tags=["memory"])
    draft = ArticleFactory(tags=["memory"], draft=True)
    scheduled = ArticleFactory(tags=["memory"], scheduled=True)
    for hidden in (draft, scheduled):
        RelatedLinkFactory(article=essay, target=hidden)

    assert titles(related_articles(essay)) == [visible.title]
    related.refresh_pools(everything=True)
    assert titles(related_articles(refreshed(essay))) == [visible.title]


@pytest.mark.django_db
def test_a_scheduled_essay_appears_when_its_time_comes_without_any_write():
    essay = ArticleFactory(tags=["memory"])
    scheduled = ArticleFactory(
        title="Scheduled", tags=["memory"], published_at=NOW + timedelta(hours=2)
    )
    related.refresh_pools(everything=True)
    assert related_articles(refreshed(essay)) == []

    with mock.patch("django.utils.timezone.now", return_value=NOW + timedelta(hours=3)):
        assert titles(related_articles(refreshed(essay))) == [scheduled.title]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_number_shown_follows_the_setting(settings, count):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "RELATED_ARTICLES_COUNT": count}
    essay = ArticleFactory(tags=["memory"])
    RelatedLinkFactory(article=essay, target=ArticleFactory())
    ArticleFactory.create_batch(5, tags=["memory"])

    assert len(related_articles(essay)) == count


# --- Stored pools give the same lists, and stay current ----------------------------------------


def random_site(seed, count=60):
    """Essays with Zipf-like tags, a few drafts and scheduled ones, some sharing dates."""
    rng = random.Random(seed)
    tags = [f"tag {n}" for n in range(25)]
    essays = []
    for _ in range(count):
        names = {
            rng.choices(tags, weights=[1 / (i + 1) for i in range(25)])[0] for _tag in range(4)
        }
        kind = rng.choices(["published", "draft", "scheduled"], weights=[8, 1, 1])[0]
        essays.append(
            ArticleFactory(
                tags=sorted(names),
                published_at=days_ago(rng.randrange(30)),
                draft=kind == "draft",
                scheduled=kind == "scheduled",
            )
        )
    return essays


def all_lists(essays, limit=20):
    return {
        essay.pk: [e.pk for e in related_articles(refreshed(essay), limit=limit)]
        for essay in essays
    }


@pytest.mark.django_db
def test_stored_pools_give_the_same_lists_as_ranking_everything_live():
    essays = random_site(seed=4)
    live = all_lists(essays)

    related.refresh_pools(everything=True)

    assert RelatedState.objects.filter(computed_at__isnull=True).count() == 0
    assert all_lists(essays) == live
    assert sum(map(len, live.values())) > 200  # the lists are not trivially empty


@pytest.mark.django_db
def test_pools_stored_before_scores_were_kept_get_the_scores_a_refresh_would_store():
    """Migration 0016 fills the scores and dates of pools stored without them."""
    from django.apps import apps
    from django.db import connection

    from articles.models import RelatedCandidate

    migration = importlib.import_module("articles.migrations.0016_related_pool_ranked")
    essays = random_site(seed=7)
    related.refresh_pools(everything=True)
    columns = ("article", "candidate", "score", "published_at")
    stored = set(RelatedCandidate.objects.values_list(*columns))
    lists = all_lists(essays)
    RelatedCandidate.objects.update(score=0, published_at=None)

    migration.fill_scores(apps, SimpleNamespace(connection=connection))

    assert set(RelatedCandidate.objects.values_list(*columns)) == stored
    assert all_lists(essays) == lists


@pytest.mark.django_db
def test_lists_rank_essays_changed_since_the_refresh_by_what_they_are_now():
    essay = ArticleFactory(tags=["opera", "memory"])
    was_unrelated = ArticleFactory(title="Retagged", tags=["animation"], published_at=days_ago(5))
    newly_published = ArticleFactory(
        title="Published later", tags=["memory"], draft=True, published_at=days_ago(1)
    )
    unpublished = ArticleFactory(title="Unpublished later", tags=["opera"])
    ArticleFactory.create_batch(3, tags=["memory"], published_at=days_ago(20))
    related.refresh_pools(everything=True)

    services.article_tags_set(article=was_unrelated, tags=["opera", "Memory"], by=None)
    services.article_publish(article=newly_published, by=None)
    services.article_unpublish(article=unpublished, by=None)

    listed = titles(related_articles(refreshed(essay)))
    assert listed[0] == was_unrelated.title
    assert newly_published.title in listed
    assert unpublished.title not in listed
    related.refresh_pools()
    assert titles(related_articles(refreshed(essay))) == listed


@pytest.mark.django_db
def test_between_full_refreshes_a_tag_weighs_what_the_last_one_made_it():
    essay = ArticleFactory(tags=["opera", "memory"])
    ArticleFactory(title="Shares opera", tags=["opera"], published_at=days_ago(30))
    ArticleFactory(title="Shares memory", tags=["memory"], published_at=days_ago(1))
    ArticleFactory.create_batch(3, tags=["memory"], published_at=days_ago(60))
    related.refresh_pools(everything=True)  # "opera": 2 essays of 6, "memory": 5 of 6
    # Since then "opera" became the commoner tag, and the essay was retagged (its list is
    # now ranked live, not read from its pool).
    ArticleFactory.create_batch(12, tags=["opera"], published_at=days_ago(90))
    services.article_tags_set(article=essay, tags=["opera", "memory", "aria"], by=None)

    listed = titles(related_articles(refreshed(essay)))

    # Ranked with the weights of the last full refresh, as every stored pool is.
    assert listed[0] == "Shares opera"
    assert "Shares memory" not in listed


@pytest.mark.django_db
def test_a_refresh_computes_only_pools_that_are_missing_or_out_of_date():
    essays = ArticleFactory.create_batch(3, tags=["memory"])
    assert related.refresh_pools() == 3
    assert related.refresh_pools() == 0

    services.article_unpublish(article=essays[0], by=None)

    assert related.refresh_pools() == 1


@pytest.mark.django_db
def test_merging_tags_reaches_lists_already_stored():
    essay = ArticleFactory(tags=["korean film"])
    other = ArticleFactory(title="Other spelling", tags=["hallyu cinema"])
    related.refresh_pools(everything=True)
    assert related_articles(refreshed(essay)) == []

    services.tag_merge(
        tags=list(other.tags.all()) + list(essay.tags.all()),
        into=essay.tags.get(),
        by=None,
    )

    assert titles(related_articles(refreshed(essay))) == [other.title]


# --- Pools hold everything that can make a list, whenever it is read ---------------------------


@pytest.mark.django_db
def test_scheduled_essays_that_will_outrank_the_pool_are_kept_beside_it(monkeypatch):
    monkeypatch.setattr(related, "POOL_SIZE", 3)
    essay = ArticleFactory(tags=["memory"])
    published = [ArticleFactory(tags=["memory"], published_at=days_ago(n)) for n in range(1, 6)]
    scheduled = [
        ArticleFactory(tags=["memory"], published_at=NOW + timedelta(days=n)) for n in range(1, 5)
    ]
    related.refresh_pools(everything=True)

    # Newer, they win the ties once live, so they cannot take the published essays' places.
    assert related_articles(refreshed(essay), limit=3) == published[:3]
    with mock.patch("django.utils.timezone.now", return_value=NOW + timedelta(days=2, hours=1)):
        assert related_articles(refreshed(essay), limit=3) == [
            scheduled[1],
            scheduled[0],
            published[0],
        ]


essay_tags = st.lists(st.integers(min_value=0, max_value=11), max_size=6, unique=True)


@settings(max_examples=150, deadline=None)
@given(
    sites=st.lists(
        st.tuples(essay_tags, st.one_of(st.none(), st.integers(min_value=0, max_value=6))),
        min_size=1,
        max_size=40,
    ),
    size=st.integers(min_value=1, max_value=8),
    carrying=st.lists(st.integers(min_value=1, max_value=40), min_size=12, max_size=12),
    refreshed_on=st.integers(min_value=0, max_value=6),
)
def test_a_pool_gives_the_full_rankings_list_whenever_it_is_read(
    sites, size, carrying, refreshed_on
):
    def day(n):
        return datetime(2020, 1, 1 + n, tzinfo=UTC)

    weights = {tag: tag_weight(n, 40) for tag, n in enumerate(carrying)}
    tags_by_essay = {pk: tags for pk, (tags, _) in enumerate(sites)}
    # Essays with a date may be listed: published by the refresh, or scheduled after it.
    dates = {pk: day(n) for pk, (_, n) in enumerate(sites) if n is not None}
    index = TagIndex(tags_by_essay, dates, now=day(refreshed_on))

    for pk, tags in tags_by_essay.items():
        pool = dict(index.pool(pk, weights, size))
        for read_on in range(refreshed_on, 7):
            visible = [(c, dates[c], tags_by_essay[c]) for c in dates if dates[c] <= day(read_on)]
            visible = [candidate for candidate in visible if candidate[0] != pk]
            from_pool = [candidate for candidate in visible if candidate[0] in pool]
            expected = rank(tags, visible, weights=weights, limit=size)
            assert rank(tags, from_pool, weights=weights, limit=size) == expected
            assert all(pool[c] == score for c, score in expected)


def test_pools_hold_twice_the_most_a_page_may_show():
    assert POOL_SIZE >= 2 * 20


@pytest.mark.django_db
def test_refresh_command_reports_how_many_pools_it_computed():
    ArticleFactory.create_batch(2, tags=["memory"])
    out = io.StringIO()

    call_command("refresh_related", "--all", stdout=out)

    assert "Refreshed 2 related pools" in out.getvalue()
