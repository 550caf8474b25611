"""Bringing essays in from plain-text page files: from the shell, and from the admin."""

import io
import zipfile
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.admin.importing import ImportEssaysView
from articles.importing import importer
from articles.importing.importer import import_pages
from articles.importing.sources import PageSource, sources_from_paths
from articles.models import (
    Article,
    ArticleStatus,
    Author,
    RelatedLink,
    RelatedState,
    Section,
    Tag,
    TaggedArticle,
)
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
IMPORT_URL = reverse("admin:articles_article_import")

OPENING = (
    "The projectionist threads the reel by touch, because the booth light died in March. "
    "Nobody in the village thinks this remarkable. They come for the film and stay for the "
    "argument afterwards, which lasts longer than the film."
)
MIDDLE = (
    "Subsidies arrived late and left early. What remained was a habit of sharing lenses, "
    "vans and favours, and a conviction that small crews see more than large ones."
)
CLOSING = (
    "Forty years on, the society still meets on Thursdays. The chairs are new; the argument "
    "is not, and nobody would want it to be."
)


def page_text(
    title="Harbour lights",
    standfirst="How dock workers built the first film societies.",
    day="March 4, 2024",
    *,
    front=None,
    body=(OPENING, "The societies and their rules.", MIDDLE, CLOSING),
    related=(),
):
    lines = []
    if front is not None:
        lines += ["---", *(f"{key}: {value}" for key, value in front.items()), "---"]
    lines += [title, standfirst, day, "Facebook X Reddit", *body]
    if related:
        lines.append("Related Articles")
        for summary, when in related:
            lines += [summary, when]
    return "\n".join(lines) + "\n"


