"""
The demo loader gives a fresh machine a site worth clicking through, and is safe to rerun.
Its essays are page files loaded through the importer, so the demo also exercises the
import path.
"""

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.importing.importer import import_pages
from articles.importing.pageformat import decode_page_bytes, parse_page, write_page
from articles.importing.sources import sources_from_paths
from articles.management.commands import load_demo
from articles.models import (
    Article,
    ArticleStatus,
    Author,
    Category,
    RelatedLink,
    Section,
    Tag,
    TaggedArticle,
)
from articles.related import related_articles
from articles.services.permissions import EDITORS, WRITERS

DEMO = Path(load_demo.__file__).resolve().parents[2] / "fixtures" / "demo"
PAGES = sorted((DEMO / "essays").glob("*.txt"))
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
# Eight words in a row shared with the seed would be copying, not coincidence.
SHARED_WORDS = 8

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Section, Category, Author, Tag, TaggedArticle, RelatedLink)
    } | {"users": get_user_model().objects.count()}


def read(path):
    return parse_page(decode_page_bytes(path.read_bytes(), filename=path.name), filename=path.name)


# --- The page files ------------------------------------------------------------------------


def test_the_demo_essays_are_page_files():
    assert len(PAGES) >= 14


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.stem)
def test_every_demo_page_parses_and_round_trips(path):
    page = read(path)

    assert page.slug == path.stem
    assert page.category and page.status in ("draft", "published")
    assert write_page(page) == path.read_text(encoding="utf-8")
    assert parse_page(write_page(page), filename=path.name) == page


def test_every_page_names_a_demo_section_and_its_authors_are_demo_authors():
    taxonomy = json.loads((DEMO / "taxonomy.json").read_text(encoding="utf-8"))
    sections = {category["slug"] for category in taxonomy["categories"]}
    authors = {author["name"] for author in taxonomy["authors"]}
    slugs = {path.stem for path in PAGES}
    for path in PAGES:
        page = read(path)
        assert page.category in sections, path.name
        assert set(page.authors) <= authors, path.name
    assert {entry["slug"] for entry in taxonomy["schedule"]} <= slugs
    assert set(taxonomy["writer_owns"]) <= slugs


# --- Loading -------------------------------------------------------------------------------


def test_the_demo_loads_through_the_importer_without_failures(debug_on):
    call_command("load_demo", "--no-login")
    # The pages import cleanly on their own too: an update of every essay, nothing else.
    report = import_pages(sources_from_paths([DEMO / "essays"]), by=None)

    assert report.failures == []
    assert (report.created, report.updated) == (0, len(PAGES))
    assert Article.objects.count() == len(PAGES)


def test_a_page_that_fails_to_import_fails_the_whole_load_with_its_file_and_line(
    debug_on, tmp_path, monkeypatch
):
    (tmp_path / "good.txt").write_bytes(PAGES[0].read_bytes())
    (tmp_path / "broken.txt").write_text(
        "---\ncategory: craft\n---\nA title\nA standfirst.\nlast Tuesday\nA paragraph.\n"
    )
    monkeypatch.setattr(load_demo, "ESSAYS", tmp_path)

    with pytest.raises(CommandError, match=r"1 of 2 demo pages failed") as caught:
        call_command("load_demo", "--no-login")
    assert f"{tmp_path / 'broken.txt'}:6: expected the publication date" in str(caught.value)
    assert not Article.objects.exists()
    assert not Category.objects.exists()


def test_demo_content_is_a_real_publication(debug_on):
    call_command("load_demo", stdout=None)

    published = Article.objects.published()
    assert published.count() >= 12
    assert Category.objects.filter(articles__in=published).distinct().count() >= 3
    for article in published:
        paragraphs = [p for s in article.sections.all() for p in s.paragraphs]
        assert len(paragraphs) >= 3, article.slug
    with_headings = [a for a in published if a.sections.exclude(heading="").exists()]
    assert len(with_headings) >= 5
    assert all(related_articles(a) for a in published), "every demo essay has related reading"
    assert Author.objects.exclude(bio="").count() == Author.objects.count()


def test_the_demo_has_published_draft_and_scheduled_essays(debug_on, client):
    call_command("load_demo")

    published = Article.objects.published().order_by("-published_at")
    draft = Article.objects.get(status=ArticleStatus.DRAFT)
    [scheduled] = [
        a for a in Article.objects.filter(status=ArticleStatus.PUBLISHED) if a.is_scheduled
    ]
    assert scheduled not in published
    home = client.get(reverse("articles:home")).content.decode()
    assert reverse("articles:detail", kwargs={"slug": published[0].slug}) in home
    assert reverse("articles:detail", kwargs={"slug": draft.slug}) not in home
    assert reverse("articles:detail", kwargs={"slug": scheduled.slug}) not in home


def test_loading_twice_duplicates_nothing(debug_on):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")

    assert counts() == first
    assert first["Article"] == len(PAGES)
    assert Article.objects.filter(status=ArticleStatus.DRAFT).count() == 1
    assert sum(a.is_scheduled for a in Article.objects.all()) == 1


# --- Logins --------------------------------------------------------------------------------


def test_demo_writer_and_editor_logins_are_printed_and_work(debug_on, capsys, client):
    call_command("load_demo")
    output = capsys.readouterr().out

    admin = reverse("admin:index")
    for username, group in (("writer", WRITERS), ("editor", EDITORS)):
        assert f"Demo-only login ({group}): {username} / filmculture-demo at {admin}" in output
        user = get_user_model().objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert user.is_staff and not user.is_superuser
        assert user.email == f"{username}@example.org"
        assert client.login(username=username, password="filmculture-demo")
        assert client.get(admin).status_code == 200
    assert Article.objects.get(status=ArticleStatus.DRAFT).owner.username == "writer"


def test_an_earlier_superuser_demo_editor_becomes_an_editor(debug_on):
    get_user_model().objects.create_superuser("editor", password="old")
    call_command("load_demo")

    assert not get_user_model().objects.get(username="editor").is_superuser


def test_demo_logins_are_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing to create the demo admin logins"):
        call_command("load_demo")
    assert not get_user_model().objects.filter(username__in=["editor", "writer"]).exists()

    call_command("load_demo", "--no-login")
    assert Article.objects.count() == len(PAGES)
    assert not get_user_model().objects.filter(username__in=["editor", "writer"]).exists()


# --- Originality ---------------------------------------------------------------------------


def word_runs(text):
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i : i + SHARED_WORDS]) for i in range(len(words) - SHARED_WORDS + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed pages in ../shared/seeds are absent")
def test_the_demo_text_does_not_copy_the_seed_pages():
    seed = set().union(*(word_runs(path.read_text(encoding="utf-8")) for path in SEEDS.glob("*")))
    for path in PAGES:
        shared = word_runs(path.read_text(encoding="utf-8")) & seed
        assert not shared, f"{path.name} repeats the seed: {' '.join(sorted(shared)[0])}"
