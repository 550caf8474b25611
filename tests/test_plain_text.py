"""Editor text is stored without the control characters no output can carry."""

import xml.etree.ElementTree as ElementTree

import pytest
from django.urls import reverse

from articles import services
from articles.models import Article, Author, Category
from articles.plain_text import tidy
from articles.services import SectionData
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def test_tidy_keeps_tabs_and_line_breaks_and_drops_what_xml_cannot_carry():
    assert tidy("one\ttwo\nthree\r\n") == "one\ttwo\nthree\r\n"
    assert tidy("page\x0cbreak, bell\x07, nul\x00, \ufffe") == "page break, bell, nul, "


def test_a_title_pasted_with_a_form_feed_is_saved_without_it_and_feeds_still_answer(client, editor):
    essay = Article(title="Pages\x0cfrom a festival", standfirst="A day\x07 at the fair.",
                    category=CategoryFactory())  # fmt: skip
    services.article_save(
        article=essay, by=editor, sections=[SectionData(heading="On\x0bsite", body="Rain\x00.")]
    )
    services.article_publish(article=essay, by=editor)

    essay.refresh_from_db()
    assert (essay.title, essay.standfirst) == ("Pages from a festival", "A day at the fair.")
    assert list(essay.sections.values_list("heading", "body")) == [("On site", "Rain.")]
    response = client.get(reverse("feed_rss"))
    assert response.status_code == 200
    assert ElementTree.fromstring(response.content).find("channel/item/title").text == (
        "Pages from a festival"
    )


def test_section_author_and_tag_text_is_tidied_too(editor):
    desk = services.category_save(
        category=Category(name="Desk\x01", slug="desk", description="About\x02"), by=editor
    )
    critic = services.author_save(author=Author(name="Ana\x0c Pires", slug="ana"), by=editor)
    essay = ArticleFactory(draft=True)
    services.article_tags_set(article=essay, tags=["noir\x1b"], by=editor)

    assert (desk.name, desk.description, critic.name) == ("Desk", "About", "Ana  Pires")
    assert [tag.name for tag in essay.tags.all()] == ["noir"]
