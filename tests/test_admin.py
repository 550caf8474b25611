"""Editors at work in the admin: writing, ordering sections, tagging and publishing."""

import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleStatus
from tests.admin_forms import new_essay_form
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, SectionFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")


def article_form(category, *, sections=(), **overrides):
    """The POST data of the admin's add form, inline management forms included."""
    return new_essay_form(category, sections=sections, **overrides)


THREE_SECTIONS = [
    (1, "", "The camera waits.\n\nIt waits longer than we expect."),
    (2, "A school of patience", "Tbilisi's film school taught duration as an ethic."),
    (3, "After the thaw", "Then came colour, and the waiting changed."),
]


def test_editor_creates_an_essay_with_three_sections_through_the_add_form(editor_client):
    category = CategoryFactory(name="National cinemas")

    response = editor_client.post(ADD_URL, article_form(category, sections=THREE_SECTIONS))

    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="the-long-take-in-georgian-cinema")
    sections = list(article.sections.all())
    assert [s.heading for s in sections] == ["", "A school of patience", "After the thaw"]
    assert [s.position for s in sections] == [1, 2, 3]
    assert sections[0].paragraphs == ["The camera waits.", "It waits longer than we expect."]
    assert sorted(t.name for t in article.tags.all()) == ["georgian cinema", "long takes"]
    assert article.status == ArticleStatus.DRAFT


def test_sections_are_saved_in_the_order_of_their_positions(editor_client):
    category = CategoryFactory()
    shuffled = [(30, "Third", "c"), (10, "", "a"), (20, "Second", "b")]

    editor_client.post(ADD_URL, article_form(category, sections=shuffled))

    article = Article.objects.get()
    assert [(s.position, s.heading) for s in article.sections.all()] == [
        (1, ""),
        (2, "Second"),
        (3, "Third"),
    ]


def test_a_draft_may_be_saved_with_only_a_title_but_not_submitted_like_that(editor_client):
    bare = article_form(None, sections=[], standfirst="")

    saved = editor_client.post(ADD_URL, bare)
    assert saved.status_code == 302
    draft = Article.objects.get()
    assert (draft.title, draft.standfirst, draft.category, draft.sections.count()) == (
        "The long take in Georgian cinema", "", None, 0,
    )  # fmt: skip

    refused = editor_client.post(ADD_URL, {**bare, "slug": "second", "_transition": "submit"})
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.errors
    assert "to submit it needs a standfirst" in errors["standfirst"][0]
    assert "to submit it needs a section" in errors["category"][0]
    assert Article.objects.count() == 1


def test_editor_publishing_from_the_form_without_a_date_publishes_now(editor_client):
    data = article_form(CategoryFactory(), sections=THREE_SECTIONS, _transition="publish")

    editor_client.post(ADD_URL, data)

    article = Article.objects.get()
    assert article.status == ArticleStatus.PUBLISHED
    assert timezone.now() - article.published_at < timedelta(minutes=1)


def test_writer_may_save_a_draft_but_a_crafted_publish_is_refused(writer_client):
    category = CategoryFactory()
    refused = writer_client.post(
        ADD_URL, article_form(category, sections=THREE_SECTIONS, _transition="publish")
    )

    assert refused.status_code == 403
    assert not Article.objects.exists()

    saved = writer_client.post(ADD_URL, article_form(category, sections=THREE_SECTIONS))
    assert saved.status_code == 302
    assert Article.objects.get().status == ArticleStatus.DRAFT


def test_lead_image_needs_alt_text_and_must_be_a_real_image(editor_client, tmp_path):
    category = CategoryFactory()
    png = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(png, "PNG")

    def post(upload, alt):
        upload.seek(0)
        data = article_form(category, sections=THREE_SECTIONS, lead_image_alt=alt)
        data["lead_image"] = upload
        return editor_client.post(ADD_URL, data)

    png.name = "still.png"
    missing_alt = post(png, "")
    assert (
        "Describe the lead image"
        in missing_alt.context["adminform"].form.errors["lead_image_alt"][0]
    )

    not_an_image = io.BytesIO(b"this is not a picture")
    not_an_image.name = "still.png"
    refused = post(not_an_image, "A harbour at night")
    assert "lead_image" in refused.context["adminform"].form.errors
    assert not Article.objects.exists()

    accepted = post(png, "A harbour at night")
    assert accepted.status_code == 302
    article = Article.objects.get()
    assert (article.lead_image_width, article.lead_image_height) == (40, 20)


