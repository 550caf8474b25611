"""
Rows written without a model instance each (`articles.bulk_insert`) hold exactly what the
ORM would have written: the services' hot paths take that shortcut for every date.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from articles.bulk_insert import insert_rows
from articles.models import AuditAction, AuditEntry, RelatedLink, Revision
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TOKYO_EVENING = datetime(2024, 12, 31, 23, 30, tzinfo=ZoneInfo("Asia/Tokyo"))


def stored(model, pk, column):
    """The column's value as the database holds it."""
    quote = connection.ops.quote_name
    sql = f"SELECT {quote(column)} FROM {quote(model._meta.db_table)} WHERE id = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        return cursor.fetchone()[0]


def audit_row(at):
    return (None, "Essay", None, at, AuditAction.CREATE, "", "draft", "", None)


COLUMNS = ["article", "article_title", "actor", "at", "action", "from_status", "to_status",
           "comment", "published_at"]  # fmt: skip


@pytest.mark.parametrize("moment", [TOKYO_EVENING, TOKYO_EVENING.astimezone(UTC)])
def test_an_aware_time_is_stored_as_the_orm_stores_it(moment):
    by_orm = AuditEntry.objects.create(
        article_title="Essay", at=moment, action=AuditAction.CREATE, to_status="draft"
    )
    insert_rows(AuditEntry, COLUMNS, [audit_row(moment)])
    inserted = AuditEntry.objects.exclude(pk=by_orm.pk).get()

    assert stored(AuditEntry, inserted.pk, "at") == stored(AuditEntry, by_orm.pk, "at")
    assert inserted.at == moment


def test_a_naive_time_goes_the_orm_s_way_with_its_warning():
    naive = datetime(2024, 12, 31, 23, 30)

    with pytest.warns(RuntimeWarning, match="naive datetime"):
        insert_rows(AuditEntry, COLUMNS, [audit_row(naive)])

    assert AuditEntry.objects.get().at == naive.replace(tzinfo=UTC)


def test_dates_and_missing_values_are_stored_as_the_orm_stores_them():
    essay = ArticleFactory()
    by_orm = RelatedLink.objects.create(
        article=essay, position=1, reference_summary="One.", reference_date=date(2024, 2, 29)
    )
    insert_rows(
        RelatedLink,
        ["article", "position", "target", "reference_summary", "reference_date"],
        [(essay.pk, 2, None, "Two.", date(2024, 2, 29)), (essay.pk, 3, None, "Three.", None)],
    )
    second, third = RelatedLink.objects.exclude(pk=by_orm.pk).order_by("position")

    assert stored(RelatedLink, second.pk, "reference_date") == stored(
        RelatedLink, by_orm.pk, "reference_date"
    )
    assert (second.reference_date, third.reference_date) == (date(2024, 2, 29), None)


def test_many_rows_arrive_whole_whatever_their_text_dates_and_bytes():
    # Past COPY_FROM rows PostgreSQL is sent them as data rather than as one statement.
    essay = ArticleFactory()
    summary = "Line {}\twith a tab,\na break, a \\ backslash, “quotes” and \u00e9"
    summaries = [summary.format(n) for n in range(150)]
    rows = [(essay.pk, n, None, summary, date(2024, 1, 1 + n % 28) if n % 3 else None)
            for n, summary in enumerate(summaries, start=1)]  # fmt: skip

    assert insert_rows(
        RelatedLink,
        ["article", "position", "target", "reference_summary", "reference_date"],
        rows,
    ) == len(rows)  # fmt: skip

    stored_rows = RelatedLink.objects.order_by("position").values_list(
        "article", "position", "target", "reference_summary", "reference_date"
    )
    assert list(stored_rows) == rows


def test_many_revisions_keep_their_bytes_and_times():
    essay = ArticleFactory()
    contents = [bytes(range(256)) * (n + 1) for n in range(120)]
    rows = [(essay.pk, n, TOKYO_EVENING, None, "", "", content)
            for n, content in enumerate(contents, start=1)]  # fmt: skip

    insert_rows(
        Revision,
        ["article", "number", "created_at", "author", "comment", "transition", "content"],
        rows,
    )

    revisions = Revision.objects.filter(article=essay).order_by("number")
    assert [bytes(revision.content) for revision in revisions] == contents
    assert {revision.created_at for revision in revisions} == {TOKYO_EVENING}
