"""
The permission rules for users whose rights were picked by hand rather than given by a role
(an account whose rights were narrowed, a fixer given the right to edit any essay): what
taking a Django permission away forbids, and what the right to edit any essay brings.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from articles import services
from articles.models import Article, ArticleStatus
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_account_no_longer_allowed_to_change_essays_may_not_edit_its_own_draft():
    former_writer = UserFactory(permissions=["add_article", "view_article", "delete_article"])
    draft = ArticleFactory(draft=True, owner=former_writer, title="As written")
    draft.title = "Changed afterwards"

    with pytest.raises(PermissionDenied):
        services.article_save(article=draft, by=former_writer)

    assert Article.objects.get(pk=draft.pk).title == "As written"


def test_an_account_no_longer_allowed_to_delete_essays_may_not_delete_its_own_draft():
    former_writer = UserFactory(permissions=["add_article", "view_article", "change_article"])
    draft = ArticleFactory(draft=True, owner=former_writer)

    with pytest.raises(PermissionDenied):
        services.article_delete(article=draft, by=former_writer)

    assert Article.objects.filter(pk=draft.pk).exists()


def test_only_a_draft_can_be_submitted_for_review_even_by_an_editor(editor):
    live = ArticleFactory(title="On the site")

    with pytest.raises((PermissionDenied, ValidationError)):
        services.article_submit(article=live, by=editor)

    assert Article.objects.get(pk=live.pk).status == ArticleStatus.PUBLISHED


def test_whoever_may_edit_any_essay_sees_every_essay_in_the_admin(client, writer):
    fixer = UserFactory(permissions=["change_article", "edit_any_article"])
    draft = ArticleFactory(draft=True, owner=writer, title="A colleague's draft")
    client.force_login(fixer)

    listed = client.get(reverse("admin:articles_article_changelist")).content.decode()
    history = client.get(reverse("admin:articles_article_revisions", args=[draft.pk]))

    assert "A colleague&#x27;s draft" in listed
    assert history.status_code == 200
