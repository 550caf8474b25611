"""
An essay page's body, byline and share links are rendered when the essay is saved and read
back with the page, never rendered per request; a change of ad settings takes a re-render.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import page_head, rendering, services
from articles.models import Article, ArticleRelatedItem, ArticleRendering, Tag
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory
from tests.page_head import parse_head

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


def test_a_card_shows_its_date_in_a_new_time_zone_of_the_site_at_once(
    client, essay, editor, settings
):
    from datetime import UTC, datetime

    # Late on the 3rd in London is already the 4th in Tokyo.
    essay.published_at = datetime(2021, 2, 3, 23, 30, tzinfo=UTC)
    services.article_save(article=essay, by=editor)
    assert "February 03, 2021" in card_of(home(client))

    settings.TIME_ZONE = "Asia/Tokyo"

    assert "February 04, 2021" in card_of(home(client))


def home_live(client):
    ArticleRendering.objects.update(layout="outdated")
    return home(client)


def test_renaming_a_section_shows_on_cards_as_they_show_it_live(client, essay, editor):
    section = essay.category
    section.name = "Long reads"

    services.category_save(category=section, by=editor)

    assert '">Long reads</a></p>' in card_of(home(client))


# --- Related Articles ------------------------------------------------------------------------


def related_section(html):
    return html[
        html.index('<section class="related"') : html.index(
            "</section>", html.index('<section class="related"')
        )
    ]


@pytest.fixture
def related_reading(essay, editor):
    """Two essays sharing the essay's tag, one of them pinned, in a pool that is current."""
    services.article_tags_set(article=essay, tags=["Long takes"], by=editor)
    readings = []
    for title, standfirst in [("Slow cinema", "On <patience>."), ("Still frames", "On rest.")]:
        reading = services.article_save(
            article=Article(title=title, standfirst=standfirst, category=essay.category),
            by=editor,
            sections=[services.SectionData("", "A paragraph.")],
        )
        services.article_tags_set(article=reading, tags=["Long takes"], by=editor)
        readings.append(services.article_publish(article=reading, by=editor))
    services.related_pin(article=essay, target=readings[1], by=editor)
    services.related_pools_refresh(everything=True, by=editor)
    return readings


def test_related_lists_show_the_entries_stored_at_their_last_save_as_they_would_render_live(
    client, essay, related_reading
):
    response = client.get(essay.get_absolute_url())
    stored = related_section(response.content.decode())
    assert "includes/related_item.html" not in [t.name for t in response.templates]
    ArticleRelatedItem.objects.update(layout="outdated")

    live = client.get(essay.get_absolute_url())

    assert "includes/related_item.html" in [t.name for t in live.templates]
    assert related_section(live.content.decode()) == stored
    # Pinned first, then computed; each with its address, escaped standfirst and date.
    assert stored.index("Still frames") < stored.index("Slow cinema")
    assert f'href="{related_reading[0].get_absolute_url()}"' in stored
    assert "On &lt;patience&gt;." in stored
    assert related_reading[0].published_at.strftime("%B %d, %Y") in stored


def test_a_related_entry_made_with_other_settings_is_rendered_again_by_render_essays(
    client, essay, related_reading
):
    ArticleRelatedItem.objects.update(layout="outdated")

    call_command("render_essays", outdated=True, stdout=io.StringIO())

    response = client.get(essay.get_absolute_url())
    assert "includes/related_item.html" not in [t.name for t in response.templates]


def test_a_related_entry_shows_a_new_title_at_once(client, essay, related_reading, editor):
    reading = related_reading[0]
    reading.title = "Slow cinema, revisited"
    services.article_save(article=reading, by=editor)

    assert "Slow cinema, revisited" in related_section(page(client, essay))


def test_render_essays_stores_the_related_entries_renderings_from_before_them_lack(
    client, essay, related_reading
):
    ArticleRelatedItem.objects.all().delete()
    served_live = related_section(page(client, essay))

    call_command("render_essays", outdated=True, stdout=io.StringIO())

    assert ArticleRelatedItem.objects.count() == ArticleRendering.objects.count() == 3
    assert related_section(page(client, essay)) == served_live


