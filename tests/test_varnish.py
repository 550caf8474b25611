"""
Varnish (Debian's package, configured by deploy/varnish/default.vcl) in front of gunicorn:
a publish or an edit through the services bans exactly the pages showing what changed and
leaves every other page cached. Skipped without varnishd, unless FILMCULTURE_REQUIRE_VARNISH=1
(CI) makes its absence a failure.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.live_stack import ROOT, Browser, gunicorn, manage, run, site_env, stop, wait_for_port

pytestmark = pytest.mark.varnish

APP, CACHE = 8153, 8154
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"

SETUP = """
from articles.models import Category
from tests.factories import ArticleFactory, TagFactory, UserFactory
UserFactory(username="chief", is_superuser=True)
film = Category.objects.create(name="Film", slug="film")
television = Category.objects.create(name="Television", slug="television")
noir, musical = TagFactory(name="noir"), TagFactory(name="musical")
ArticleFactory(title="Shadows", slug="shadows", category=film, tags=[noir])
ArticleFactory(title="Songs", slug="songs", category=television, tags=[musical])
ArticleFactory(title="Night", slug="night", category=film, tags=[noir], draft=True)
"""

# What the tests run through the services, in a process of their own as an editor's save.
SERVICES = """
from articles import services
from django.contrib.auth.models import User
from articles.models import Article
chief = User.objects.get(username="chief")
essay = lambda slug: Article.objects.get(slug=slug)
"""

PAGES = {
    "home": "/",
    "shadows": "/essays/shadows/",
    "songs": "/essays/songs/",
    "film": "/sections/film/",
    "television": "/sections/television/",
    "noir": "/tags/noir/",
    "musical": "/tags/musical/",
}


@pytest.fixture(scope="module")
def varnish_in_front(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("varnish")
    if not Path(VARNISHD).exists():
        reason = "varnishd not found: install Debian's 'varnish' package"
        if os.environ.get("FILMCULTURE_REQUIRE_VARNISH") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    env = site_env(tmp_path, FILMCULTURE_PURGE_URLS=f"http://127.0.0.1:{CACHE}/")
    manage(env, "migrate", "--verbosity", "0")
    run(env, SETUP)
    app = gunicorn(env, APP)
    vcl = (ROOT / "deploy/varnish/default.vcl").read_text()
    (tmp_path / "test.vcl").write_text(vcl.replace('.port = "8000"', f'.port = "{APP}"'))
    cache = subprocess.Popen(
        [VARNISHD, "-F", "-j", "none", "-n", str(tmp_path / "varnish"), "-a",
         f"127.0.0.1:{CACHE}", "-f", str(tmp_path / "test.vcl"), "-s", "malloc,32m"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        wait_for_port(CACHE, cache)
        yield env
    finally:
        stop(cache)
        stop(app)


def served_by_varnish(reader):
    """Which pages Varnish answered from its cache."""
    hits = set()
    for name, path in PAGES.items():
        status, headers, _ = reader.get(f"http://127.0.0.1:{CACHE}{path}")
        assert status == 200, path
        if headers["X-Cache"] == "HIT":
            hits.add(name)
    return hits


def test_a_publish_and_an_edit_purge_exactly_the_pages_showing_them(varnish_in_front):
    env = varnish_in_front
    reader = Browser()
    served_by_varnish(reader)
    assert served_by_varnish(reader) == set(PAGES)

    run(env, SERVICES + "services.article_publish(article=essay('night'), by=chief)")

    # "Shadows" shares the tag "noir": the new essay may join its related list.
    assert served_by_varnish(reader) == {"songs", "television", "musical"}
    assert "Night" in reader.get(f"http://127.0.0.1:{CACHE}/")[2]

    run(env, SERVICES + "songs = essay('songs'); songs.title = 'Songs, retitled'\n"
             "services.article_save(article=songs, by=chief)")  # fmt: skip

    assert served_by_varnish(reader) == {"shadows", "film", "noir"}
    assert "Songs, retitled" in reader.get(f"http://127.0.0.1:{CACHE}/sections/television/")[2]


def test_editors_pass_through_varnish(varnish_in_front):
    reader = Browser()
    reader.get(f"http://127.0.0.1:{CACHE}/")
    assert reader.get(f"http://127.0.0.1:{CACHE}/")[1]["X-Cache"] == "HIT"
    editor = Browser()
    editor.cookies.set_cookie(_cookie("sessionid", "anything"))

    _, headers, _ = editor.get(f"http://127.0.0.1:{CACHE}/")

    assert headers["X-Cache"] == "MISS"
    assert "Surrogate-Key" not in headers


def _cookie(name, value):
    import http.cookiejar

    return http.cookiejar.Cookie(
        0, name, value, None, False, "127.0.0.1", False, False, "/", False, False, None,
        False, None, None, {},
    )  # fmt: skip