def write(folder, name, text):
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def run(*paths, **options):
    """The command's output and error text, and whether it exited successfully."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", *map(str, paths), stdout=out, stderr=err, **options)
    except CommandError as error:
        return out.getvalue(), err.getvalue() + str(error), False
    return out.getvalue(), err.getvalue(), True


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Section, Tag, TaggedArticle, Author, RelatedLink)
    }


@pytest.fixture
def desk():
    return CategoryFactory(name="Festivals", slug="festivals")


def import_texts(*texts, **options):
    sources = [
        PageSource(f"page-{n}.txt", lambda text=text: text.encode()) for n, text in enumerate(texts)
    ]
    return import_pages(sources, **options)


# --- The seed page -------------------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed pages in ../shared/seeds are absent")
def test_seed_page_imports_whole_and_its_related_entries_wait_until_their_essay_arrives(desk):
    seed = sorted(SEEDS.glob("*.txt"))[0]
    seed_lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines()]

    report = import_pages(sources_from_paths([seed]), default_category=desk)

    assert (report.created, report.failed, report.unresolved) == (1, 0, 20)
    article = Article.objects.get()
    assert article.title == seed_lines[0]
    assert article.status == ArticleStatus.DRAFT
    assert article.published_at == datetime(2025, 7, 23, tzinfo=UTC)
    sections = list(article.sections.order_by("position"))
    assert len(sections) == 5
    assert sections[0].heading == ""
    headings = [section.heading for section in sections[1:]]
    assert all(headings)
    assert [seed_lines.index(h) for h in headings] == sorted(seed_lines.index(h) for h in headings)
    assert sum(len(section.paragraphs) for section in sections) == 12
    body = "\n".join(f"{s.heading}\n{s.body}" for s in sections)
    assert "ADVERTISEMENT" not in body
    assert "Facebook X Reddit" not in body

    links = list(article.pinned_links.order_by("position"))
    after_marker = seed_lines[seed_lines.index("Related Articles") + 1 :]
    assert [link.reference_summary for link in links] == after_marker[::2]
    assert all(link.target is None for link in links)

    # An essay whose standfirst and date match one entry, typed with straight quotes and
    # different spacing, resolves it.
    waiting = next((link for link in links if "\u2019" in link.reference_summary), links[0])
    standfirst = "  ".join(waiting.reference_summary.replace("\u2019", "'").split())
    later = import_texts(
        page_text(standfirst=standfirst, day=waiting.reference_date.isoformat()),
        default_category=desk,
    )

    assert (later.created, later.resolved_earlier) == (1, 1)
    waiting.refresh_from_db()
    assert waiting.target == Article.objects.get(slug="harbour-lights")
    assert waiting.reference_summary  # kept, so export can still name it


# --- The command ---------------------------------------------------------------------------


def test_command_imports_files_and_folders_recursively_and_prints_a_summary(tmp_path, desk):
    write(tmp_path, "one.txt", page_text("First essay"))
    write(tmp_path, "nested/deeper/two.txt", page_text("Second essay"))
    write(tmp_path, "nested/notes.md", "not a page: only .txt files are read from folders")
    single = write(tmp_path / "elsewhere", "three.page", page_text("Third essay"))

    out, err, ok = run(tmp_path, single, category="festivals")

    assert ok, err
    assert "3 files: 3 created, 0 updated, 0 failed" in out
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "First essay",
        "Second essay",
        "Third essay",
    ]


def test_reimporting_the_same_files_updates_them_and_duplicates_nothing(tmp_path, desk):
    front = {"slug": "harbour", "tags": "ports, film societies", "authors": "Ilse Marrow"}
    write(tmp_path, "a.txt", page_text(front=front, related=[("Another essay.", "2024-01-02")]))
    write(tmp_path, "b.txt", page_text("Another", "Another essay.", "2024-01-02"))
    run(tmp_path, category="festivals")
    before = counts()

    out, err, ok = run(tmp_path, category="festivals")

    assert ok, err
    assert "2 files: 0 created, 2 updated, 0 failed" in out
    assert counts() == before
    assert before["Section"] == 4 and before["TaggedArticle"] == 2 and before["RelatedLink"] == 1


def test_reimporting_a_changed_page_replaces_its_sections_tags_and_related_entries(desk):
    import_texts(
        page_text(
            front={"slug": "harbour", "tags": "ports, archives"}, related=[("X.", "2024-01-01")]
        ),
        default_category=desk,
    )

    import_texts(
        page_text(
            "Harbour lights, revised", front={"slug": "harbour", "tags": "ports"}, body=[OPENING]
        ),
        default_category=desk,
    )

    article = Article.objects.get(slug="harbour")
    assert article.title == "Harbour lights, revised"
    assert [s.paragraphs for s in article.sections.all()] == [[OPENING]]
    assert [tag.name for tag in article.tags.all()] == ["ports"]
    assert not article.pinned_links.exists()


def test_page_without_front_matter_is_a_draft_with_a_slug_from_its_title_and_no_tags(desk):
    import_texts(page_text("Harbour Lights: A History"), default_category=desk)

    article = Article.objects.get()
    assert article.slug == "harbour-lights-a-history"
    assert article.status == ArticleStatus.DRAFT
    assert article not in Article.objects.published()
    assert not article.tags.exists()
    assert article.category == desk


def test_front_matter_sets_category_by_name_or_slug_authors_tags_and_status():
    CategoryFactory(name="National cinemas", slug="national-cinemas")
    front = {
        "slug": "port-towns",
        "category": "NATIONAL CINEMAS",
        "authors": "Ilse Marrow, Teo Bramble",
        "tags": "Ports, film societies",
        "status": "published",
    }

    report = import_texts(page_text(front=front))
    import_texts(
        page_text("Second", front={**front, "slug": "second", "category": "national-cinemas"})
    )

    assert report.created == 1
    article = Article.objects.get(slug="port-towns")
    assert article.category.slug == "national-cinemas"
    assert sorted(a.name for a in article.authors.all()) == ["Ilse Marrow", "Teo Bramble"]
    assert Author.objects.count() == 2  # the second page found the same authors
    assert sorted(t.name for t in article.tags.all()) == ["Ports", "film societies"]
    assert article in Article.objects.published()
    assert article.published_at == datetime(2024, 3, 4, tzinfo=UTC)


def test_published_date_is_midnight_of_the_page_date_in_the_site_time_zone(settings, desk):
    settings.TIME_ZONE = "Asia/Tokyo"

    import_texts(page_text(day="2024-03-04", front={"status": "published"}), default_category=desk)

    assert Article.objects.get().published_at == datetime(2024, 3, 3, 15, tzinfo=UTC)


def test_imported_and_retagged_essays_are_ranked_afresh_in_related_lists(desk):
    front = {"slug": "harbour", "tags": "ports", "status": "published"}
    import_texts(page_text(front=front), default_category=desk)
    assert RelatedState.objects.get(article__slug="harbour").changed_at is not None
    RelatedState.objects.all().update(changed_at=None)  # as after a refresh

    import_texts(page_text(front=front), default_category=desk)  # nothing changed
    unchanged = RelatedState.objects.get(article__slug="harbour").changed_at
    import_texts(page_text(front={**front, "tags": "ports, rivers"}), default_category=desk)

    assert unchanged is None
    assert RelatedState.objects.get(article__slug="harbour").changed_at is not None


def test_reimporting_a_page_without_status_leaves_a_published_essay_published(desk):
    ArticleFactory(slug="harbour-lights", published_at=datetime(2024, 3, 4, 9, 30, tzinfo=UTC))

    report = import_texts(page_text(), default_category=desk)

    article = Article.objects.get()
    assert report.updated == 1
    assert article.status == ArticleStatus.PUBLISHED
    assert article.published_at == datetime(2024, 3, 4, 9, 30, tzinfo=UTC)  # same day: kept


def test_page_naming_no_category_fails_unless_a_default_category_is_given(tmp_path, desk):
    path = write(tmp_path, "plain.txt", page_text())

    _, err, ok = run(path)

    assert not ok
    assert f"{path}:1: the page names no category" in err
    assert not Article.objects.exists()
    assert run(path, category="Festivals")[2]
    assert Article.objects.get().category == desk


def test_unknown_default_category_stops_the_command_before_importing(tmp_path, desk):
    with pytest.raises(CommandError, match='Unknown category "Fiestas"'):
        call_command(
            "import_articles", str(write(tmp_path, "a.txt", page_text())), category="Fiestas"
        )


BAD_PAGES = {
    "empty": (b"", 1, "the file is empty"),
    "missing date": (b"Title\nStandfirst\n", 3, "the publication date is missing"),
    "unparseable date": (
        b"Title\nStandfirst\nlast Tuesday\nBody.\n",
        3,
        "expected the publication date",
    ),
    "not utf-8": (b"Title\nStandfirst\n2024-01-01\nCaf\xe9.\n", 4, "not UTF-8"),
    "unclosed front matter": (b"---\nslug: x\nTitle\nStandfirst\n", 1, "never closed"),
    "unknown category": (
        page_text(front={"category": "Fiestas", "tags": "new tag"}).encode(),
        2,
        'unknown category "Fiestas"',
    ),
}


@pytest.mark.parametrize("case", BAD_PAGES, ids=list(BAD_PAGES))
def test_bad_file_is_refused_by_file_line_and_reason_and_the_good_ones_still_import(
    tmp_path, desk, case
):
    data, line, reason = BAD_PAGES[case]
    bad = write(tmp_path, "a-bad.txt", data)
    write(tmp_path, "b-good.txt", page_text("The good one"))

    out, err, ok = run(tmp_path, category="festivals")

    assert not ok
    assert f"{bad}:{line}: " in err and reason in err
    assert "2 files: 1 created, 0 updated, 1 failed" in out
    assert list(Article.objects.values_list("title", flat=True)) == ["The good one"]
    assert not Tag.objects.exists()  # nothing of the bad file was written


def test_byte_order_mark_and_windows_line_endings_import_cleanly(desk):
    text = "\ufeff" + page_text().replace("\n", "\r\n")
    source = PageSource("windows.txt", lambda: text.encode())

    report = import_pages([source], default_category=desk)

    assert report.created == 1
    article = Article.objects.get()
    assert article.title == "Harbour lights"
    assert "\r" not in "".join(s.body for s in article.sections.all())


def test_failure_late_in_a_page_rolls_back_everything_written_for_it(desk):
    # The category is checked first, so make the tag refusal happen after the article,
    # its sections and its authors were written.
    text = page_text(front={"authors": "Ilse Marrow", "tags": "ports, ---"})

    report = import_texts(text, default_category=desk)

    assert report.failed == 1
    assert str(report.failures[0]).startswith("page-0.txt:3: ")
    assert counts() == dict.fromkeys(counts(), 0)


@pytest.mark.django_db(transaction=True)
def test_files_sharing_a_commit_are_each_kept_or_refused_whole(desk, monkeypatch):
    # Files imported close together share a commit; a refused one among them still leaves
    # nothing behind, and the others are there once the import is over.
    monkeypatch.setattr(importer, "GROUP_SECONDS", 60)
    good = page_text(front={"tags": "ports"})
    refused = page_text("Second", "Another standfirst.", front={"tags": "ports, ---"})
    third = page_text("Third", "A third standfirst.", front={"tags": "ports"})

    report = import_texts(good, refused, third, default_category=desk)

    assert (report.created, report.failed) == (2, 1)
    assert str(report.failures[0]).startswith("page-1.txt:2: ")
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Harbour lights", "Third"]
    assert TaggedArticle.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_files_sharing_a_commit_are_rendered_and_indexed_together_when_it_ends(desk, monkeypatch):
    from articles import search
    from articles.models import ArticleRendering
    from articles.services import renderings

    monkeypatch.setattr(importer, "GROUP_SECONDS", 60)
    batches = []
    render = renderings.essays_render
    monkeypatch.setattr(renderings, "essays_render", lambda ids: batches.append(ids) or render(ids))
    front = {"tags": "ports", "status": "published"}
    good = page_text(front=front)
    refused = page_text("Second", "Another standfirst.", front={**front, "tags": "ports, ---"})
    third = page_text("Third", "Harbour cranes at dusk.", front=front)

    import_texts(good, refused, third, default_category=desk)

    essays = Article.objects.order_by("title")
    assert len(batches) == 1 and sorted(batches[0]) == sorted(e.pk for e in essays)
    assert ArticleRendering.objects.filter(article__in=essays).count() == 2
    found = Article.objects.filter(pk__in=search.matching_ids("cranes"))
    assert [essay.title for essay in found] == ["Third"]


@pytest.mark.django_db(transaction=True)
def test_essays_published_by_one_commit_are_listed_by_date_on_their_tag_and_author_pages(
    client, desk, monkeypatch
):
    monkeypatch.setattr(importer, "GROUP_SECONDS", 60)
    front = {"tags": "ports", "authors": "Ines Varga", "status": "published"}
    older = page_text("Older harbour", "Dockside screenings.", "May 2, 2023", front=front)
    newer = page_text("Newer harbour", "Cranes on film.", "June 9, 2024", front=front)

    import_texts(older, newer, default_category=desk)

    for address in ("/tags/ports/", "/authors/ines-varga/"):
        html = client.get(address).content.decode()
        assert 0 < html.index("Newer harbour") < html.index("Older harbour"), address


@pytest.mark.django_db(transaction=True)
def test_when_a_shared_commit_fails_its_files_are_imported_again_one_by_one(desk, monkeypatch):
    # An editor deletes a tag while the import runs: the files tagged with it after that
    # point at a row that is gone, which the database notices only at commit. No file is
    # lost: they are imported again, each in its own transaction, and the tag comes back.
    monkeypatch.setattr(importer, "GROUP_SECONDS", 60)
    texts = [page_text(f"Essay {n}", f"Standfirst {n}.", front={"tags": "ports"}) for n in range(3)]
    deleted = []

    def read(n):
        if n == 1 and not deleted:
            deleted.append(Tag.objects.filter(name="ports").delete())
        return texts[n].encode()

    sources = [PageSource(f"page-{n}.txt", lambda n=n: read(n)) for n in range(3)]
    report = import_pages(sources, default_category=desk)

    assert deleted, "the tag was deleted during the import"
    assert (report.created, report.failed) == (3, 0)
    assert Article.objects.count() == 3
    assert set(TaggedArticle.objects.values_list("tag__name", flat=True)) == {"ports"}
    assert TaggedArticle.objects.count() == 3


def test_a_moment_the_database_is_locked_fails_one_file_and_the_rest_import(desk, monkeypatch):
    real_atomic = transaction.atomic
    entered = []

    @contextmanager
    def locked_at_first(*args, **kwargs):
        entered.append(1)
        if len(entered) <= 2:  # the group's transaction, then the first file's own
            raise OperationalError("database is locked")
        with real_atomic(*args, **kwargs):
            yield

    monkeypatch.setattr(importer.transaction, "atomic", locked_at_first)
    texts = [page_text(f"Essay {n}", f"Standfirst {n}.") for n in range(3)]

    report = import_texts(*texts, default_category=desk)

    assert (report.created, report.failed) == (2, 1)
    assert str(report.failures[0]) == "page-0.txt: could not be imported: database is locked"
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Essay 1", "Essay 2"]


def test_imported_essays_show_at_once_on_cached_pages(client, desk):
    ArticleFactory(title="Already on the home page", category=desk)
    assert "Already on the home page" in client.get(reverse("articles:home")).text

    import_texts(
        page_text(front={"status": "published"}),
        page_text("Second", "Another one."),
        default_category=desk,
    )

    home = client.get(reverse("articles:home")).text
    assert "Harbour lights" in home  # published by the import
    assert "Second" not in home  # a draft


def test_missing_path_is_reported_and_the_rest_imported(tmp_path, desk):
    good = write(tmp_path, "good.txt", page_text())

    _, err, ok = run(tmp_path / "nope.txt", good, category="festivals")

    assert not ok
    assert "nope.txt: cannot be read: No such file or directory" in err
    assert Article.objects.count() == 1


def test_dry_run_reports_what_would_happen_and_writes_nothing(tmp_path, desk):
    write(tmp_path, "a.txt", page_text(front={"tags": "ports", "authors": "Ilse Marrow"}))
    write(tmp_path, "b.txt", page_text("Second", day="someday"))

    out, err, ok = run(tmp_path, category="festivals", dry_run=True)

    assert not ok  # a bad file fails a dry run too
    assert "Dry run, nothing was written. 2 files: 1 would be created" in out
    assert "b.txt:3: expected the publication date" in err
    assert counts() == dict.fromkeys(counts(), 0)


def test_large_import_shows_progress(tmp_path, desk):
    for n in range(60):
        write(tmp_path, f"{n:03}.txt", page_text(f"Essay {n}"))

    _, err, ok = run(tmp_path, category="festivals")

    assert ok
    assert "60/60 files, 0 failed" in err
    assert Article.objects.count() == 60


# --- Related articles ----------------------------------------------------------------------


def test_related_entries_point_at_existing_essays_draft_or_published_in_page_order(desk):
    published = ArticleFactory(
        standfirst="On “subtitles” and their enemies.",
        published_at=datetime(2023, 12, 1, 18, tzinfo=UTC),
    )
    draft = ArticleFactory(
        draft=True,
        standfirst="The last projectionist.",
        published_at=datetime(2024, 5, 1, tzinfo=UTC),
    )
    related = [
        ("The last projectionist.", "May 1, 2024"),
        ("Nothing like this exists.", "May 1, 2024"),
        ('On "subtitles"   and their enemies.', "1 December 2023"),
        ("The last projectionist.", "May 2, 2024"),  # right words, wrong day
    ]

    report = import_texts(page_text(related=related), default_category=desk)

    links = Article.objects.get(slug="harbour-lights").pinned_links.order_by("position")
    assert [(link.position, link.target) for link in links] == [
        (1, draft),
        (2, None),
        (3, published),
        (4, None),
    ]
    assert report.unresolved == 2


def test_related_entry_resolves_when_its_essay_comes_later_in_the_same_import(tmp_path, desk):
    write(tmp_path, "1-first.txt", page_text(related=[("The second essay.", "2024-02-02")]))
    write(tmp_path, "2-second.txt", page_text("Second", "The second essay.", "2024-02-02"))

    out, err, ok = run(tmp_path, category="festivals")

    assert ok, err
    link = RelatedLink.objects.get()
    assert link.target == Article.objects.get(title="Second")
    assert "related entries: 0 unresolved" in out


def test_an_essay_named_twice_is_pinned_once_and_the_repeat_stays_a_reference(desk):
    target = ArticleFactory(standfirst="Twice told.", published_at=datetime(2024, 1, 1, tzinfo=UTC))
    twice = [("Twice told.", "2024-01-01"), ("Twice told.", "2024-01-01")]

    import_texts(page_text(related=twice), default_category=desk)
    import_texts(page_text("Other", related=twice, front={"slug": "other"}), default_category=desk)
    # ... and the waiting repeat is not pointed at it when the essay is imported again.
    import_texts(
        page_text("Twice", "Twice told.", "2024-01-01", front={"slug": target.slug}),
        default_category=desk,
    )

    for slug in ("harbour-lights", "other"):
        links = Article.objects.get(slug=slug).pinned_links.order_by("position")
        assert [link.target for link in links] == [target, None]


def test_references_resolve_across_batches_of_a_long_import(tmp_path, desk, monkeypatch):
    monkeypatch.setattr(importer, "RESOLVE_EVERY", 2)
    monkeypatch.setattr(importer, "RESOLVE_GROUP", 1)
    later = [(f"Essay number {n}.", f"2024-01-0{n}") for n in range(1, 6)]
    # The first page names every later essay, one of them twice.
    write(tmp_path, "0.txt", page_text("Index", related=[*later, later[3]]))
    for n, (standfirst, day) in enumerate(later, start=1):
        write(tmp_path, f"{n}.txt", page_text(f"Essay {n}", standfirst, day))

    out, err, ok = run(tmp_path, category="festivals")

    assert ok, err
    links = Article.objects.get(title="Index").pinned_links.order_by("position")
    assert [link.target.title if link.target else None for link in links] == [
        "Essay 1",
        "Essay 2",
        "Essay 3",
        "Essay 4",
        "Essay 5",
        None,
    ]
    assert "related entries: 1 unresolved" in out


def test_a_page_naming_itself_keeps_the_entry_as_a_reference(desk):
    myself = [("How dock workers built the first film societies.", "March 4, 2024")]

    report = import_texts(page_text(related=myself), default_category=desk)
    import_texts(page_text(related=myself), default_category=desk)

    assert report.unresolved == 1
    assert RelatedLink.objects.get().target is None


# --- Text stays text -----------------------------------------------------------------------


def test_html_in_a_page_is_shown_literally_on_the_essay_page(client, desk):
    body = [
        "<script>alert('owned')</script> and <b>bold</b> claims. More follow.",
        "<h2>Not a heading</h2>",
    ]
    import_texts(
        page_text("<i>Title</i>", front={"status": "published"}, body=body),
        default_category=desk,
    )
    article = Article.objects.get()

    html = client.get(article.get_absolute_url()).content.decode()

    assert (
        "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt; and &lt;b&gt;bold&lt;/b&gt;" in html
    )
    assert "<script>alert(" not in html
    assert "&lt;i&gt;Title&lt;/i&gt;" in html
    assert article.sections.get().body.startswith("<script>")  # stored as typed


# --- The admin page ------------------------------------------------------------------------


def upload(name, text):
    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text)


def zipped(name, entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry, text in entries.items():
            archive.writestr(entry, text)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def post(client, files, **fields):
    return client.post(IMPORT_URL, {"files": files, **fields})


def test_essay_list_links_to_the_import_page(editor_client):
    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert f'href="{IMPORT_URL}"' in html
    assert "Import essays" in html


def test_import_page_needs_the_permission_to_add_essays(client):
    client.force_login(UserFactory(username="viewer", permissions=["view_article"]))

    assert client.get(IMPORT_URL).status_code == 403


def test_editor_uploads_page_files_and_sees_the_report(editor_client, desk):
    files = [upload("one.txt", page_text("First essay")), upload("two.txt", page_text("Second"))]

    response = post(editor_client, files, default_category=desk.pk)

    assert response.status_code == 200
    html = response.content.decode()
    assert "2 files: 2 created, 0 updated, 0 failed" in html
    assert "First essay" in html
    assert Article.objects.count() == 2


def test_editor_uploads_a_zip_of_pages_in_folders(editor_client, desk):
    archive = zipped(
        "archive.zip",
        {
            "2024/one.txt": page_text("First essay"),
            "2024/march/two.txt": page_text("Second"),
            "__MACOSX/2024/._one.txt": "resource fork noise",
            "README.md": "not a page",
        },
    )

    response = post(editor_client, [archive], default_category=desk.pk)

    assert "2 files: 2 created" in response.content.decode()
    assert sorted(Article.objects.values_list("title", flat=True)) == ["First essay", "Second"]


@pytest.mark.parametrize("entry", ["../escape.txt", "/etc/passwd.txt", "pages/../../up.txt"])
def test_zip_with_an_entry_outside_the_archive_is_refused_whole(editor_client, desk, entry):
    archive = zipped("bad.zip", {"fine.txt": page_text(), entry: page_text("Sneaky")})

    response = post(editor_client, [archive], default_category=desk.pk)

    assert response.status_code == 200
    assert "climbs out of the archive" in response.content.decode()
    assert not Article.objects.exists()


def test_zip_bigger_than_the_limit_once_uncompressed_is_refused(editor_client, desk, monkeypatch):
    monkeypatch.setattr(ImportEssaysView, "max_bytes", 1024 * 1024)
    archive = zipped("big.zip", {"big.txt": page_text(body=["word " * 300_000])})
    assert archive.size < 100_000  # small to upload, large once opened

    response = post(editor_client, [archive], default_category=desk.pk)

    assert "more than 1 MB uncompressed" in response.content.decode()
    assert not Article.objects.exists()


def test_upload_that_is_not_a_zip_is_refused_without_an_error_page(editor_client, desk):
    response = post(editor_client, [upload("pages.zip", b"PK\x03\x04 truncated")])

    assert response.status_code == 200
    assert "pages.zip is not a zip archive that can be read" in response.content.decode()


def test_submitting_without_files_asks_for_them(editor_client):
    response = editor_client.post(IMPORT_URL, {})

    assert response.status_code == 200
    assert "Choose at least one .txt page file or .zip archive." in response.content.decode()


def test_bad_files_are_listed_with_file_line_and_reason(editor_client, desk):
    files = [
        upload("latin1.txt", b"Title\nStandfirst\n2024-01-01\nCaf\xe9.\n"),
        upload("empty.txt", b""),
        upload("good.txt", page_text()),
    ]

    html = post(editor_client, files, default_category=desk.pk).content.decode()

    assert "latin1.txt:4: the file is not UTF-8 text" in html
    assert "empty.txt:1: the file is empty" in html
    assert "3 files: 1 created, 0 updated, 2 failed" in html


def test_admin_dry_run_shows_the_report_and_saves_nothing(editor_client, desk):
    response = post(
        editor_client, [upload("one.txt", page_text())], default_category=desk.pk, dry_run="on"
    )

    html = response.content.decode()
    assert "Dry run: nothing was saved" in html
    assert "1 would be created" in html
    assert not Article.objects.exists()


def test_writer_may_import_drafts_but_not_publish(writer_client, desk):
    files = [
        upload("draft.txt", page_text("A draft")),
        upload("live.txt", page_text("Live", front={"status": "published", "slug": "live"})),
    ]

    html = post(writer_client, files, default_category=desk.pk).content.decode()

    assert "live.txt:2: you may import drafts, but publishing" in html
    assert list(Article.objects.values_list("title", "status")) == [("A draft", "draft")]


# --- Anything at all -----------------------------------------------------------------------

page_lines = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "---",
            "slug: a-slug",
            "category: Festivals",
            "category: Nowhere",
            "tags: a, b, A",
            "tags: ---",
            "authors: Ilse Marrow",
            "status: published",
            "status: maybe",
            "July 23, 2025",
            "2025-02-30",
            "ADVERTISEMENT",
            "Related Articles",
            "Facebook X Reddit",
            "## A heading",
            "\\",
            "A short line.",
            OPENING,
            "<script>alert(1)</script>",
        ]
    ),
)
page_files = st.one_of(
    st.lists(page_lines, max_size=14).map(lambda lines: "\n".join(lines).encode()),
    st.text().map(str.encode),
    st.binary(max_size=200),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=page_files)
def test_any_file_is_imported_or_refused_with_a_clear_message(desk, data):
    report = import_pages([PageSource("any.txt", lambda: data)], default_category=desk)

    assert report.files == 1
    for failure in report.failures:
        assert not failure.unexpected, str(failure)
        assert str(failure).startswith("any.txt:")
        assert failure.reason
