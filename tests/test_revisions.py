"""
Revisions: one per save with the whole essay in it, readable comparisons, restoring, and
saves from a stale form refused without losing anyone's words.
"""

import json
import random

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import comparing, services
from articles.models import Article, ArticleStatus, Revision
from articles.services import SectionData
from articles.synthetic import EssayWriter
from tests.admin_forms import change_url, form_from_page
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, SectionFactory

pytestmark = pytest.mark.django_db


def reload(article):
    return Article.objects.get(pk=article.pk)


def edit(article, by, *, sections=None, **fields):
    article = reload(article)
    for name, value in fields.items():
        setattr(article, name, value)
    return services.article_save(article=article, by=by, sections=sections)


def sections(*pairs):
    return [SectionData(heading, body) for heading, body in pairs]


# --- A revision per save ------------------------------------------------------------------------


def test_every_save_stores_a_revision_of_the_whole_essay(editor):
    critic = AuthorFactory(name="Ana Pires")
    essay = ArticleFactory.build(draft=True, title="First title", category=CategoryFactory())
    target = ArticleFactory(title="Pinned companion")
    services.article_save(
        article=essay,
        by=editor,
        sections=sections(("", "Opening words."), ("Second part", "More words.")),
        authors=[critic],
        tags=["open-air cinema", "festivals"],
        pins=[services.PinData(target.pk), services.PinData(None, "A later essay.", None)],
    )
    edit(essay, editor, title="Second title")

    first, second = Revision.objects.filter(article=essay).order_by("number")
    assert (first.number, second.number, reload(essay).version) == (1, 2, 2)
    assert first.author == editor and first.created_at <= second.created_at
    old, new = first.snapshot(), second.snapshot()
    assert old["title"] == "First title" and new["title"] == "Second title"
    assert new["sections"] == [
        {"heading": "", "body": "Opening words."},
        {"heading": "Second part", "body": "More words."},
    ]
    assert sorted(new["tags"]) == ["festivals", "open-air cinema"]
    assert new["authors"] == [{"id": critic.pk, "name": "Ana Pires"}]
    assert [p["target"] for p in new["pins"]] == [target.pk, None]
    assert new["category"]["name"] == essay.category.name
    assert new["lead_image"] == {"name": "", "alt": "", "credit": ""}


def test_a_revision_records_its_comment_and_the_workflow_step_taken_on_it(writer, editor):
    draft = ArticleFactory(draft=True, owner=writer)
    draft.title = "Ready for the desk"
    services.article_save(article=draft, by=writer, comment="First full draft.")
    services.article_submit(article=reload(draft), by=writer)

    revision = Revision.objects.get(article=draft, number=reload(draft).version)
    assert revision.comment == "First full draft."
    assert revision.transition == "submit"


def test_an_essay_from_before_revisions_keeps_its_old_state_as_revision_one(editor):
    legacy = ArticleFactory(title="As it was")  # written without the services: version 0

    edit(legacy, editor, title="As it is")

    revisions = Revision.objects.filter(article=legacy).order_by("number")
    assert [r.number for r in revisions] == [1, 2]
    assert [r.snapshot()["title"] for r in revisions] == ["As it was", "As it is"]
    assert revisions[0].comment == "As it was before this save."


def test_a_hundred_saves_of_a_thirty_section_essay_take_under_one_and_a_half_megabytes(editor):
    writer = EssayWriter(random.Random(7), sentence_bank_size=2000)
    # About 6,000 words in 30 sections of five paragraphs, no two sentences alike.
    body = [
        (
            "" if n == 0 else f"Part {n}",
            "\n\n".join(" ".join(writer.rng.sample(writer.sentences, 3)) for _ in range(5)),
        )
        for n in range(30)
    ]
    essay = ArticleFactory.build(draft=True, category=CategoryFactory())
    services.article_save(article=essay, by=editor, sections=sections(*body))
    for n in range(99):
        heading, text = body[n % 30]
        body[n % 30] = (heading, f"{text} A sentence added in save {n}.")
        edit(essay, editor, sections=sections(*body))

    revisions = Revision.objects.filter(article=essay)
    stored = sum(len(r.content) for r in revisions)
    raw = sum(len(json.dumps(r.snapshot()).encode()) for r in revisions)
    assert revisions.count() == 100
    assert sum(len(b.split()) for _, b in body) > 5_000
    assert raw > 3 * stored  # compressed to under a third of full copies
    assert stored < 1_500_000


# --- Comparing -----------------------------------------------------------------------------------


def snapshot_of(title="A title", standfirst="One line.", secs=(), tags=(), pins=()):
    return {
        "title": title, "standfirst": standfirst, "slug": "a", "category": None,
        "sections": [{"heading": h, "body": b} for h, b in secs],
        "tags": list(tags), "authors": [], "pins": list(pins),
        "lead_image": {"name": "", "alt": "", "credit": ""},
    }  # fmt: skip


def kinds(change):
    return [(piece.kind, piece.text) for piece in change.pieces]


