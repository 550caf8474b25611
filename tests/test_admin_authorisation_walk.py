"""
Every admin URL and every admin action, found from the URL resolver and the registered
ModelAdmins (not from a hand-made list), requested as an anonymous visitor, a writer and
an editor: anonymous visitors are always sent to the login page, writers are refused what
is outside their rights (with nothing changed), editors reach what is theirs, and no
request anywhere answers 500.
"""

import re
from collections import Counter

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client, RequestFactory
from django.urls import URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles import services
from articles.models import Article, ArticleStatus, AuditEntry, Author, Category, Tag
from articles.services import previews
from articles.services.permissions import EDITORS, WRITERS
from tests.factories import ArticleFactory, AuthorFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=False)

CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)")
LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")

# Requests that would end the walking session itself; logging out is tested on its own.
NOT_POSTED = {"admin:logout", "accounts:logout_everywhere"}


def admin_routes():
    """(route with converters, URL name) for every URL under admin/, from the resolver."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern).lstrip("^").rstrip("$").replace("\\/", "/")
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                yield from walk(pattern.url_patterns, route, inner)
            elif route.startswith("admin/"):
                yield route, f"{namespace}:{pattern.name}" if pattern.name else route

    return list(walk(get_resolver().url_patterns, "", ""))


def model_admin_for(route):
    parts = route.split("/")
    for model, model_admin in admin.site._registry.items():
        if parts[1:3] == [model._meta.app_label, model._meta.model_name]:
            return model, model_admin
    return None, None


class World:
    """The objects the walk substitutes into URLs, made once per test."""

    def __init__(self):
        self.writer = UserFactory(username="writer")
        self.writer.groups.add(Group.objects.get(name=WRITERS))
        self.other_writer = UserFactory(username="other-writer")
        self.other_writer.groups.add(Group.objects.get(name=WRITERS))
        self.editor = UserFactory(username="desk-editor")
        self.editor.groups.add(Group.objects.get(name=EDITORS))
        self.chief = UserFactory(username="chief", is_superuser=True)

        self.essays = {
            "own draft": ArticleFactory(draft=True, owner=self.writer),
            "someone else's draft": ArticleFactory(draft=True, owner=self.other_writer),
            "published": ArticleFactory(owner=self.other_writer),
        }
        for essay in self.essays.values():
            essay.authors.set([AuthorFactory()])
            essay.tags.set([TagFactory(name="long takes")])
            services.article_save(article=essay, by=None)  # revision 1
            essay.title += " (revised)"
            services.article_save(article=essay, by=None)  # revision 2
        # Two audit entries: submitted, then sent back to its writer as a draft again.
        services.article_submit(article=self.essays["someone else's draft"], by=None)
        services.article_send_back(
            article=self.essays["someone else's draft"], by=None, comment="Tighten the ending."
        )
        self.preview_links = {
            kind: previews.preview_link_create(article=essay, by=None)
            for kind, essay in self.essays.items()
        }
        TOTPDevice.objects.create(user=self.chief, name="chief's phone", confirmed=True)
        Client().post(LOGIN, {"username": "nobody", "password": "wrong"})  # axes records
        LogEntry.objects.create(
            user=self.chief,
            content_type=ContentType.objects.get_for_model(Article),
            object_id=str(self.essays["published"].pk),
            object_repr="x",
            action_flag=1,
        )

    def values(self, route, model, essay_kind):
        """Every filling of the route's converters with real ids."""
        names = [m.group("name") or m.group("group") for m in CONVERTER.finditer(route)]
        value = {}
        for name in names:
            if name in ("object_id", "id", "pk"):
                if model is None:  # the "view on site" shortcut, with an essay's type
                    value[name] = self.essays["published"].pk
                elif model is Article:
                    value[name] = self.essays[essay_kind].pk
                else:
                    found = model._default_manager.order_by("pk").first()
                    value[name] = found.pk if found else 0
            elif name in ("number",):
                value[name] = 1
            elif name == "link_id":
                value[name] = self.preview_links[essay_kind].pk
            elif name == "content_type_id":
                value[name] = ContentType.objects.get_for_model(Article).pk
            elif name == "app_label":
                value[name] = "articles"
            elif name == "url":  # the admin's catch-all for addresses it does not know
                value[name] = "no-such-page/"
            else:
                raise AssertionError(f"The walk does not know how to fill <{name}> in {route}")
        return value

    def url(self, route, model, essay_kind):
        values = self.values(route, model, essay_kind)

        def fill(match):
            return str(values[match.group("name") or match.group("group")])

        return "/" + CONVERTER.sub(fill, route)


