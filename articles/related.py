"""
"Related Articles" for one essay: the editor's pinned essays first, in the editor's order,
then other published essays that share tags with it, best first.

The ranking: an essay's score is the sum of the weights of the tags it shares, and a tag
weighs more the rarer it is: ln(1 + N / n), N the published essays and n those carrying
the tag. Sharing "basque cinema" outweighs sharing "film criticism"; two rare tags
outweigh one. Equal scores go to the newest essay, then to the highest id. Weights are
whole numbers (thousandths), so sums are exact and SQLite and PostgreSQL order alike.

Ranking one essay's candidates from scratch means scoring every essay that shares a tag
with it, tens of thousands at 100,000 essays when its tags are common. So each essay keeps
a stored pool of its POOL_SIZE best candidates, published or scheduled, computed in bulk by
`manage.py refresh_related`. A list is then one small query: the pool, plus the essays
changed since it was computed (services mark them through `articles_changed()`), kept to
those readers may see (`published()`, so scheduled essays appear at their time), scored
and ranked. An essay with no pool yet, or itself changed since, has its list computed
live, in one slower query, until the next refresh. docs/related.md has the measurements
behind this.

Tag weights are frozen at each full refresh so that pools stay true to the scores they were
built with; a tag new since then is weighed from current counts.
"""

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from django.conf import settings
from django.db import IntegrityError, connection, router, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from articles import rendering
from articles.bulk_insert import insert_rows
from articles.models import (
    Article,
    Byline,
    RelatedCandidate,
    RelatedState,
    Tag,
    TaggedArticle,
)
from articles.models.article import ArticleQuerySet
from articles.prepared import PreparedQuery

LISTED_FIELDS = ("id", "title", "slug", "standfirst", "published_at")
# Weights in thousandths: sums of whole numbers compare the same on every database.
SCALE = 1000
# Published candidates stored per essay (besides scheduled ones that will outrank them):
# twice the most a page may show, so that pinned, unpublished and deleted candidates can
# drop out between refreshes and leave enough.
POOL_SIZE = 40
# Every list looks at every essay changed since the last full refresh; past this many, the
# periodic refresh recomputes everything instead of only the changed essays' pools.
CHANGED_BEFORE_FULL_REFRESH = 1000
# Undated candidates rank after every dated one, on every database and in Python.
UNDATED = datetime.min.replace(tzinfo=UTC)


# --- The ranking, pure -----------------------------------------------------------------------


def tag_weight(carrying, total):
    """How much sharing a tag counts when `carrying` of `total` published essays carry it."""
    return round(SCALE * math.log1p(total / max(carrying, 1)))


def rank_key(score, published_at, article_id):
    """Sort key, largest first: score, then the newest, then the highest id."""
    return (score, published_at or UNDATED, article_id)


def rank(tag_ids, candidates, *, weights, limit):
    """
    The ranking as a plain function, the reference the database queries must agree with.
    `candidates` are (id, published_at, tag ids) of the essays that may be listed; returns
    [(id, score)] for the best `limit` that share at least one of `tag_ids`.
    """
    mine = {tag_id: weights[tag_id] for tag_id in tag_ids}
    scored = []
    for article_id, published_at, tags in candidates:
        shared = [mine[tag_id] for tag_id in tags if tag_id in mine]
        if shared:
            scored.append(rank_key(sum(shared), published_at, article_id))
    return [(article_id, score) for score, _, article_id in heapq.nlargest(limit, scored)]