def test_words_inserted_and_deleted_are_marked_and_the_rest_kept():
    change = comparing.compare_text("The long take waits.", "The long slow take waits here.")

    assert kinds(change) == [
        ("same", "The long "),
        ("inserted", "slow "),
        ("same", "take "),
        ("deleted", "waits."),
        ("inserted", "waits here."),
    ]
    assert "".join(p.text for p in change.pieces if p.kind != "deleted") == (
        "The long slow take waits here."
    )


def test_a_changed_heading_is_shown_on_its_section():
    old = snapshot_of(secs=[("", "Intro."), ("Night trains", "Body.")])
    new = snapshot_of(secs=[("", "Intro."), ("Night buses", "Body.")])

    result = comparing.compare(old, new)

    assert [s.kind for s in result.sections] == ["same", "changed"]
    assert kinds(result.sections[1].heading) == [
        ("same", "Night "),
        ("deleted", "trains"),
        ("inserted", "buses"),
    ]


def test_a_section_moved_to_the_top_is_shown_as_moved_not_as_everything_changed():
    names = ["Arrival", "Programme", "Projection", "Audience", "Departure"]
    old = snapshot_of(secs=[(name, f"Text of {name}.") for name in names])
    new = snapshot_of(secs=[(name, f"Text of {name}.") for name in [names[-1], *names[:-1]]])

    result = comparing.compare(old, new)

    assert all(s.kind == "same" for s in result.sections)
    assert [(s.old_position, s.new_position) for s in result.sections] == [
        (5, 1), (1, 2), (2, 3), (3, 4), (4, 5),
    ]  # fmt: skip
    assert result.sections[0].moved and result.changed


def test_added_and_removed_sections_tags_and_pins_are_listed():
    old = snapshot_of(
        secs=[("A", "a"), ("B", "b")],
        tags=["noir", "festivals"],
        pins=[{"target": 7, "summary": "", "date": None}],
    )
    new = snapshot_of(
        secs=[("A", "a"), ("C", "c")],
        tags=["festivals", "archives"],
        pins=[{"target": None, "summary": "A coming essay.", "date": "2026-01-02"}],
    )

    result = comparing.compare(old, new, pin_titles={7: "The pinned one"})

    # A section whose heading changed is the section that stood there, edited.
    assert [(s.kind, s.old_position, s.new_position) for s in result.sections] == [
        ("same", 1, 1), ("changed", 2, 2),
    ]  # fmt: skip
    assert result.tags.added == ("archives",) and result.tags.removed == ("noir",)
    assert result.pins.removed == ("The pinned one",)
    assert result.pins.added == ("A coming essay. (2026-01-02, not yet matched)",)


def test_identical_revisions_compare_as_unchanged():
    same = snapshot_of(secs=[("", "Text.")], tags=["a"])
    assert not comparing.compare(same, same).changed


def test_the_comparison_page_shows_changes_escaped(editor_client, editor):
    essay = ArticleFactory.build(draft=True, title="Plain", category=CategoryFactory())
    services.article_save(article=essay, by=editor, sections=sections(("", "Calm text.")))
    edit(
        essay, editor, title="<script>alert(1)</script>",
        sections=sections(("", "Calm text, then <b>bold</b> words.")),
    )  # fmt: skip

    url = reverse("admin:articles_article_revisions_compare", args=[essay.pk]) + "?a=1&b=2"
    html = editor_client.get(url).content.decode()

    assert "<script>alert(1)</script>" not in html and "<b>bold</b>" not in html
    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in html
    assert "<del>Plain</del>" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_the_revisions_page_lists_every_save_with_who_and_restore_buttons(editor_client, editor):
    essay = ArticleFactory.build(draft=True, title="One", category=CategoryFactory())
    services.article_save(article=essay, by=editor, sections=sections(("", "x")))
    edit(essay, editor, title="Two")

    html = editor_client.get(reverse("admin:articles_article_revisions", args=[essay.pk]))
    html = html.content.decode()

    assert html.count('name="a"') == 2 and "editor" in html
    assert reverse("admin:articles_article_revision_restore", args=[essay.pk, 1]) in html
    assert reverse("admin:articles_article_revision_restore", args=[essay.pk, 2]) not in html


# --- Restoring -----------------------------------------------------------------------------------


def test_restoring_makes_a_new_revision_equal_to_the_old_one(editor):
    desk, other_desk = CategoryFactory(name="Desk A"), CategoryFactory(name="Desk B")
    essay = ArticleFactory.build(draft=True, title="Original", category=desk)
    services.article_save(
        article=essay, by=editor, sections=sections(("", "First."), ("Part", "Second.")),
        tags=["noir"],
    )  # fmt: skip
    edit(essay, editor, title="Rewritten", category=other_desk, sections=sections(("", "New.")))
    services.article_tags_set(article=reload(essay), tags=["archives"], by=editor)

    services.revision_restore(revision=Revision.objects.get(article=essay, number=1), by=editor)

    newest = Revision.objects.get(article=essay, number=reload(essay).version)
    assert newest.number == 4 and newest.comment == "Restored revision 1."
    restored = comparing.compare(
        Revision.objects.get(article=essay, number=1).snapshot(), newest.snapshot()
    )
    assert not restored.changed
    assert [s.body for s in reload(essay).sections.all()] == ["First.", "Second."]


