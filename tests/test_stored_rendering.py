"""
An essay page's body, byline and share links are rendered when the essay is saved and read
back with the page, never rendered per request; a change of ad settings takes a re-render.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import rendering, services
from articles.models import Article, ArticleRendering
from tests.factories import AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db

NINE_PARAGRAPHS = "\n\n".join(f"Paragraph {n} about the long take." for n in range(1, 10))


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "PUBLIC_CACHE_SECONDS": 0}


@pytest.fixture
def essay(editor):
    article = services.article_save(
        article=Article(
            title="The long take", standfirst="On duration.", category=CategoryFactory()
        ),
        by=editor,
        sections=[services.SectionData("", NINE_PARAGRAPHS)],
        authors=[AuthorFactory(name="Vera Lind", slug="vera-lind")],
    )
    return services.article_publish(article=article, by=editor)


@pytest.fixture
def renderer_must_not_run(monkeypatch):
    def refuse(**kwargs):
        raise AssertionError("the essay page rendered its parts per request")

    monkeypatch.setattr(rendering, "render_parts", refuse)


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def set_ads_every(settings, n):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "AD_EVERY_N_PARAGRAPHS": n}


def test_a_saved_essay_page_is_served_without_rendering_its_parts(
    client, essay, renderer_must_not_run
):
    html = page(client, essay)

    assert "Paragraph 9 about the long take." in html
    assert html.count('class="ad-slot"') == 2
    assert 'href="/authors/vera-lind/"' in html
    assert "min read" in html


def test_an_edit_shows_the_new_body_and_byline_at_once(client, essay, editor):
    page(client, essay)

    services.article_save(
        article=Article.objects.get(pk=essay.pk),
        by=editor,
        sections=[services.SectionData("A new part", "Only this paragraph now.")],
        authors=[AuthorFactory(name="Ines Haddad", slug="ines-haddad")],
    )

    html = page(client, essay)
    assert "A new part" in html and "Only this paragraph now." in html
    assert "Paragraph 1 about the long take." not in html
    assert "Ines Haddad" in html and "Vera Lind" not in html


def test_a_new_ad_frequency_shows_at_once_and_is_stored_by_render_essays(
    client, essay, settings, monkeypatch
):
    set_ads_every(settings, 2)

    # The stored body has slots every third paragraph: the page renders afresh meanwhile.
    assert page(client, essay).count('class="ad-slot"') == 4

    call_command("render_essays", "--outdated", stdout=io.StringIO())
    assert ArticleRendering.objects.get(article=essay).layout == rendering.layout()
    monkeypatch.setattr(rendering, "render_parts", None)  # any call would fail
    assert page(client, essay).count('class="ad-slot"') == 4


def test_share_links_point_at_the_host_the_page_was_asked_for(client, essay):
    html = client.get(essay.get_absolute_url(), HTTP_HOST="localhost").content.decode()

    assert "u=http%3A%2F%2Flocalhost%2Fessays%2Fthe-long-take%2F" in html
    assert "%00" not in html


def test_renaming_an_author_updates_the_stored_bylines(client, essay, editor):
    author = essay.authors.get()
    author.name = "Vera Lind-Okafor"

    services.author_save(author=author, by=editor)

    assert "Vera Lind-Okafor" in page(client, essay)
    assert "Vera Lind-Okafor" in ArticleRendering.objects.get(article=essay).authors_html


def test_deleting_an_author_removes_them_from_stored_bylines(client, essay, editor):
    services.author_delete(author=essay.authors.get(), by=editor)

    assert "Vera Lind" not in page(client, essay)


def test_the_essay_page_runs_at_most_five_queries(client, essay):
    call_command("refresh_related", stdout=io.StringIO())
    page(client, essay)  # the content version and the like, cached across requests

    with CaptureQueriesContext(connection) as queries:
        page(client, essay)

    assert len(queries) <= 5, [q["sql"][:120] for q in queries]
    assert not any("articles_section" in q["sql"] for q in queries)


def test_templates_are_compiled_once_per_process():
    """Django's cached loader (its default with or without DEBUG since 4.1), kept as is."""
    from django.template import engines
    from django.template.loaders.cached import Loader

    assert isinstance(engines["django"].engine.template_loaders[0], Loader)


def home(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def card_of(html):
    start = html.index('<article class="card">')
    return html[start : html.index("</article>", start)]


def test_lists_show_the_card_stored_at_the_last_save_as_it_would_render_live(
    client, essay, renderer_must_not_run
):
    stored = card_of(home(client))
    ArticleRendering.objects.update(layout="outdated")

    assert card_of(home(client)) == stored
    assert "The long take" in stored and "On duration." in stored
    assert 'href="/authors/vera-lind/"' in stored


@pytest.mark.parametrize("change", ["standfirst", "date by edit", "date by rescheduling"])
def test_a_card_shows_a_new_standfirst_or_date_at_once(client, essay, editor, change):
    from datetime import UTC, datetime

    earlier = datetime(2021, 2, 3, 12, tzinfo=UTC)
    if change == "standfirst":
        essay.standfirst = "On duration, again."
        services.article_save(article=essay, by=editor)
    elif change == "date by edit":
        essay.published_at = earlier
        services.article_save(article=essay, by=editor)
    else:
        services.article_unpublish(article=essay, by=editor)
        services.article_publish(article=essay, by=editor, at=earlier)

    card = card_of(home(client))
    if change == "standfirst":
        assert "On duration, again." in card
    else:
        assert "February 03, 2021" in card
    assert card == card_of(home_live(client))


def home_live(client):
    ArticleRendering.objects.update(layout="outdated")
    return home(client)


def test_renaming_a_section_shows_on_cards_without_re_rendering(client, essay, editor):
    section = essay.category
    section.name = "Long reads"

    services.category_save(category=section, by=editor)

    assert '">Long reads</a></p>' in card_of(home(client))
