"""Hand-made admin requests with nonsense in them get an answer, never a server error."""

import pytest
from django.urls import reverse

from articles.models import Article, ArticleStatus
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_exceptions(editor_client):
    editor_client.raise_request_exception = False
    return editor_client


@pytest.mark.parametrize(
    ("model", "action"),
    [
        ("article", "publish_selected"),
        ("article", "delete_selected"),
        ("tag", "merge_selected"),
        ("category", "delete_selected"),
        ("author", "delete_selected"),
    ],
)
@pytest.mark.parametrize("bad_id", ["abc", "", "99999999999999999999999", "-99999999999999999999"])
def test_a_bulk_action_on_ids_that_cannot_exist_is_refused_with_a_message(
    no_exceptions, model, action, bad_id
):
    draft = ArticleFactory(draft=True)
    TagFactory(name="noir")
    CategoryFactory(name="Craft")
    AuthorFactory(name="Ana Pires")

    response = no_exceptions.post(
        reverse(f"admin:articles_{model}_changelist"),
        {"action": action, "_selected_action": [bad_id], "post": "yes"},
        follow=True,
    )

    assert response.status_code == 200
    assert "Some of the selected items do not exist" in response.content.decode()
    assert Article.objects.get(pk=draft.pk).status == ArticleStatus.DRAFT


def test_the_tag_suggestions_take_a_nul_character_in_stride(no_exceptions):
    TagFactory(name="noir")

    response = no_exceptions.get(reverse("admin:articles_article_tag_autocomplete") + "?term=no%00")

    assert response.status_code == 200
    assert response.json() == {"results": ["noir"]}


@pytest.mark.parametrize("model", ["auth_user", "auth_group"])
def test_a_bulk_action_on_an_empty_id_in_the_accounts_admin_is_refused(no_exceptions, model):
    response = no_exceptions.post(
        reverse(f"admin:{model}_changelist"),
        {"action": "delete_selected", "_selected_action": [""]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Some of the selected items do not exist" in response.content.decode()


@pytest.mark.parametrize(
    ("changelist", "drill_down"),
    [("articles_article", "published_at"), ("articles_auditentry", "at")],
)
def test_a_year_past_what_dates_hold_sends_the_editor_back_to_the_whole_list(
    no_exceptions, changelist, drill_down
):
    ArticleFactory(title="Still listed")

    response = no_exceptions.get(
        reverse(f"admin:{changelist}_changelist"), {f"{drill_down}__year": "2147483648"}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


@pytest.mark.parametrize("changelist", ["articles_article", "articles_tag", "auth_user"])
def test_a_search_with_a_nul_character_lists_what_matches_the_rest(no_exceptions, changelist):
    ArticleFactory(title="Noir at dusk", tags=["noir"])

    response = no_exceptions.get(reverse(f"admin:{changelist}_changelist"), {"q": "no\x00ir"})

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("changelist", "lookup"),
    [
        ("auth_user", "groups__gte"),
        ("auth_group", "permissions__gte"),
        ("articles_article", "category__gte"),
    ],
)
def test_a_filter_value_past_what_the_column_holds_answers_without_an_error(
    no_exceptions, changelist, lookup
):
    response = no_exceptions.get(
        reverse(f"admin:{changelist}_changelist"), {lookup: "9223372036854775808"}
    )

    # PostgreSQL compares it and finds nothing; SQLite cannot hold it: back to the whole list.
    assert response.status_code == 200 or response["Location"].endswith("?e=1")


def test_a_tag_filter_with_a_nul_character_answers_without_an_error(no_exceptions):
    ArticleFactory(title="Noir at dusk", tags=["noir"])

    response = no_exceptions.get(reverse("admin:articles_article_changelist"), {"tag": "no\x00ir"})

    # SQLite finds no such tag; PostgreSQL cannot hold the value: back to the whole list.
    assert response.status_code == 200 or response["Location"].endswith("?e=1")