class TagIndex:
    """
    Every essay's tags in memory, to compute thousands of pools at once (with numpy: 1.0 ms
    a pool at 100,000 essays, against 5.3 ms for the same pruning in plain Python).

    Candidates are numbered by (date, id), oldest first, so that one integer,
    score x count + number, orders them as `rank_key` does. Each tag keeps the numbers of
    the published candidates carrying it, and each candidate its tags (as columns), so
    that the exact scores of any set of candidates take a few array operations.
    """

    def __init__(self, tags_by_essay, candidate_dates, now):
        """
        `tags_by_essay`: {essay id: tag ids}; `candidate_dates`: {id: published_at} of the
        published and scheduled essays pools may hold; `now` tells the two apart. Essays
        without a date never show, so no pool needs them.
        """
        self.tags_by_essay = tags_by_essay
        dated = sorted((date, pk) for pk, date in candidate_dates.items() if date is not None)
        self.ids = np.array([pk for _, pk in dated], dtype=np.int64)
        self.number = {pk: n for n, (_, pk) in enumerate(dated)}
        published = [date <= now for date, _ in dated]
        tags_of = [tags_by_essay.get(pk, ()) for _, pk in dated]
        self.column = {tag: c for c, tag in enumerate({t for tags in tags_of for t in tags})}
        lengths = np.fromiter((len(tags) for tags in tags_of), dtype=np.int64, count=len(dated))
        self.tags_start = np.concatenate(([0], np.cumsum(lengths)))
        self.tag_columns = np.fromiter(
            (self.column[tag] for tags in tags_of for tag in tags),
            dtype=np.int64,
            count=int(self.tags_start[-1]),
        )
        carriers, later_carriers = defaultdict(list), defaultdict(list)
        for n, tags in enumerate(tags_of):
            for tag in tags:
                (carriers if published[n] else later_carriers)[tag].append(n)
        self.carriers = {tag: np.array(ns, dtype=np.int64) for tag, ns in carriers.items()}
        self.later_carriers = dict(later_carriers)

    def pool(self, essay_id, weights, size=POOL_SIZE):
        """
        The essay's `size` best candidates published by `now`, and every scheduled one that
        will rank above the last of them when its time comes (being newer, it wins ties).
        Whatever goes live later, no candidate outside the pool can outrank those `size`.
        Returns [(candidate id, score)], best first.
        """
        count = len(self.ids)
        own = self.number.get(essay_id, -1)
        own_tags = dict.fromkeys(self.tags_by_essay.get(essay_id, ()))
        tags = [tag for tag in own_tags if tag in weights]
        tags.sort(key=lambda tag: (-weights[tag], tag))
        mine = np.zeros(len(self.column), dtype=np.int64)
        for tag in tags:
            if tag in self.column:
                mine[self.column[tag]] = weights[tag]

        # Tags rarest first: once `size` candidates outrank anything that shares only the
        # tags not yet taken (at most the sum of their weights, `left`), no other can enter,
        # and the commonest tags' tens of thousands of carriers are never looked at.
        left = sum(weights[tag] for tag in tags)
        seen = np.empty(0, dtype=np.int64)
        for tag in tags:
            left -= weights[tag]
            if (carriers := self.carriers.get(tag)) is None:
                continue
            seen = np.union1d(seen, carriers)
            seen = seen[seen != own]
            if len(seen) >= size:
                # Scores are exact (all the essay's tags): one that drops out of the best
                # `size` can never come back, so only those are kept.
                keys = self._best_keys(seen, mine, size)
                seen = keys % count
                if keys.min() > left * count + count - 1:
                    break
        best = sorted(self._best_keys(seen, mine, size).tolist(), reverse=True)

        cut = best[-1] if len(best) == size else None
        later = sorted({n for tag in tags for n in self.later_carriers.get(tag, ())} - {own})
        later_scores = self._scores(np.array(later, dtype=np.int64), mine).tolist()
        for n, score in zip(later, later_scores, strict=True):
            if cut is None or score * count + n > cut:
                best.append(score * count + n)
        best.sort(reverse=True)
        return [(int(self.ids[key % count]), key // count) for key in best]

    def _best_keys(self, numbers, mine, size):
        """The keys (score x count + number) of the best `size` of the candidates `numbers`."""
        keys = self._scores(numbers, mine) * len(self.ids) + numbers
        if len(keys) > size:
            keys = np.partition(keys, len(keys) - size)[-size:]
        return keys

    def _scores(self, numbers, mine):
        """The scores of the candidates `numbers`: the weights in `mine` of their tags."""
        if len(numbers) == 0:
            return np.empty(0, dtype=np.int64)
        starts = self.tags_start[numbers]
        lengths = self.tags_start[numbers + 1] - starts
        # Where each candidate's tags begin in the flat list of all their tags.
        offsets = np.cumsum(lengths) - lengths
        flat = np.arange(int(lengths.sum())) + np.repeat(starts - offsets, lengths)
        return np.add.reduceat(mine[self.tag_columns[flat]], offsets)


# --- Reading a list ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RelatedItem:
    """One entry of a list with the reasons it is there, for the editors' admin panel."""

    article: Article
    pinned: bool
    score: int  # thousandths
    shared_tags: tuple

    @property
    def score_display(self):
        return f"{self.score / SCALE:.2f}"


def related_articles(article, limit=None):
    """What readers see under the essay: pinned essays first, then the computed ones."""
    pinned, computed = _related(article, limit)
    return pinned + computed


def related_articles_explained(article, limit=None):
    """`related_articles()` as RelatedItems: pinned or computed, shared tags and score."""
    pinned, computed = _related(article, limit)
    tags = {tag.pk: tag for tag in article.tags.all()}
    weights = tag_weights(tags.values())
    shared = defaultdict(list)
    for essay_id, tag_id in TaggedArticle.objects.filter(
        content_object_id__in=[essay.pk for essay in pinned + computed], tag_id__in=tags
    ).values_list("content_object_id", "tag_id"):
        shared[essay_id].append(tags[tag_id])
    items = []
    for essay in pinned + computed:
        essay_tags = tuple(sorted(shared[essay.pk], key=lambda t: (-weights[t.pk], t.name)))
        score = getattr(essay, "related_score", None)
        if score is None:
            score = sum(weights[tag.pk] for tag in essay_tags)
        items.append(RelatedItem(essay, essay in pinned, score, essay_tags))
    return items


def _related(article, limit):
    if limit is None:
        limit = settings.FILMCULTURE["RELATED_ARTICLES_COUNT"]
    pinned = pinned_related(article)[:limit]
    computed = computed_related(
        article, limit=limit - len(pinned), exclude_ids=[essay.pk for essay in pinned]
    )
    return pinned, computed


def pinned_related(article):
    """Pinned essays readers can see; uses the prefetch of `for_detail()` when present."""
    links = getattr(article, "live_pinned_links", None)
    if links is None:
        # Essay by essay, like `computed_related`: `target__in=published()` would gather
        # every published essay's id first.
        readers_may_see = Exists(Article.objects.published().filter(pk=OuterRef("target_id")))
        links = article.pinned_links.filter(readers_may_see).select_related("target")
    return [link.target for link in links]


def computed_related(article, *, limit, exclude_ids=()):
    """The best published essays sharing tags with `article`, each with `related_score`."""
    tags = list(article.tags.all())
    if not tags or limit <= 0:
        return []
    weights = tag_weights(tags)
    state = _state(article)
    pool_is_current = (
        state is not None
        and state.computed_at is not None
        # A tag not weighed yet is newer than the pool: tags were written behind the
        # services' back (see docs/related.md).
        and all(tag.related_weight is not None for tag in tags)
    )
    if pool_is_current:
        return _ranked_from_pool(article, state, limit=limit, exclude_ids=exclude_ids)
    essays = Article.objects.published().filter(tagged_items__tag_id__in=list(weights))
    essays = essays.exclude(pk=article.pk).exclude(pk__in=exclude_ids)
    scored = _scored(essays, weights)
    return list(
        scored.order_by(
            F("related_score").desc(), F("published_at").desc(nulls_last=True), F("id").desc()
        ).only(*LISTED_FIELDS)[:limit]
    )


def _state(article):
    try:
        return article.related_state
    except RelatedState.DoesNotExist:
        return None


def _pool_and_changed(*, article_id: int, computed_at: datetime, now: datetime, limit: int):
    """
    The best `limit` essays of the stored pool and of every essay changed since the pool was
    computed (which the pool may wrongly hold or miss), kept to those readers may see, each
    with what a list shows of it and its score: the sum of the frozen weights of the tags it
    shares with the essay. Any other essay is unchanged since, so it ranked below the
    pool's POOL_SIZE then and still does. Ordered as `rank()` orders.

    The pool's unchanged entries are read in the order the pool stored them, from its index,
    until `limit` of them are live; changed essays are scored from their taggings.
    """
    changed = RelatedState.objects.filter(changed_at__gt=computed_at).values("article_id")
    own_tags = TaggedArticle.objects.filter(content_object_id=article_id).values("tag_id")
    # The first `limit` live, unchanged entries, read from the pool's index in its order.
    best_in_pool = (
        RelatedCandidate.objects.filter(
            _readers_may_see("candidate_id", now), article_id=article_id
        )
        .exclude(candidate_id__in=changed)
        .order_by(F("score").desc(), F("published_at").desc(), F("candidate_id").desc())
        .values("candidate_id")[:limit]
    )
    pool = RelatedCandidate.objects.filter(
        article_id=article_id, candidate_id__in=best_in_pool
    ).values(**_listed("candidate"), related_score=F("score"))
    rescored = (
        TaggedArticle.objects.filter(
            _readers_may_see("content_object_id", now),
            content_object_id__in=changed,
            tag_id__in=own_tags,
        )
        .exclude(content_object_id=article_id)
        .values(**_listed("content_object"))
        .annotate(related_score=Sum("tag__related_weight"))
    )
    # Live essays are dated, so no NULL reaches the order of the two together.
    return pool.union(rescored, all=True).order_by(
        "-related_score", "-essay_published_at", "-essay_id"
    )[:limit]


def _listed(essay):
    """What a list shows of the essay at `essay`, each under `essay_`, with its entry as the
    services stored it (`with_stored_item`)."""
    return {
        **{f"essay_{field}": F(f"{essay}__{field}") for field in LISTED_FIELDS},
        "essay_stored_item": F(f"{essay}__related_item__html"),
        "essay_stored_layout": F(f"{essay}__related_item__layout"),
    }


def with_stored_item(essay, item, made_with):
    """`essay` carrying its stored Related Articles entry, when made with the current layout:
    the list then shows it as it is (`rendering.stored_related_item`)."""
    if item and made_with == rendering.layout():
        essay.stored_related_item = item
    return essay


def _readers_may_see(essay_id_column, now):
    # Checked essay by essay: as a plain filter, `published()` tempts SQLite's planner into
    # walking the whole (status, published_at) index instead of the few candidates.
    return Exists(
        Article.objects.filter(ArticleQuerySet.live_condition(now), pk=OuterRef(essay_id_column))
    )


POOL_AND_CHANGED = PreparedQuery(
    RelatedCandidate,
    _pool_and_changed,
    shaped=("limit",),
    article_id=int,
    computed_at=datetime,
    now=datetime,
)


def _ranked_from_pool(article, state, *, limit, exclude_ids):
    """The list from the stored pool and the essays changed since (pinned ones left out)."""
    rows = POOL_AND_CHANGED.rows(
        article_id=article.pk,
        computed_at=state.computed_at,
        now=timezone.now(),
        limit=limit + len(exclude_ids),
    )
    db = router.db_for_read(Article)
    essays = []
    for row in rows:
        if row["essay_id"] in exclude_ids:
            continue
        values = [row[f"essay_{field}"] for field in LISTED_FIELDS]
        essay = Article.from_db(db, list(LISTED_FIELDS), values)
        essay.related_score = row["related_score"]
        with_stored_item(essay, row["essay_stored_item"], row["essay_stored_layout"])
        essays.append(essay)
    return essays[:limit]


def _scored(essays, weights):
    """Each essay with `related_score`, the sum of the weights of the tags it shares with the
    weighed ones (its other tags count for nothing); essays sharing none are left out."""
    score = Sum(
        Case(
            *(When(tagged_items__tag_id=tag_id, then=Value(w)) for tag_id, w in weights.items()),
            output_field=IntegerField(),
        )
    )
    return essays.annotate(related_score=score).filter(related_score__isnull=False)


def tag_weights(tags):
    """{tag id: weight}: frozen at the last full refresh, or for newer tags, from counts now."""
    weights = {tag.pk: tag.related_weight for tag in tags if tag.related_weight is not None}
    if missing := [tag.pk for tag in tags if tag.related_weight is None]:
        weights.update(current_weights(missing))
    return weights


def current_weights(tag_ids):
    """Weights from how many published essays carry each tag now (one query)."""
    total = Subquery(
        Article.objects.published()
        .order_by()
        .values(one=Value(1))
        .annotate(n=Count("pk"))
        # One row, one column: the number of published essays.
        .values("n")
    )
    rows = (
        Article.objects.published()
        .filter(tagged_items__tag_id__in=tag_ids)
        .values("tagged_items__tag_id")
        .annotate(carrying=Count("pk"), total=total)
        .order_by()
        .values_list("tagged_items__tag_id", "carrying", "total")
    )
    # A tag no published essay carries is shared with no candidate: its weight never counts.
    weights = dict.fromkeys(tag_ids, 0)
    weights.update({tag_id: tag_weight(carrying, total) for tag_id, carrying, total in rows})
    return weights


# --- Keeping pools current ---------------------------------------------------------------------


def articles_changed(article_ids):
    """
    Services call this when essays' tags, status or publication date change (in their
    transaction): those essays' own lists are computed live until the next refresh, and
    everyone else's lists score them afresh instead of trusting their pools.
    """
    # Tag and author pages find essays by the dates on their taggings and bylines: the
    # same changes move them.
    TaggedArticle.objects.date_for_listing(article_ids)
    Byline.objects.date_for_listing(article_ids)
    now = timezone.now()
    RelatedState.objects.bulk_create(
        [RelatedState(article_id=pk, computed_at=None, changed_at=now) for pk in article_ids],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["computed_at", "changed_at"],
        batch_size=1000,
    )


def refresh_pools(*, everything=False, batch_size=1000, progress=None):
    """
    Compute and store pools: of every essay with tags re-weighed (`everything`), or only of
    essays without a current pool (new, changed, or never refreshed), unless so many have
    changed that everything is due. Returns how many pools were computed.
    """
    started = timezone.now()
    changed = RelatedState.objects.filter(changed_at__isnull=False).count()
    everything = everything or changed > CHANGED_BEFORE_FULL_REFRESH
    if everything:
        targets = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    else:
        targets = list(
            Article.objects.filter(
                Q(related_state__isnull=True) | Q(related_state__computed_at__isnull=True)
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    if not targets:
        return 0

    tags_by_essay = defaultdict(list)
    for essay_id, tag_id in TaggedArticle.objects.values_list("content_object_id", "tag_id"):
        tags_by_essay[essay_id].append(tag_id)
    candidates = dict(Article.objects.published_or_scheduled().values_list("pk", "published_at"))
    index = TagIndex(tags_by_essay, candidates, now=started)
    weights = _weights_for_refresh(tags_by_essay, everything=everything)

    existing = set(Article.objects.values_list("pk", flat=True))
    for start in range(0, len(targets), batch_size):
        batch = targets[start : start + batch_size]
        pools = {essay_id: index.pool(essay_id, weights, POOL_SIZE) for essay_id in batch}
        try:
            _store_pools(pools, candidates, existing, started)
        except IntegrityError:
            # An essay was deleted while this ran: leave it out and store the batch again.
            existing = set(Article.objects.values_list("pk", flat=True))
            _store_pools(pools, candidates, existing, started)
        if progress:
            progress(min(start + batch_size, len(targets)), len(targets))
    if everything:
        # Every pool now knows these changes; forgetting them keeps lists' reading small.
        RelatedState.objects.filter(changed_at__lte=started).update(changed_at=None)
        _analyze(RelatedCandidate, RelatedState)
    return len(targets)


def _analyze(*models):
    """
    PostgreSQL plans the list query well only once it has statistics on the pools, and reads
    a pool from the index alone only once the table is vacuumed: autovacuum would get round
    to both only some time after millions of rows changed. VACUUM cannot run in a
    transaction, so inside one (tests, callers' atomic blocks) statistics have to do.
    """
    if connection.vendor == "postgresql":
        tables = ", ".join(m._meta.db_table for m in models)
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            cursor.execute(f"{command} {tables}")


@transaction.atomic
def _store_pools(pools, dates, existing, started):
    """`pools`: {essay id: [(candidate id, score)]}; `dates`: {candidate id: published_at}."""
    batch = [essay_id for essay_id in pools if essay_id in existing]
    RelatedCandidate.objects.filter(article_id__in=batch).delete()
    insert_rows(
        RelatedCandidate,
        ["article", "candidate", "score", "published_at"],
        (
            (essay_id, candidate, score, dates[candidate])
            for essay_id in batch
            for candidate, score in pools[essay_id]
            if candidate in existing
        ),
    )
    RelatedState.objects.bulk_create(
        [RelatedState(article_id=pk, computed_at=started) for pk in batch], ignore_conflicts=True
    )
    # An essay changed while this ran keeps no pool: it may have been read before the change.
    RelatedState.objects.filter(article_id__in=batch).filter(
        Q(changed_at__isnull=True) | Q(changed_at__lte=started)
    ).update(computed_at=started)


def _weights_for_refresh(tags_by_essay, *, everything):
    """All weights recomputed (`everything`), else frozen ones plus new tags weighed now."""
    published = set(Article.objects.published().values_list("pk", flat=True))
    carrying = defaultdict(int)
    for essay_id, tag_ids in tags_by_essay.items():
        if essay_id in published:
            for tag_id in tag_ids:
                carrying[tag_id] += 1
    frozen = dict(Tag.objects.values_list("pk", "related_weight"))
    weights = {}
    for tag_id, weight in frozen.items():
        if everything or weight is None:
            weights[tag_id] = tag_weight(carrying[tag_id], len(published))
        else:
            weights[tag_id] = weight
    changed = [Tag(pk=pk, related_weight=w) for pk, w in weights.items() if frozen[pk] != w]
    Tag.objects.bulk_update(changed, ["related_weight"], batch_size=1000)
    return weights