# --- The page's <head> ------------------------------------------------------------------------


def head_html(html):
    return html[html.index("<head>") : html.index("</head>")]


@pytest.fixture
def tagged(essay, editor):
    return services.article_tags_set(article=essay, tags=["Long takes", "Slow cinema"], by=editor)


def test_the_head_is_served_as_stored_for_the_host_the_page_was_asked_for(
    client, tagged, monkeypatch
):
    monkeypatch.setattr(page_head, "essay_head", None)  # any rendering would fail

    head = parse_head(client.get(tagged.get_absolute_url(), HTTP_HOST="localhost").content.decode())

    assert head.canonical == "http://localhost/essays/the-long-take/"
    assert head.one("og:image").startswith("http://localhost/static/")
    assert head.meta("article:tag") == ["Long takes", "Slow cinema"]
    article = head.node("NewsArticle")
    assert article["url"] == "http://localhost/essays/the-long-take/"
    assert article["author"][0]["url"] == "http://localhost/authors/vera-lind/"
    assert "<%origin" not in head_html(page(client, tagged))


def test_the_stored_head_is_the_head_rendered_live(client, tagged):
    stored = head_html(page(client, tagged))

    ArticleRendering.objects.update(layout="outdated")

    assert head_html(page(client, tagged)) == stored


def test_essay_text_cannot_spell_where_the_origin_goes(client, essay, editor):
    essay.title = "Notes <%origin%> and <%origin-in-json%>"
    services.article_save(article=essay, by=editor)

    head = parse_head(page(client, essay))

    assert head.one("og:title") == "Notes <%origin%> and <%origin-in-json%>"
    assert head.node("NewsArticle")["headline"] == "Notes <%origin%> and <%origin-in-json%>"


def test_a_renamed_tag_shows_in_the_heads_of_its_essays(client, tagged, editor):
    services.tag_rename(tag=Tag.objects.get(name="Slow cinema"), name="Contemplative", by=editor)

    html = page(client, tagged)
    head = parse_head(html)
    assert head.meta("article:tag") == ["Contemplative", "Long takes"]
    assert head.node("NewsArticle")["keywords"] == ["Contemplative", "Long takes"]
    ArticleRendering.objects.update(layout="outdated")
    assert head_html(page(client, tagged)) == head_html(html)


def test_renaming_a_tag_renders_in_full_an_essay_whose_rendering_is_outdated(tagged, editor):
    ArticleRendering.objects.update(layout="outdated", body_html="")

    services.tag_rename(tag=Tag.objects.get(name="Slow cinema"), name="Contemplative", by=editor)

    stored = ArticleRendering.objects.get(article=tagged)
    assert stored.layout == rendering.layout()
    assert "Paragraph 9 about the long take." in stored.body_html
    assert "Contemplative" in stored.head_html


def test_merged_and_deleted_tags_leave_the_heads_of_their_essays(client, tagged, editor):
    long_takes, slow = Tag.objects.get(name="Long takes"), Tag.objects.get(name="Slow cinema")
    services.tag_merge(tags=[long_takes], into=slow, by=editor)
    assert parse_head(page(client, tagged)).meta("article:tag") == ["Slow cinema"]

    services.tags_delete(tags=[slow], by=editor)
    assert parse_head(page(client, tagged)).meta("article:tag") == []


def test_a_renamed_section_shows_in_the_heads_of_its_essays(client, essay, editor):
    section = essay.category
    section.name = "Long reads"
    services.category_save(category=section, by=editor)

    head = parse_head(page(client, essay))
    assert head.one("article:section") == "Long reads"
    assert head.node("NewsArticle")["articleSection"] == "Long reads"
    assert [item["name"] for item in head.node("BreadcrumbList")["itemListElement"]][1] == (
        "Long reads"
    )


