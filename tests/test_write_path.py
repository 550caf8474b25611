"""
One write path: every admin write a reader could notice shows on the reader's next request,
with the page cache on; and no module outside the services writes essays or invalidates
the cache by hand.
"""

import ast
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.models import Author, Category, Tag
from tests.admin_forms import change_url, essay_form
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, TagFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
HOME = reverse("articles:home")


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def essay():
    return ArticleFactory(
        title="Night trains of the Balkan cinema",
        slug="night-trains",
        category=CategoryFactory(name="National cinemas", slug="national-cinemas"),
        authors=[AuthorFactory(name="Vera Lind", slug="vera-lind")],
        tags=["rail films", "balkan cinema"],
    )


def shows(reader, url, text):
    response = reader.get(url)
    return response.status_code == 200 and text in response.content.decode()


def admin_url(model, view, *args):
    return reverse(f"admin:articles_{model}_{view}", args=args)


def test_the_page_cache_is_really_on_for_readers(reader, essay):
    assert shows(reader, HOME, essay.title)
    type(essay).objects.filter(pk=essay.pk).update(title="Changed behind the services' back")
    # Proof that the checks below test invalidation: a write that skips the services
    # leaves the cached page as it was.
    assert shows(reader, HOME, "Night trains of the Balkan cinema")


def test_saving_the_essay_form_shows_at_once(reader, editor_client, essay):
    assert shows(reader, essay.get_absolute_url(), essay.title)

    editor_client.post(change_url(essay), essay_form(essay, title="Day trains, retitled"))

    assert shows(reader, essay.get_absolute_url(), "Day trains, retitled")
    assert shows(reader, HOME, "Day trains, retitled")


def test_editing_a_section_in_the_inline_shows_at_once(reader, editor_client, essay):
    assert shows(reader, essay.get_absolute_url(), essay.title)

    editor_client.post(
        change_url(essay), essay_form(essay, **{"sections-0-body": "A sentence added inline."})
    )

    assert shows(reader, essay.get_absolute_url(), "A sentence added inline.")


def test_deleting_an_essay_removes_it_at_once(reader, editor_client, essay):
    assert shows(reader, HOME, essay.title)

    editor_client.post(admin_url("article", "delete", essay.pk), {"post": "yes"})

    assert not shows(reader, HOME, essay.title)
    assert reader.get(essay.get_absolute_url()).status_code == 404


def test_a_bulk_action_shows_at_once(reader, editor_client, essay):
    assert shows(reader, HOME, essay.title)

    editor_client.post(CHANGELIST, {"action": "unpublish_selected", "_selected_action": [essay.pk]})

    assert not shows(reader, HOME, essay.title)


def test_bulk_delete_shows_at_once(reader, editor_client, essay):
    assert shows(reader, HOME, essay.title)

    editor_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [essay.pk], "post": "yes"}
    )

    assert not shows(reader, HOME, essay.title)


def test_renaming_a_section_shows_at_once(reader, editor_client, essay):
    category = essay.category
    assert shows(reader, essay.get_absolute_url(), "National cinemas")

    editor_client.post(
        admin_url("category", "change", category.pk),
        {"name": "Cinemas of the world", "slug": category.slug, "description": ""},
    )

    assert Category.objects.get().name == "Cinemas of the world"
    assert shows(reader, essay.get_absolute_url(), "Cinemas of the world")
    assert shows(reader, HOME, "Cinemas of the world")


def test_deleting_an_empty_section_shows_at_once(reader, editor_client, essay):
    empty = CategoryFactory(name="Short-lived desk", slug="short-lived")
    assert shows(reader, HOME, "Short-lived desk")

    editor_client.post(admin_url("category", "delete", empty.pk), {"post": "yes"})

    assert not shows(reader, HOME, "Short-lived desk")


def test_editing_an_author_shows_at_once(reader, editor_client, essay):
    author = essay.authors.get()
    assert shows(reader, essay.get_absolute_url(), "Vera Lind")

    editor_client.post(
        admin_url("author", "change", author.pk),
        {"name": "Vera Lind-Okafor", "slug": author.slug, "bio": "Writes on trains."},
    )

    assert Author.objects.get().name == "Vera Lind-Okafor"
    assert shows(reader, essay.get_absolute_url(), "Vera Lind-Okafor")


def test_deleting_an_author_shows_at_once(reader, editor_client, essay):
    author = essay.authors.get()
    assert shows(reader, essay.get_absolute_url(), "Vera Lind")

    editor_client.post(admin_url("author", "delete", author.pk), {"post": "yes"})

    assert not shows(reader, essay.get_absolute_url(), "Vera Lind")


def test_renaming_and_describing_a_tag_shows_at_once(reader, editor_client, essay):
    tag = Tag.objects.get(slug="rail-films")
    assert shows(reader, essay.get_absolute_url(), "rail films")

    editor_client.post(
        admin_url("tag", "change", tag.pk),
        {"name": "railway films", "description": "Films on and about trains."},
    )

    assert shows(reader, essay.get_absolute_url(), "railway films")
    assert shows(reader, reverse("articles:tag", args=["railway-films"]), "Films on and about")


