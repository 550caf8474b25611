"""
Hardening headers on real responses: a Content Security Policy with no inline script or
style allowed, HTTPS enforced in production, browser features turned off, and Django's
deployment check clean with production settings.
"""

import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.admin_forms import change_url
from tests.factories import ArticleFactory

PROJECT = Path(__file__).resolve().parent.parent


def policy(response):
    """The Content-Security-Policy header as {directive: [values]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


class InlineCode(HTMLParser):
    """
    Inline scripts and styles a page carries, with the nonce each one has. Data blocks
    (json_script, JSON-LD) are not run, and CSP does not govern them.
    """

    def __init__(self):
        super().__init__()
        self.scripts, self.styles, self.style_attributes, self.handlers = [], [], [], []
        self.nonces = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "nonce" in attrs:
            self.nonces.add(attrs["nonce"])
        executable = attrs.get("type", "") in ("", "text/javascript", "module")
        if tag == "script" and "src" not in attrs and executable:
            self.scripts.append(attrs.get("nonce"))
        if tag == "style":
            self.styles.append(attrs.get("nonce"))
        if "style" in attrs:
            self.style_attributes.append(tag)
        self.handlers += [name for name in attrs if name.startswith("on")]


def inline_code(response):
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def essay(db):
    return ArticleFactory(title="The long take", slug="the-long-take")


PUBLIC_PAGES = ["/", "/essays/the-long-take/", "/archive/", "/no-such-page/"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_allow_only_their_own_scripts_and_styles(client, essay, url):
    response = client.get(url)
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    # Public pages are cached whole, so they must not need a per-response nonce.
    code = inline_code(response)
    assert (code.scripts, code.styles, code.style_attributes, code.handlers) == ([], [], [], [])


def test_a_cached_public_page_carries_the_same_policy(client, essay):
    first = client.get("/essays/the-long-take/")
    second = client.get("/essays/the-long-take/")
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_the_admin_allows_only_the_inline_blocks_carrying_this_responses_nonce(
    editor_client, essay
):
    response = editor_client.get(reverse("admin:articles_article_changelist"))
    csp = policy(response)
    code = inline_code(response)
    assert len(code.nonces) == 1, "Django's change list marks its scripts with the nonce"
    (nonce,) = code.nonces
    assert csp["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert csp["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]

    again = editor_client.get(reverse("admin:articles_article_changelist"))
    assert inline_code(again).nonces.isdisjoint(code.nonces), "a nonce is used once"


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:index"),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_auditentry_changelist"),
    ],
)
def test_admin_pages_have_no_inline_code_without_a_nonce(editor_client, essay, url):
    response = editor_client.get(url)
    assert response.status_code == 200
    code = inline_code(response)
    assert None not in code.scripts + code.styles
    assert code.style_attributes == []
    assert code.handlers == []


def test_the_essay_form_has_no_inline_code_without_a_nonce(editor_client, essay):
    response = editor_client.get(change_url(essay))
    code = inline_code(response)
    assert None not in code.scripts + code.styles
    assert code.style_attributes == []
    assert code.handlers == []
    assert "style=" not in response.content.decode().split("srcdoc=")[1].split(">")[0]


def test_every_response_turns_off_browser_features_and_sniffing(client, essay):
    response = client.get("/essays/the-long-take/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    features = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def test_a_shared_preview_link_keeps_its_stricter_referrer_policy(client, essay):
    response = client.get(reverse("articles:shared_preview", args=["not-a-token"]))
    assert response["Referrer-Policy"] == "no-referrer"


PRODUCTION = {
    "SECURE_SSL_REDIRECT": True,
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SECURE_REDIRECT_EXEMPT": [r"^healthz$", r"^readyz$"],
}


@override_settings(**PRODUCTION)
def test_production_redirects_plain_http_to_https(client, essay):
    response = client.get("/essays/the-long-take/?page=1")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/essays/the-long-take/?page=1"
    assert "Strict-Transport-Security" not in response


@override_settings(**PRODUCTION)
def test_behind_the_tls_proxy_pages_are_served_with_hsts(client, essay):
    response = client.get("/essays/the-long-take/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert "Content-Security-Policy" in response


@override_settings(**PRODUCTION)
def test_health_checks_are_answered_over_plain_http(client, db):
    # The load balancer probes inside the network; whatever answers, it is not a redirect.
    response = client.get("/healthz")
    assert response.status_code != 301


def production_env(**extra):
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "filmculture.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "filmculture.example",
        "DJANGO_EMAIL_HOST": "smtp.filmculture.example",
        **extra,
    }


def run(env, *args):
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
    )


def test_deployment_check_is_clean_with_production_settings(tmp_path):
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    result = run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("", "('HTTP_X_FORWARDED_PROTO', 'https')"),
        ("X-Forwarded-Ssl: on", "('HTTP_X_FORWARDED_SSL', 'on')"),
        ("off", "None"),
    ],
)
def test_the_tls_proxy_header_comes_from_the_environment(setting, expected):
    env = production_env(DJANGO_SECURE_PROXY_SSL_HEADER=setting)
    expression = "getattr(s, 'SECURE_PROXY_SSL_HEADER', None)"
    result = run(env, "-c", f"import filmculture.settings as s; print({expression})")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_a_malformed_tls_proxy_header_is_refused_with_the_expected_form():
    env = production_env(DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    result = run(env, "-c", "import filmculture.settings")
    assert result.returncode != 0
    assert "DJANGO_SECURE_PROXY_SSL_HEADER must read 'Header-Name: value'" in result.stderr


def test_https_redirect_and_hsts_can_be_turned_off_for_a_proxy_that_does_both():
    env = production_env(DJANGO_SECURE_SSL_REDIRECT="0", DJANGO_SECURE_HSTS_SECONDS="0")
    expression = "(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    result = run(env, "-c", f"import filmculture.settings as s; print({expression})")
    assert result.stdout.strip() == "(False, 0)", result.stderr