def test_change_list_shows_state_category_date_and_tags(editor_client):
    ArticleFactory(title="Live essay", tags=["festivals"])
    ArticleFactory(title="Future essay", scheduled=True)
    ArticleFactory(title="Unfinished essay", draft=True)

    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert "Live essay" in html and "Published" in html
    assert "Scheduled for" in html
    assert "Draft" in html
    assert "festivals" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"state": "published"}, {"Live essay"}),
        ({"state": "scheduled"}, {"Future essay"}),
        ({"state": "draft"}, {"Unfinished essay"}),
        ({"tag": "festivals"}, {"Live essay"}),
        ({"q": "projectionist"}, {"Unfinished essay"}),
    ],
)
def test_change_list_filters_and_search(editor_client, query, expected):
    ArticleFactory(title="Live essay", tags=["festivals"])
    ArticleFactory(title="Future essay", scheduled=True)
    draft = ArticleFactory(title="Unfinished essay", draft=True, paragraphs__skip=True)
    SectionFactory(article=draft, heading="The projectionist's booth", body="Reels and heat.")

    response = editor_client.get(reverse("admin:articles_article_changelist"), query)

    shown = {a.title for a in response.context["cl"].result_list}
    assert shown == expected


def test_bulk_publish_and_unpublish_actions(editor_client):
    drafts = [ArticleFactory(draft=True) for _ in range(2)]
    url = reverse("admin:articles_article_changelist")

    editor_client.post(
        url, {"action": "publish_selected", "_selected_action": [a.pk for a in drafts]}
    )
    assert Article.objects.published().count() == 2

    editor_client.post(url, {"action": "unpublish_selected", "_selected_action": [drafts[0].pk]})
    assert list(Article.objects.published()) == [drafts[1]]


def test_writer_is_not_offered_the_publish_actions(writer_client):
    ArticleFactory(draft=True)
    response = writer_client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200
    assert "Publish selected essays" not in response.content.decode()


def test_tag_autocomplete_suggests_existing_tags_prefix_matches_first(editor_client):
    ArticleFactory(tags=["korean cinema", "cinema verite", "animation"])
    ArticleFactory(tags=["korean cinema"])

    response = editor_client.get(
        reverse("admin:articles_article_tag_autocomplete"), {"term": "cine"}
    )

    assert json.loads(response.content)["results"] == ["cinema verite", "korean cinema"]


def test_tag_autocomplete_is_for_staff_only(client):
    response = client.get(reverse("admin:articles_article_tag_autocomplete"), {"term": "a"})
    assert response.status_code == 302


def test_view_on_site_points_drafts_to_the_preview(editor_client):
    draft = ArticleFactory(draft=True)
    live = ArticleFactory()

    draft_page = editor_client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    live_page = editor_client.get(reverse("admin:articles_article_change", args=[live.pk]))

    assert reverse("articles:preview", kwargs={"slug": draft.slug}) in draft_page.content.decode()
    assert live.get_absolute_url() in live_page.content.decode()


def test_change_form_offers_section_ordering_and_tag_autocomplete(editor_client):
    article = ArticleFactory(authors=[AuthorFactory()])
    html = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()

    assert "articles/admin/section_order.js" in html
    assert 'data-autocomplete-url="/admin/articles/article/tag-autocomplete/"' in html
    assert 'id="sections-group"' in html


@pytest.mark.parametrize(
    ("model", "name"), [("category", "Festivals"), ("author", "Ana Pires"), ("tag", "Open air")]
)
def test_taxonomy_admins_list_their_objects(editor_client, model, name):
    desk, critic = CategoryFactory(name="Festivals"), AuthorFactory(name="Ana Pires")
    for _ in range(2):
        ArticleFactory(category=desk, tags=["Open air"], authors=[critic])
    other_desk, other_critic = CategoryFactory(name="Craft"), AuthorFactory(name="Ines Varga")
    ArticleFactory(category=other_desk, tags=["craft"], authors=[other_critic])

    response = editor_client.get(reverse(f"admin:articles_{model}_changelist"))

    assert response.status_code == 200
    rows = [row.split("</tr>")[0] for row in response.content.decode().split("<tr")[1:]]
    [row] = [row for row in rows if f">{name}</a>" in row]
    assert '<td class="field-article_count">2</td>' in row