def test_a_writer_cannot_restore_over_a_live_essay(writer, editor):
    essay = ArticleFactory(owner=writer, title="Live now")
    edit(essay, editor, title="Live, edited")  # revisions 1 (as found) and 2

    with pytest.raises(PermissionDenied):
        services.revision_restore(revision=Revision.objects.get(article=essay, number=1), by=writer)
    assert reload(essay).title == "Live, edited"


def test_restoring_from_the_admin_as_a_writer_on_a_live_essay_is_refused(writer_client, writer):
    essay = ArticleFactory(owner=writer, title="Live")
    edit(essay, None, title="Live, edited")

    url = reverse("admin:articles_article_revision_restore", args=[essay.pk, 1])
    assert writer_client.post(url).status_code == 403
    assert reload(essay).title == "Live, edited"


def test_a_writer_restores_an_older_revision_of_their_own_draft(writer_client, writer):
    draft = ArticleFactory(draft=True, owner=writer, title="Good title")
    edit(draft, writer, title="Worse title")

    writer_client.post(reverse("admin:articles_article_revision_restore", args=[draft.pk, 1]))

    assert reload(draft).title == "Good title"


# --- Saves from a stale form ---------------------------------------------------------------------


def test_a_save_from_an_older_version_is_refused_by_the_service(editor, desk_editor):
    essay = ArticleFactory(draft=True)
    edit(essay, editor, title="Editor one's title")  # version 2
    stale = reload(essay)
    edit(essay, desk_editor, title="Editor two's title")  # version 3

    stale.title = "Editor one again"
    with pytest.raises(services.EditConflict) as conflict:
        services.article_save(article=stale, by=editor, expected_version=2)

    assert conflict.value.current_version == 3 and conflict.value.theirs.author == desk_editor
    assert reload(essay).title == "Editor two's title"


def test_the_second_of_two_editors_gets_the_conflict_page_with_their_text_kept(
    client, editor, desk_editor
):
    essay = ArticleFactory(draft=True, title="Shared essay", paragraphs__skip=True)
    SectionFactory(article=essay, position=1, heading="", body="The first paragraph.")
    SectionFactory(article=essay, position=2, heading="Middle", body="The middle.")
    client.force_login(editor)
    first_form = form_from_page(client.get(change_url(essay)).content.decode())
    client.force_login(desk_editor)
    second_form = form_from_page(client.get(change_url(essay)).content.decode())

    client.force_login(editor)
    first_form["sections-1-heading"] = "Centre"
    assert client.post(change_url(essay), first_form).status_code == 302

    client.force_login(desk_editor)
    second_form["title"] = "Shared essay, retitled by the desk"
    second_form["sections-0-body"] = "The desk's own first paragraph."
    response = client.post(change_url(essay), second_form)
    html = response.content.decode()

    assert response.status_code == 200
    assert "saved this essay while you were editing it" in html
    assert "Shared essay, retitled by the desk" in html  # their own text stays in the form
    assert "The desk&#x27;s own first paragraph." in html or "The desk's own" in html
    assert "<del>Middle</del>" in html and "<ins>Centre</ins>" in html  # what the other did
    essay = reload(essay)
    assert essay.title == "Shared essay" and essay.sections.get(position=2).heading == "Centre"

    # Having seen the other change, saving again goes through: the form moved on.
    again = form_from_page(html)
    again["sections-1-heading"] = "Centre"
    assert client.post(change_url(essay), again).status_code == 302
    essay = reload(essay)
    assert essay.title == "Shared essay, retitled by the desk"
    assert [s.heading for s in essay.sections.all()] == ["", "Centre"]
    assert essay.sections.first().body == "The desk's own first paragraph."


def test_a_workflow_step_by_someone_else_does_not_make_a_form_stale(client, editor, writer):
    essay = ArticleFactory(draft=True, owner=writer)
    services.article_save(article=reload(essay), by=writer)
    client.force_login(editor)
    form = form_from_page(client.get(change_url(essay)).content.decode())

    services.article_submit(article=reload(essay), by=writer)
    form["title"] = "Edited while it went to review"

    assert client.post(change_url(essay), form).status_code == 302
    assert reload(essay).status == ArticleStatus.IN_REVIEW


def test_a_section_removed_from_the_middle_is_listed_where_it_stood():
    old = snapshot_of(secs=[("One", "1"), ("Two", "2"), ("Three", "3")])
    new = snapshot_of(secs=[("One", "1"), ("Three", "3")])

    result = comparing.compare(old, new)

    assert [(s.kind, s.old_position, s.new_position) for s in result.sections] == [
        ("same", 1, 1), ("removed", 2, None), ("same", 3, 2),
    ]  # fmt: skip