def test_deleting_a_tag_shows_at_once(reader, editor_client, essay):
    tag = Tag.objects.get(slug="rail-films")
    assert shows(reader, essay.get_absolute_url(), "rail films")

    editor_client.post(admin_url("tag", "delete", tag.pk), {"post": "yes"})

    assert not shows(reader, essay.get_absolute_url(), "rail films")


def test_merging_tags_shows_at_once(reader, editor_client, essay):
    keep = TagFactory(name="trains")
    merged = Tag.objects.get(slug="rail-films")
    assert shows(reader, essay.get_absolute_url(), "rail films")

    editor_client.post(
        admin_url("tag", "changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [keep.pk, merged.pk],
            "merge": "yes",
            "into": keep.pk,
        },
    )

    page = reader.get(essay.get_absolute_url()).content.decode()
    assert "rail films" not in page and "trains" in page


def test_importing_over_an_essay_shows_at_once(reader, editor_client, essay):
    assert shows(reader, essay.get_absolute_url(), essay.title)
    page = (
        "---\nslug: night-trains\ncategory: national-cinemas\n---\n"
        "Night trains, imported again\nA standfirst.\nJuly 23, 2025\nOne imported paragraph.\n"
    )

    editor_client.post(
        reverse("admin:articles_article_import"),
        {"files": [SimpleUploadedFile("night-trains.txt", page.encode())]},
    )

    assert shows(reader, essay.get_absolute_url(), "Night trains, imported again")


def test_pinning_related_reading_from_the_panel_shows_at_once(reader, editor_client, essay):
    other = ArticleFactory(title="A pinned companion piece", tags=["unrelated"])
    assert not shows(reader, essay.get_absolute_url(), other.title)

    editor_client.post(
        reverse("admin:articles_article_related_pin", args=[essay.pk]), {"target": other.pk}
    )

    assert shows(reader, essay.get_absolute_url(), other.title)


def test_pinning_in_the_inline_shows_at_once(reader, editor_client, essay):
    other = ArticleFactory(title="Pinned in the inline", tags=["unrelated"])
    assert not shows(reader, essay.get_absolute_url(), other.title)

    data = essay_form(essay)
    data.update(
        {
            "pinned_links-TOTAL_FORMS": "1",
            "pinned_links-0-position": "1",
            "pinned_links-0-target": other.pk,
            "pinned_links-0-reference_summary": "",
            "pinned_links-0-reference_date": "",
        }
    )
    editor_client.post(change_url(essay), data)

    assert shows(reader, essay.get_absolute_url(), other.title)


# --- Nothing outside the services writes around them -------------------------------------------

APP = Path(__file__).resolve().parent.parent / "articles"
# Calls that invalidate cached pages or keep related lists: the services' alone.
RESERVED_CALLS = {
    "content_changed", "changes_batched", "articles_changed", "refresh_pools", "insert_rows",
    "delete_rows", "essay_render", "essays_render", "index_articles", "index_all",
    "months_changed", "months_recount",
}  # fmt: skip
# Method names that write rows; outside the services they may only touch other models.
WRITING_METHODS = {"save", "delete", "update", "create", "bulk_create", "get_or_create",
                   "update_or_create", "set", "add", "remove", "clear"}  # fmt: skip
ESSAY_MODELS = {"Article", "Section", "RelatedLink", "TaggedArticle", "Byline", "Category",
                "Author", "Tag", "TagRedirect", "ArticleRedirect", "AuditEntry",
                "SearchEntry", "ArchiveMonth"}  # fmt: skip
# Modules that are the write path itself, or what it is made of.
ALLOWED = {
    "services",  # the write path
    "migrations",  # schema and data history
    "caching.py",  # defines content_changed()
    "bulk_insert.py",  # defines insert_rows()
    "related.py",  # related-list upkeep, called by the services and refresh_related
    "search",  # defines index_articles(), the search index's upkeep
    "models",  # save() fills derived fields only
}


def offending_calls(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in RESERVED_CALLS:
            found.append(f"{path.relative_to(APP.parent)}:{node.lineno} calls {name}()")
        elif name in WRITING_METHODS and isinstance(func, ast.Attribute):
            receiver = ast.unparse(func.value)
            if any(model in receiver for model in ESSAY_MODELS) or receiver.startswith(
                ("article", "section", "obj.", "tag.", "category", "author")
            ):
                found.append(f"{path.relative_to(APP.parent)}:{node.lineno} {receiver}.{name}()")
    return found


def test_no_module_outside_the_services_writes_essays_or_invalidates_the_cache():
    modules = [
        path
        for path in APP.rglob("*.py")
        if not ({part for part in path.relative_to(APP).parts} & ALLOWED)
    ]
    assert len(modules) > 15  # the check looks at the admin, importer, views, commands ...

    offences = [offence for path in modules for offence in offending_calls(path)]

    assert offences == []


def test_the_check_catches_a_write_around_the_services(tmp_path):
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text(
        "from articles import caching\n"
        "def rename(article):\n"
        "    article.title = 'x'\n"
        "    article.save()\n"
        "    Section.objects.filter(article=article).delete()\n"
        "    caching.content_changed()\n"
    )
    global APP
    saved, APP = APP, tmp_path.parent
    try:
        assert len(offending_calls(sneaky)) == 3
    finally:
        APP = saved
