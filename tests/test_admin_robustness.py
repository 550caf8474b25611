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
@pytest.mark.parametrize("bad_id", ["abc", "99999999999999999999999", "-99999999999999999999"])
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
