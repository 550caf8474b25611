"""The demo loader gives a fresh machine a site worth clicking through, and is safe to rerun."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.demo_content import DEMO_ESSAYS
from articles.models import Article, Category, RelatedLink, Section, Tag, TaggedArticle
from articles.related import related_articles

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Section, Category, Tag, TaggedArticle, RelatedLink)
    } | {"users": get_user_model().objects.count()}


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


def test_loading_twice_duplicates_nothing(debug_on):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")

    assert counts() == first
    assert first["Article"] == len(DEMO_ESSAYS)


def test_demo_login_is_printed_and_works(debug_on, capsys, client):
    call_command("load_demo")
    output = capsys.readouterr().out

    assert "Demo-only admin login: editor / filmculture-demo" in output
    assert client.login(username="editor", password="filmculture-demo")


def test_demo_login_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing to create the demo admin login"):
        call_command("load_demo")
    assert not get_user_model().objects.filter(username="editor").exists()