def targets(world):
    """(name, url, essay kind or '') for every admin URL, once per kind of essay it takes."""
    for route, name in admin_routes():
        model, _ = model_admin_for(route)
        kinds = list(world.essays) if model is Article and "<" in route else [""]
        for kind in kinds:
            yield name, world.url(route, model, kind), kind


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def refused(response):
    """403, 404, or Django's redirect for an object the user may not see (or to login)."""
    if response.status_code in (403, 404, 405):
        return True
    return response.status_code == 302 and (
        response["Location"] in (INDEX, "/admin/") or response["Location"].startswith(LOGIN)
    )


def walk(world, user, results):
    client = client_for(user)
    role = user.username if user else "anonymous"
    for name, url, kind in targets(world):
        results.append((role, "GET", name, kind, client.get(url)))
        if name not in NOT_POSTED:
            # An empty POST never confirms a deletion and never passes a form's validation.
            results.append((role, "POST", name, kind, client.post(url, {})))


def state(world):
    """What a writer must not change (their own enrolment page makes them a device)."""
    users = get_user_model().objects.order_by("pk")
    return {
        "essays": list(Article.objects.order_by("pk").values("pk", "title", "status", "owner")),
        "audit": AuditEntry.objects.count(),
        "users": list(users.values("pk", "password", "is_staff", "is_superuser", "is_active")),
        "groups": list(Group.objects.order_by("pk").values_list("name", "permissions")),
        "taxonomy": (Category.objects.count(), Author.objects.count(), Tag.objects.count()),
        "devices": list(
            TOTPDevice.objects.exclude(user=world.writer).values_list("pk", "confirmed")
        ),
    }


WRITERS_REFUSED = re.compile(
    r"^admin:(auth_|axes_|otp_totp_|taggit_"
    r"|articles_auditentry_(?!changelist$|change$)"  # the list and view: refused separately
    r"|articles_(category|author|tag)_(add|delete|merge))"
)
OTHERS_ESSAY_REFUSED = re.compile(
    r"^admin:articles_article_(change|delete|history|revisions|revisions_compare"
    r"|revision_restore|autosave|autosave_discard|presence|live_preview|preview_link_create"
    r"|preview_link_revoke|related_pin|related_unpin|related_move)$"
)
EDITORS_REACH = re.compile(
    r"^admin:(index|articles_(article|category|author|tag|auditentry)_changelist"
    r"|articles_(article|category|author|tag)_add|articles_article_(change|history|delete"
    r"|revisions|revisions_compare)|articles_article_import|password_change"
    r"|articles_(category|author|tag|auditentry)_change)$|^accounts:two_factor$"
)


def summary(results, capsys):
    """What was walked, shown even without -s: URLs x user, by method and status."""
    table = Counter((role, method, response.status_code) for role, method, *_, response in results)
    names = {name for _, _, name, _, _ in results}
    urls = {(name, kind) for _, _, name, kind, _ in results}
    with capsys.disabled():
        print(
            f"\nAdmin authorisation walk: {len(names)} admin URLs, {len(urls)} with each kind "
            f"of essay, {len(results)} requests as {results[0][0]}:"
        )
        for (role, method, status), count in sorted(table.items()):
            print(f"  {role:12} {method:4} {status}: {count}")


def test_every_admin_url_refuses_anonymous_visitors(capsys):
    world = World()
    results = []
    walk(world, None, results)
    summary(results, capsys)
    assert len({name for _, _, name, _, _ in results}) > 80
    for _, method, name, kind, response in results:
        if name == "admin:login":
            assert response.status_code == 200
            continue
        assert response.status_code == 302, (method, name, kind, response.status_code)
        if name == "admin:logout":  # Django sends a visitor who was never in to the index
            assert response["Location"] == INDEX
        else:
            assert response["Location"].startswith(LOGIN), (method, name, kind)


