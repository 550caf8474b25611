"""Tags that stay clean: one tag per name however it is written, merges, renames, old links."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from articles import services
from articles.models import RelatedState, Tag, TaggedArticle, TagRedirect
from articles.models.taxonomy import tag_slug
from tests.factories import ArticleFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db

TAG_CHANGELIST = reverse("admin:articles_tag_changelist")


def tag_names(article):
    return sorted(tag.name for tag in article.tags.all())


def tag_url(slug):
    return reverse("articles:tag", kwargs={"slug": slug})


# --- One tag however it is written -------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Korean cinema",
        "korean cinema",
        "Korean  Cinema",
        "korean-cinema",
        " KOREAN--cinema ",
        "korean_cinema",
        "Korean\u2013cinema",
    ],
)
def test_names_differing_in_case_spacing_or_hyphenation_have_one_slug(name):
    assert tag_slug(name) == "korean-cinema"


def test_essays_tagged_with_differently_written_names_share_one_tag():
    first = ArticleFactory(tags=["Korean cinema"])
    second = ArticleFactory(tags=["korean-cinema", "Korean  Cinema"])

    assert Tag.objects.count() == 1
    assert tag_names(first) == tag_names(second) == ["Korean cinema"]


def test_the_first_spelling_stays_the_tags_name_with_spaces_tidied():
    ArticleFactory(tags=["  Nordic   noir "])
    ArticleFactory(tags=["NORDIC NOIR"])

    assert list(Tag.objects.values_list("name", "slug")) == [("Nordic noir", "nordic-noir")]


def save_in_admin(client, article, *, tags):
    """Post the essay's admin change form as it stands, with `tags` typed in."""
    section = article.sections.get()
    return client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        {
            "title": article.title,
            "slug": article.slug,
            "standfirst": article.standfirst,
            "status": article.status,
            "published_at_0": article.published_at.strftime("%Y-%m-%d"),
            "published_at_1": article.published_at.strftime("%H:%M:%S"),
            "category": article.category_id,
            "tags": tags,
            "lead_image_alt": "",
            "lead_image_credit": "",
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "1",
            "sections-MIN_NUM_FORMS": "1",
            "sections-MAX_NUM_FORMS": "1000",
            "sections-0-id": section.pk,
            "sections-0-article": article.pk,
            "sections-0-position": "1",
            "sections-0-heading": "",
            "sections-0-body": section.body,
            "pinned_links-TOTAL_FORMS": "0",
            "pinned_links-INITIAL_FORMS": "0",
            "pinned_links-MIN_NUM_FORMS": "0",
            "pinned_links-MAX_NUM_FORMS": "1000",
            "_save": "Save",
        },
    )


def test_editors_typing_a_variant_in_the_admin_get_the_existing_tag(editor_client):
    article = ArticleFactory(tags=["Korean cinema"])

    response = save_in_admin(editor_client, article, tags="korean-cinema, Festivals, festivals")

    assert response.status_code == 302
    assert tag_names(article) == ["Festivals", "Korean cinema"]
    assert Tag.objects.count() == 2


def test_a_tag_without_letters_or_digits_is_refused_with_a_message_not_an_error(editor_client):
    article = ArticleFactory(tags=["memory"])

    response = save_in_admin(editor_client, article, tags="memory, !!!")

    assert response.status_code == 200
    assert "“!!!” cannot be a tag: it has no letter or digit." in response.content.decode()
    assert tag_names(article) == ["memory"]


