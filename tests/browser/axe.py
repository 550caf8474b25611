"""
axe-core, the accessibility checker, run in the browser tests' pages. It comes from npm
(package.json); without `npm ci` the tests that ask for the `axe` fixture are skipped with
the reason, unless FILMCULTURE_REQUIRE_BROWSER=1 (CI) makes its absence a failure.
"""

import os
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
WCAG_21_A_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


@pytest.fixture
def axe():
    if not AXE.exists():
        reason = "run npm ci for axe-core"
        if os.environ.get("FILMCULTURE_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE


def axe_violations(page, axe, *, within=(), tags=(), blocking_only=False):
    """
    What axe-core finds wrong in the page: in the elements matching the `within` selectors
    (the whole document without them), under the rules carrying one of `tags` (all rules
    without them), and only the serious and critical findings when `blocking_only`.
    """
    # Evaluated through the DevTools protocol: a <script> tag would be inline script, which
    # the site's Content Security Policy refuses (docs/security.md).
    page.evaluate(axe.read_text(encoding="utf-8"))
    context = {"include": [[selector] for selector in within]} if within else None
    # The other result types are not wanted, so axe need not build their node selectors.
    options = {"resultTypes": ["violations"]}
    if tags:
        options["runOnly"] = {"type": "tag", "values": list(tags)}
    violations = page.evaluate(
        "async ([context, options]) => (await axe.run(context ?? document, options)).violations",
        [context, options],
    )
    if blocking_only:
        return [violation for violation in violations if violation["impact"] in BLOCKING]
    return violations


def described(violations):
    """Each violation's impact, rule and help, then the first five elements it was found at."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            # A target inside a frame or a shadow root is itself a list of selectors.
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['failureSummary'].replace(chr(10), chr(10) + '       ')}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def assert_accessible(page, axe, **limits):
    """Fails with the page's address and each violation found; `limits` as axe_violations."""
    violations = axe_violations(page, axe, **limits)
    assert not violations, f"{page.url}\n{described(violations)}"
