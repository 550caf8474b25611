"""
Autosave and the concurrent-editing notice: what is typed is kept in a slot per person and
essay, never as a revision, never seen by readers, never making anyone's form stale.
"""

import json
import re
import time

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, AuditEntry, Autosave, Revision
from articles.services.autosave import MAX_BYTES, autosave_store
from tests.admin_forms import ADD_URL, change_url, essay_form, form_from_page, new_essay_form
from tests.factories import ArticleFactory, CategoryFactory, SectionFactory

pytestmark = pytest.mark.django_db


def autosave_url(article=None):
    if article is None:
        return reverse("admin:articles_article_autosave_new")
    return reverse("admin:articles_article_autosave", args=[article.pk])


def discard_url(article=None):
    if article is None:
        return reverse("admin:articles_article_autosave_discard_new")
    return reverse("admin:articles_article_autosave_discard", args=[article.pk])


def presence_url(article):
    return reverse("admin:articles_article_presence", args=[article.pk])


def reload(article):
    return Article.objects.get(pk=article.pk)


def loaded_form(client, url):
    return form_from_page(client.get(url).content.decode())


def offer_in(html):
    """The unsaved changes the page offers to restore, as its script reads them."""
    found = re.search(r'<script id="autosave-offer-data"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(found.group(1)) if found else None


def clock(moment):
    return f"{timezone.localtime(moment):%H:%M}"


def saved_essay(by, **fields):
    """A draft as the admin leaves it: one section, saved through the services."""
    essay = ArticleFactory(draft=True, paragraphs__skip=True, **fields)
    SectionFactory(article=essay, position=1, heading="", body="The words as last saved.")
    services.article_save(article=reload(essay), by=by)
    return reload(essay)


# --- An autosave is not a save ----------------------------------------------------------------


def test_an_autosave_leaves_the_essay_its_revisions_history_and_readers_page_alone(
    editor_client, editor
):
    essay = ArticleFactory(title="Harbour lights", paragraphs__skip=True)
    SectionFactory(article=essay, position=1, heading="", body="What readers see.")
    services.article_save(article=reload(essay), by=editor)
    essay = reload(essay)
    reader = Client()
    assert "What readers see." in reader.get(essay.get_absolute_url()).content.decode()
    revisions, entries = Revision.objects.count(), AuditEntry.objects.count()

    form = loaded_form(editor_client, change_url(essay))
    form.update({"title": "Harbour lights, retitled", "sections-0-body": "Typed, not saved."})
    response = editor_client.post(autosave_url(essay), form)

    assert response.status_code == 200
    slot = Autosave.objects.get(user=editor, article=essay)
    assert response.json() == {"saved_at": slot.saved_at.isoformat(), "label": clock(slot.saved_at)}
    assert slot.data["title"] == ["Harbour lights, retitled"]
    assert slot.data["sections-0-body"] == ["Typed, not saved."]
    assert not {"csrfmiddlewaretoken", "_save"} & slot.data.keys()
    assert slot.base_version == essay.version
    after = reload(essay)
    assert (after.title, after.version, after.updated_at) == (
        "Harbour lights",
        essay.version,
        essay.updated_at,
    )
    assert (Revision.objects.count(), AuditEntry.objects.count()) == (revisions, entries)
    cache.clear()  # readers' page rendered afresh from the database
    page = reader.get(essay.get_absolute_url()).content.decode()
    assert "What readers see." in page and "Typed, not saved." not in page
    assert "retitled" not in page


def test_autosave_endpoints_take_posts_only(editor_client):
    essay = ArticleFactory(draft=True)

    assert editor_client.get(autosave_url(essay)).status_code == 405
    assert editor_client.get(presence_url(essay)).status_code == 405
    assert not Autosave.objects.exists()


# --- Offering the unsaved changes back --------------------------------------------------------


def test_reopening_the_essay_offers_the_unsaved_changes_until_a_real_save_empties_the_slot(
    editor_client, editor
):
    essay = saved_essay(editor, title="Before")
    form = loaded_form(editor_client, change_url(essay))
    form["title"] = "A title typed but never saved"
    editor_client.post(autosave_url(essay), form)
    slot = Autosave.objects.get()

    html = editor_client.get(change_url(essay)).content.decode()
    offer = offer_in(html)

    assert f"Unsaved changes from {clock(slot.saved_at)}" in html
    assert offer["label"].startswith(clock(slot.saved_at))
    assert offer["data"]["title"] == ["A title typed but never saved"]

    assert editor_client.post(change_url(essay), form).status_code == 302
    assert not Autosave.objects.exists()
    html = editor_client.get(change_url(essay)).content.decode()
    assert offer_in(html) is None and "Unsaved changes from" not in html
    assert reload(essay).title == "A title typed but never saved"


def test_a_slot_older_than_the_essays_last_save_is_not_offered(client, editor, desk_editor):
    essay = saved_essay(editor)
    client.force_login(editor)
    client.post(autosave_url(essay), loaded_form(client, change_url(essay)))
    services.article_save(article=reload(essay), by=desk_editor)

    assert offer_in(client.get(change_url(essay)).content.decode()) is None


def test_discarding_empties_the_slot_and_the_offer_goes(editor_client, editor):
    essay = saved_essay(editor)
    editor_client.post(autosave_url(essay), loaded_form(editor_client, change_url(essay)))

    response = editor_client.post(discard_url(essay))

    assert response.status_code == 200 and response.json() == {"discarded": 1}
    assert not Autosave.objects.exists()
    assert offer_in(editor_client.get(change_url(essay)).content.decode()) is None


def test_a_new_essays_autosave_is_offered_on_the_next_visit_to_the_add_form(writer_client, writer):
    category = CategoryFactory()
    form = new_essay_form(category, title="A draft that was never saved")

    assert writer_client.post(autosave_url(), form).status_code == 200
    slot = Autosave.objects.get(user=writer)
    assert slot.article is None and slot.base_version is None
    offer = offer_in(writer_client.get(ADD_URL).content.decode())
    assert offer["data"]["title"] == ["A draft that was never saved"]

    # Saving the new essay empties the slot; discarding works on it as well.
    assert writer_client.post(ADD_URL, form).status_code == 302
    assert not Autosave.objects.exists()
    writer_client.post(autosave_url(), form)
    assert writer_client.post(discard_url()).json() == {"discarded": 1}
    assert offer_in(writer_client.get(ADD_URL).content.decode()) is None


def test_the_offer_names_authors_and_pinned_essays_chosen_since_the_last_save(
    editor_client, editor
):
    essay = saved_essay(editor)
    companion = ArticleFactory(title="A companion piece")
    form = loaded_form(editor_client, change_url(essay))
    form.update(
        {
            "pinned_links-TOTAL_FORMS": "1",
            "pinned_links-0-position": "1",
            "pinned_links-0-target": str(companion.pk),
        }
    )
    editor_client.post(autosave_url(essay), form)

    offer = offer_in(editor_client.get(change_url(essay)).content.decode())

    assert offer["labels"]["pinned_links-0-target"] == {str(companion.pk): "A companion piece"}


# --- Who may autosave ---------------------------------------------------------------------------


@pytest.mark.parametrize("whose", ["someone else's draft", "their own live essay"])
def test_a_writer_cannot_autosave_into_an_essay_they_may_not_edit(
    writer_client, writer, other_writer, whose
):
    if whose == "someone else's draft":
        essay = ArticleFactory(draft=True, owner=other_writer)
    else:
        essay = ArticleFactory(owner=writer)

    response = writer_client.post(autosave_url(essay), essay_form(essay, title="Mine now"))

    assert response.status_code == 403
    assert "own drafts" in response.json()["error"]
    assert writer_client.post(presence_url(essay)).status_code == 403
    assert not Autosave.objects.exists()
    with pytest.raises(PermissionDenied):
        autosave_store(user=writer, article=essay, data={"title": ["x"]}, base_version=0)
    assert not Autosave.objects.exists()


def test_a_writer_autosaves_their_own_draft(writer_client, writer):
    essay = ArticleFactory(draft=True, owner=writer)

    response = writer_client.post(autosave_url(essay), essay_form(essay, title="Mine"))

    assert response.status_code == 200
    assert Autosave.objects.get(user=writer, article=essay).data["title"] == ["Mine"]


def test_a_read_only_change_page_has_no_autosave(writer_client, writer):
    essay = ArticleFactory(owner=writer)  # live: writers may only look

    html = writer_client.get(change_url(essay)).content.decode()

    assert 'id="autosave-config"' not in html and 'id="autosave-status"' not in html


@pytest.mark.parametrize("size", [MAX_BYTES + 1, 3 * MAX_BYTES], ids=["over", "far over"])
def test_a_form_too_large_to_autosave_is_refused_with_a_message(editor_client, editor, size):
    essay = saved_essay(editor)
    form = essay_form(essay, **{"sections-0-body": "x" * size})

    response = editor_client.post(autosave_url(essay), form)

    assert response.status_code == 413
    assert "too large to autosave" in response.json()["error"]
    assert not Autosave.objects.exists()


# --- Stale forms --------------------------------------------------------------------------------


def test_a_stale_autosave_never_trips_the_conflict_check(client, editor, desk_editor):
    essay = saved_essay(editor)
    client.force_login(desk_editor)
    desk_form = loaded_form(client, change_url(essay))
    client.force_login(editor)
    form = loaded_form(client, change_url(essay))
    form["title"] = "Typed over the version both loaded"
    assert client.post(autosave_url(essay), form).status_code == 200

    # The editor's autosaves do not make the desk's open form stale ...
    client.force_login(desk_editor)
    desk_form["title"] = "The desk's title"
    assert client.post(change_url(essay), desk_form).status_code == 302
    assert reload(essay).version == essay.version + 1

    # ... and the editor's slot, now on an older version, does not block a fresh form.
    client.force_login(editor)
    assert Autosave.objects.get(user=editor).base_version == essay.version
    fresh = loaded_form(client, change_url(essay))
    fresh["title"] = "The editor's title"
    assert client.post(change_url(essay), fresh).status_code == 302
    assert reload(essay).title == "The editor's title"


# --- "Maria is also editing this essay" -----------------------------------------------------------


@pytest.fixture
def maria(desk_editor):
    desk_editor.first_name, desk_editor.last_name = "Maria", "Lind"
    desk_editor.save()
    return desk_editor


def heartbeat(client, user, essay, **data):
    client.force_login(user)
    response = client.post(presence_url(essay), data)
    assert response.status_code == 200
    return response.json()


def test_one_person_alone_with_an_essay_sees_nobody(client, editor):
    essay = ArticleFactory(draft=True)

    assert heartbeat(client, editor, essay) == {"others": [], "notice": ""}


def test_two_people_with_the_same_essay_open_see_each_others_names(client, editor, maria):
    essay, elsewhere = ArticleFactory(draft=True), ArticleFactory(draft=True)

    heartbeat(client, editor, essay)
    heartbeat(client, editor, elsewhere)

    assert heartbeat(client, maria, essay)["others"] == ["editor"]
    assert heartbeat(client, editor, essay) == {
        "others": ["Maria Lind"],
        "notice": "Maria Lind is also editing this essay",
    }
    assert heartbeat(client, editor, elsewhere)["others"] == []


def test_someone_who_left_the_essay_is_no_longer_listed(client, editor, maria):
    essay = ArticleFactory(draft=True)
    heartbeat(client, editor, essay)
    heartbeat(client, maria, essay)

    heartbeat(client, maria, essay, leave="1")

    assert heartbeat(client, editor, essay)["others"] == []


def test_someone_quiet_for_three_heartbeats_is_no_longer_listed(client, editor, maria, settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "PRESENCE_SECONDS": 0.05}
    essay = ArticleFactory(draft=True)
    heartbeat(client, maria, essay)

    time.sleep(0.2)

    assert heartbeat(client, editor, essay)["others"] == []


def test_the_change_form_carries_the_endpoints_and_intervals_for_the_script(
    editor_client, settings
):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "AUTOSAVE_SECONDS": 7, "PRESENCE_SECONDS": 11}
    essay = ArticleFactory(draft=True)

    html = editor_client.get(change_url(essay)).content.decode()
    config = json.loads(re.search(r'id="autosave-config"[^>]*>(.*?)</script>', html).group(1))

    assert config["storeUrl"] == autosave_url(essay)
    assert config["discardUrl"] == discard_url(essay)
    assert config["presenceUrl"] == presence_url(essay)
    assert (config["autosaveSeconds"], config["presenceSeconds"]) == (7, 11)
    assert 'aria-live="polite"' in html