def test_existing_duplicates_are_merged_by_the_migration():
    # Tags as the site stored them before names were normalised: one per spelling.
    kept = Tag.objects.bulk_create([Tag(name="Korean cinema", slug="korean-cinema")])[0]
    dupe = Tag.objects.bulk_create([Tag(name="korean-cinema", slug="korean-cinema_1")])[0]
    other = Tag.objects.bulk_create([Tag(name="Opera  films", slug="opera-films")])[0]
    both = ArticleFactory()
    only_dupe = ArticleFactory()
    TaggedArticle.objects.bulk_create(
        [
            TaggedArticle(content_object=both, tag=kept),
            TaggedArticle(content_object=both, tag=dupe),
            TaggedArticle(content_object=only_dupe, tag=dupe),
            TaggedArticle(content_object=only_dupe, tag=other),
        ]
    )
    migration = importlib.import_module(
        "articles.migrations.0003_merge_tags_differing_in_case_or_spacing"
    )

    # What the migration is given of the database it migrates: its connection.
    migration.merge_duplicate_tags(apps, schema_editor=SimpleNamespace(connection=connection))

    assert list(Tag.objects.order_by("pk").values_list("name", "slug")) == [
        ("Korean cinema", "korean-cinema"),
        ("Opera films", "opera-films"),
    ]
    assert tag_names(both) == ["Korean cinema"]
    assert tag_names(only_dupe) == ["Korean cinema", "Opera films"]
    assert TagRedirect.objects.get(old_slug="korean-cinema_1").tag == kept


# --- Merging -----------------------------------------------------------------------------------


def test_merging_moves_every_essay_once_and_deletes_the_merged_tags():
    into = TagFactory(name="Korean cinema")
    has_both = ArticleFactory(tags=["Korean cinema", "Hallyu"])
    has_two_merged = ArticleFactory(tags=["Hallyu", "K-film"])
    has_one = ArticleFactory(tags=["K-film", "opera"])
    merged = list(Tag.objects.filter(name__in=["Hallyu", "K-film"]))

    retagged = services.tag_merge(tags=[*merged, into], into=into, by=None)

    assert retagged == 3
    assert tag_names(has_both) == ["Korean cinema"]
    assert tag_names(has_two_merged) == ["Korean cinema"]
    assert tag_names(has_one) == ["Korean cinema", "opera"]
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Korean cinema", "opera"]


def test_merged_tags_old_pages_redirect_to_the_merged_tag(client):
    into = TagFactory(name="Korean cinema")
    merged = TagFactory(name="Hallyu")
    ArticleFactory(tags=["Hallyu"])

    services.tag_merge(tags=[merged], into=into, by=None)
    response = client.get(tag_url("hallyu") + "?page=1")

    assert response.status_code == 301
    assert response["Location"] == tag_url("korean-cinema") + "?page=1"


def test_merging_keeps_the_kept_tags_text_or_else_takes_a_merged_ones():
    into = TagFactory(name="Korean cinema")
    merged = TagFactory(name="Hallyu", description="Essays on the Korean wave.")

    services.tag_merge(tags=[merged], into=into, by=None)

    into.refresh_from_db()
    assert into.description == "Essays on the Korean wave."


def test_redirects_do_not_chain_when_a_merged_into_tag_is_merged_again(client):
    a, b, c = TagFactory(name="A films"), TagFactory(name="B films"), TagFactory(name="C films")
    services.tag_merge(tags=[a], into=b, by=None)

    services.tag_merge(tags=[b], into=c, by=None)

    for old in ("a-films", "b-films"):
        response = client.get(tag_url(old))
        assert (response.status_code, response["Location"]) == (301, tag_url("c-films"))


def test_typing_a_merged_tags_name_tags_with_the_tag_it_was_merged_into():
    into = TagFactory(name="Korean cinema")
    services.tag_merge(tags=[TagFactory(name="Hallyu")], into=into, by=None)

    article = ArticleFactory(tags=["hallyu"])

    assert tag_names(article) == ["Korean cinema"]
    assert not Tag.objects.filter(name__iexact="hallyu").exists()


def test_merging_a_tag_into_itself_alone_is_refused():
    tag = TagFactory(name="Opera")

    with pytest.raises(ValidationError):
        services.tag_merge(tags=[tag], into=tag, by=None)