def test_writers_are_refused_everything_outside_their_rights_and_change_nothing(capsys):
    world = World()
    before = state(world)
    results = []
    walk(world, world.writer, results)
    summary(results, capsys)
    problems = []
    for _, method, name, kind, response in results:
        if response.status_code >= 500:
            problems.append(f"{method} {name} ({kind}): {response.status_code}")
        elif WRITERS_REFUSED.match(name) and not refused(response):
            problems.append(f"{method} {name} ({kind}) answered {response.status_code}")
        elif (
            kind == "someone else's draft"
            and OTHERS_ESSAY_REFUSED.match(name)
            and not refused(response)
        ):
            problems.append(f"{method} {name} on {kind} answered {response.status_code}")
        elif name == "admin:articles_auditentry_changelist" and response.status_code != 403:
            problems.append(f"{method} the audit log answered {response.status_code}")
    assert problems == [], "\n".join(problems)
    after = state(world)
    # A writer's own draft may change (empty forms are refused, but restores are theirs).
    assert after["audit"] == before["audit"]
    others = [e for e in after["essays"] if e["owner"] != world.writer.pk]
    assert others == [e for e in before["essays"] if e["owner"] != world.writer.pk]
    assert {k: v for k, v in after.items() if k not in ("essays", "audit")} == {
        k: v for k, v in before.items() if k not in ("essays", "audit")
    }


def test_editors_reach_their_pages_and_are_refused_user_administration(capsys):
    world = World()
    results = []
    walk(world, world.editor, results)
    summary(results, capsys)
    problems = []
    for _, method, name, kind, response in results:
        if response.status_code >= 500:
            problems.append(f"{method} {name} ({kind}): {response.status_code}")
        elif method == "GET" and EDITORS_REACH.match(name) and response.status_code != 200:
            problems.append(f"GET {name} ({kind}) answered {response.status_code}")
        elif name.startswith(("admin:auth_", "admin:otp_totp_", "admin:axes_")) and not refused(
            response
        ):
            problems.append(f"{method} {name} answered {response.status_code}")
    assert problems == [], "\n".join(problems)


def every_action():
    """(ModelAdmin, action name) for every action any user could be offered."""
    request = RequestFactory().get("/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    for model_admin in admin.site._registry.values():
        for action in model_admin.get_actions(request):
            yield model_admin, action


def changelist(model_admin):
    opts = model_admin.model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


@pytest.mark.parametrize("confirmed", [False, True], ids=["asked", "confirmed"])
def test_writers_running_any_admin_action_change_nothing(confirmed):
    world = World()
    client = client_for(world.writer)
    actions = list(every_action())
    assert {"publish_selected", "unpublish_selected", "merge_selected", "delete_selected"} <= {
        name for _, name in actions
    }
    before = state(world)
    for model_admin, name in actions:
        ids = list(model_admin.model._default_manager.values_list("pk", flat=True))
        data = {"action": name, "_selected_action": ids, "index": 0}
        if confirmed:
            data.update(post="yes", apply="yes", merge_into=ids[0] if ids else "")
        response = client.post(changelist(model_admin), data)
        assert response.status_code < 500, (name, response.status_code)
    after = state(world)
    own = world.essays["own draft"].pk
    assert [e for e in after["essays"] if e["pk"] != own] == [
        e for e in before["essays"] if e["pk"] != own
    ]
    assert {k: v for k, v in after.items() if k != "essays"} == {
        k: v for k, v in before.items() if k != "essays"
    }
    assert Article.objects.filter(status=ArticleStatus.PUBLISHED).count() == 1


def test_editors_run_every_admin_action_without_a_server_error():
    world = World()
    client = client_for(world.editor)
    for model_admin, name in every_action():
        ids = list(model_admin.model._default_manager.values_list("pk", flat=True))
        response = client.post(
            changelist(model_admin), {"action": name, "_selected_action": ids, "index": 0}
        )
        assert response.status_code < 500, (name, response.status_code)