def test_a_new_site_name_or_share_image_takes_the_live_head_until_render_essays(
    client, essay, settings
):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "SITE_NAME": "Cinema Quarterly"}

    assert parse_head(page(client, essay)).one("og:site_name") == "Cinema Quarterly"
    call_command("render_essays", outdated=True, stdout=io.StringIO())
    assert "Cinema Quarterly" in ArticleRendering.objects.get(article=essay).head_html


def test_renaming_a_tag_on_many_essays_clears_their_heads_until_render_essays(
    client, tagged, editor, monkeypatch
):
    from articles.services import renderings

    other = services.article_tags_set(
        article=Article.objects.get(pk=ArticleFactory(title="Another long take").pk),
        tags=["Slow cinema"],
        by=editor,
    )
    monkeypatch.setattr(renderings, "HEADS_RENDERED_AT_ONCE", 1)

    services.tag_rename(tag=Tag.objects.get(name="Slow cinema"), name="Contemplative", by=editor)

    assert set(ArticleRendering.objects.values_list("head_html", flat=True)) == {""}
    assert "Contemplative" in parse_head(page(client, tagged)).meta("article:tag")
    call_command("render_essays", outdated=True, stdout=io.StringIO())
    for essay in (tagged, other):
        assert "Contemplative" in ArticleRendering.objects.get(article=essay).head_html


def test_an_essay_saves_before_collectstatic_has_named_the_static_files(
    client, editor, settings, tmp_path
):
    # A fresh container: production's storage, and no manifest of hashed names yet.
    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    article = services.article_save(
        article=Article(
            title="Before the static files", standfirst="Early.", category=CategoryFactory()
        ),
        by=editor,
        sections=[services.SectionData("", "One paragraph.")],
    )
    services.article_publish(article=article, by=editor)

    head = ArticleRendering.objects.get(article=article).head_html
    assert "/static/social/share-default.png" in head


def test_a_page_whose_rendering_is_outdated_renders_its_parts_once(client, essay, monkeypatch):
    ArticleRendering.objects.update(layout="outdated")
    calls = []
    render = rendering.render_parts
    monkeypatch.setattr(rendering, "render_parts", lambda **kw: calls.append(1) or render(**kw))

    html = page(client, essay)

    assert "Paragraph 9 about the long take." in html and 'property="og:title"' in html
    assert len(calls) == 1


def test_a_draft_is_rendered_when_it_is_published_not_at_each_save(client, editor, monkeypatch):
    draft = services.article_save(
        article=Article(title="Night shift", standfirst="Late.", category=CategoryFactory()),
        by=editor,
        sections=[services.SectionData("", "A first paragraph.")],
    )
    draft.title = "Night shift, revised"
    services.article_save(article=draft, by=editor)
    assert not ArticleRendering.objects.filter(article=draft).exists()

    services.article_publish(article=draft, by=editor)

    monkeypatch.setattr(rendering, "render_parts", None)  # any call would fail
    html = page(client, draft)
    assert "A first paragraph." in html and "Night shift, revised" in html


def test_an_edit_to_an_essay_off_the_site_shows_in_its_preview_and_when_it_is_back(
    client, essay, editor
):
    services.article_unpublish(article=essay, by=editor)
    services.article_save(
        article=Article.objects.get(pk=essay.pk),
        by=editor,
        sections=[services.SectionData("", "Rewritten while it was off the site.")],
    )

    client.force_login(editor)
    preview = client.get(reverse("articles:preview", args=[essay.slug])).content.decode()
    assert "Rewritten while it was off the site." in preview
    assert "Paragraph 1 about the long take." not in preview

    services.article_publish(article=Article.objects.get(pk=essay.pk), by=editor)
    client.logout()
    assert "Rewritten while it was off the site." in page(client, essay)
    stored = ArticleRendering.objects.get(article=essay)
    assert "Rewritten while it was off the site." in stored.body_html