def test_merging_needs_permission_to_change_and_delete_tags():
    into, merged = TagFactory(name="Opera"), TagFactory(name="Operas")
    user = UserFactory(permissions=["change_tag"])

    with pytest.raises(PermissionDenied):
        services.tag_merge(tags=[merged], into=into, by=user)


# --- Renaming ----------------------------------------------------------------------------------


def test_renaming_moves_the_tag_page_and_the_old_address_redirects(client):
    tag = TagFactory(name="Korean film")
    ArticleFactory(title="Night in Busan", tags=["Korean film"])

    services.tag_rename(tag=tag, name="Korean  cinema", by=None)

    assert (tag.name, tag.slug) == ("Korean cinema", "korean-cinema")
    response = client.get(tag_url("korean-film"))
    assert (response.status_code, response["Location"]) == (301, tag_url("korean-cinema"))
    assert "Night in Busan" in client.get(tag_url("korean-cinema")).content.decode()


def test_renaming_twice_and_back_leaves_no_loop(client):
    tag = TagFactory(name="Korean film")
    ArticleFactory(tags=[tag])  # a tag page shows only with a published essay
    services.tag_rename(tag=tag, name="Korean cinema", by=None)
    services.tag_rename(tag=tag, name="Hallyu", by=None)
    services.tag_rename(tag=tag, name="Korean film", by=None)

    assert client.get(tag_url("korean-film")).status_code == 200
    response = client.get(tag_url("hallyu"))
    assert (response.status_code, response["Location"]) == (301, tag_url("korean-film"))


def test_changing_only_the_case_keeps_the_address():
    tag = TagFactory(name="korean cinema")

    services.tag_rename(tag=tag, name="Korean Cinema", by=None)

    assert tag.slug == "korean-cinema"
    assert not TagRedirect.objects.exists()


def test_renaming_to_another_tags_name_is_refused_with_a_merge_offer():
    TagFactory(name="Korean cinema")
    tag = TagFactory(name="Hallyu")

    with pytest.raises(ValidationError, match="merge"):
        services.tag_rename(tag=tag, name="korean-cinema", by=None)


# --- Public tag pages --------------------------------------------------------------------------


def test_the_tag_page_shows_the_tags_text(client):
    TagFactory(name="Basque cinema", description="Films from both sides of the Pyrenees.")
    ArticleFactory(tags=["Basque cinema"])

    html = client.get(tag_url("basque-cinema")).content.decode()

    assert "Films from both sides of the Pyrenees." in html


def test_a_tag_address_written_differently_redirects_to_the_tag(client):
    ArticleFactory(tags=["Korean cinema"])

    response = client.get("/tags/Korean_Cinema/")

    assert (response.status_code, response["Location"]) == (301, tag_url("korean-cinema"))


def test_an_unknown_tag_address_is_not_found(client):
    assert client.get(tag_url("nothing-here")).status_code == 404


def test_tags_with_letters_beyond_ascii_have_pages(client):
    article = ArticleFactory(title="Le ciné-club", tags=["Ciné-club"])

    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Le ciné-club" in client.get(tag_url("ciné-club")).content.decode()


# --- The tag admin -----------------------------------------------------------------------------


def test_editor_merges_tags_from_the_tag_list_choosing_the_one_to_keep(editor_client, client):
    keep = TagFactory(name="Korean cinema")
    merged = TagFactory(name="Hallyu")
    ArticleFactory(tags=["Korean cinema", "Hallyu"])
    ArticleFactory(tags=["Hallyu"])
    selection = {"action": "merge_selected", "_selected_action": [keep.pk, merged.pk]}

    page = editor_client.post(TAG_CHANGELIST, selection)

    assert page.status_code == 200
    html = page.content.decode()
    assert "Korean cinema (1 essay)" in html and "Hallyu (2 essays)" in html

    done = editor_client.post(TAG_CHANGELIST, {**selection, "merge": "yes", "into": keep.pk})

    assert done.status_code == 302
    assert list(Tag.objects.values_list("name", flat=True)) == ["Korean cinema"]
    assert TaggedArticle.objects.count() == 2
    messages = [str(m) for m in editor_client.get(done["Location"]).context["messages"]]
    assert messages == [
        "Merged 1 tag(s) into “Korean cinema”: 2 essay(s) retagged; "
        "the old tag pages redirect to it."
    ]
    assert client.get(tag_url("hallyu"))["Location"] == tag_url("korean-cinema")


