"""
The embedded default (SQLite, no Redis) with several worker processes: they share one page
cache on disk, so a save through one worker shows at once through the other.
"""

import sqlite3

import pytest

from tests.live_stack import Browser, gunicorn, manage, run, site_env, stop

FIRST, SECOND = 8151, 8152

SETUP = """
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Category
from tests.factories import ArticleFactory, UserFactory
UserFactory(username="chief", password="a-long-password", is_superuser=True)
film = Category.objects.create(name="Film", slug="film")
essay = ArticleFactory(title="Night trains", slug="night-trains", category=film)
print(essay.pk, film.pk)
"""


@pytest.fixture
def two_workers(tmp_path):
    env = site_env(tmp_path)
    manage(env, "migrate", "--verbosity", "0")
    essay_id, film_id = run(env, SETUP).split()[-2:]
    first = gunicorn(env, FIRST)
    second = gunicorn(env, SECOND)
    yield tmp_path / "site.sqlite3", int(essay_id), int(film_id)
    stop(first)
    stop(second)


def origin(port):
    return f"http://127.0.0.1:{port}"


def test_a_save_through_one_worker_is_seen_at_once_through_the_other(two_workers):
    database, essay_id, film_id = two_workers
    reader, editor = Browser(), Browser()
    assert "Night trains" in reader.get(f"{origin(FIRST)}/")[2]

    # Behind the services' back, nothing is invalidated: the second worker serves the page
    # the first one cached, so the cache is really shared.
    with sqlite3.connect(database) as db:
        db.execute("UPDATE articles_article SET title = 'Changed behind the back'")
    assert "Night trains" in reader.get(f"{origin(SECOND)}/")[2]

    editor.log_in(origin(FIRST), "chief", "a-long-password")
    status, _, _ = editor.post_form(
        f"{origin(FIRST)}/admin/articles/category/{film_id}/change/",
        {"name": "Cinema", "slug": "film", "description": ""},
    )
    assert status == 302
    home = reader.get(f"{origin(SECOND)}/")[2]
    assert "Cinema" in home and "Changed behind the back" in home

    editor.post_form(
        f"{origin(FIRST)}/admin/articles/article/",
        {"action": "unpublish_selected", "_selected_action": [essay_id]},
    )
    assert "Changed behind the back" not in reader.get(f"{origin(SECOND)}/")[2]
    assert reader.get(f"{origin(SECOND)}/essays/night-trains/")[0] == 404