def test_merging_a_single_tag_from_the_list_changes_nothing(editor_client):
    tag = TagFactory(name="Opera")

    response = editor_client.post(
        TAG_CHANGELIST,
        {"action": "merge_selected", "_selected_action": [tag.pk], "merge": "yes", "into": tag.pk},
        follow=True,
    )

    assert "Select two or more tags to merge." in response.content.decode()
    assert Tag.objects.filter(pk=tag.pk).exists()


def test_merging_into_a_tag_that_was_not_selected_is_refused_on_the_page(editor_client):
    a, b, outsider = TagFactory(name="A"), TagFactory(name="B"), TagFactory(name="Outsider")

    response = editor_client.post(
        TAG_CHANGELIST,
        {
            "action": "merge_selected",
            "_selected_action": [a.pk, b.pk],
            "merge": "yes",
            "into": outsider.pk,
        },
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Tag.objects.count() == 3


def test_staff_who_may_not_delete_tags_are_not_offered_the_merge(client):
    user = UserFactory(permissions=["view_tag", "change_tag"])
    client.force_login(user)

    response = client.get(TAG_CHANGELIST)

    assert response.status_code == 200
    assert "merge_selected" not in response.content.decode()


def test_editor_renames_a_tag_in_its_form_and_edits_its_text(editor_client, client):
    tag = TagFactory(name="Korean film")
    url = reverse("admin:articles_tag_change", args=[tag.pk])

    response = editor_client.post(
        url, {"name": "Korean cinema", "description": "From Busan to Seoul."}
    )

    assert response.status_code == 302
    tag.refresh_from_db()
    assert (tag.slug, tag.description) == ("korean-cinema", "From Busan to Seoul.")
    assert client.get(tag_url("korean-film"))["Location"] == tag_url("korean-cinema")
    assert "korean-film" in editor_client.get(url).content.decode()  # listed as an old address


def test_renaming_to_an_existing_tags_name_in_the_form_offers_the_merge(editor_client):
    TagFactory(name="Korean cinema")
    tag = TagFactory(name="Hallyu")

    response = editor_client.post(
        reverse("admin:articles_tag_change", args=[tag.pk]),
        {"name": "korean  CINEMA", "description": ""},
    )

    assert response.status_code == 200
    assert "There is already a tag “Korean cinema”" in response.content.decode()
    assert "Merge selected tags into one" in response.content.decode()
    tag.refresh_from_db()
    assert tag.name == "Hallyu"


def test_adding_a_tag_written_like_an_existing_one_is_refused(editor_client):
    TagFactory(name="Korean cinema")
    add_url = reverse("admin:articles_tag_add")

    assert editor_client.get(add_url).status_code == 200
    refused = editor_client.post(add_url, {"name": "KOREAN-CINEMA", "description": ""})
    added = editor_client.post(add_url, {"name": " Basque  cinema", "description": ""})

    assert "There is already a tag “Korean cinema”" in refused.content.decode()
    assert added.status_code == 302
    assert Tag.objects.get(slug="basque-cinema").name == "Basque cinema"


def test_deleting_a_tag_from_the_admin_untags_its_essays_and_marks_them_changed(editor_client):
    tag = TagFactory(name="Opera")
    article = ArticleFactory(tags=["Opera", "memory"])

    response = editor_client.post(
        reverse("admin:articles_tag_delete", args=[tag.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert tag_names(article) == ["memory"]
    assert RelatedState.objects.get(article=article).changed_at is not None
