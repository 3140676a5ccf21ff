"""Shared helpers for the browser tests of every app: Playwright on Debian's Chromium, axe-core, sign-in.

The fixtures are re-exported from ``tests/conftest.py``. A browser test module marks itself with
``pytestmark = [pytest.mark.browser, BROWSER_DB]`` and uses pytest-django's ``live_server``.
"""

import json
import os
import shutil
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SKIP_ENV = "PORTAL_SKIP_BROWSER_TESTS"
DEFAULT_TIMEOUT_MS = 10_000

# The database mark for browser tests. The live server runs in another thread, so data must be committed
# (transactional); ``tests/conftest.py`` puts the migrations' data back after each such test.
BROWSER_DB = pytest.mark.django_db(transaction=True)


def _require_chromium() -> None:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    message = (
        f"Chromium is not installed at {CHROMIUM}: run `make test` (it installs Debian's chromium package), "
        f"or set {SKIP_ENV}=1 to skip the browser tests."
    )
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(message)
    pytest.fail(message, pytrace=False)


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module."""
    _require_chromium()
    # Playwright's sync API runs an event loop in this thread; without this, every ORM call the
    # test (or pytest-django's database fixtures) makes would raise SynchronousOnlyOperation.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies) per test, Korean locale, desktop viewport."""
    context = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


@cache
def _axe_source() -> str:
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is missing at {AXE_SCRIPT}: run `make test` (it runs `npm ci`).", pytrace=False)
    return AXE_SCRIPT.read_text(encoding="utf-8")


def run_axe(page) -> list[dict]:
    """The WCAG 2.1 A/AA violations axe-core finds on the current page."""
    # evaluate() is not subject to the page's Content-Security-Policy, unlike an injected <script>.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map((violation) => ({
                id: violation.id,
                impact: violation.impact,
                help: violation.help,
                targets: violation.nodes.map((node) => node.target.join(" ")),
            }));
        }""",
        AXE_TAGS,
    )
    return result


def assert_no_axe_violations(page, context_label: str) -> None:
    """Fail with one readable line per axe-core violation (WCAG 2.1 A and AA)."""
    violations = run_axe(page)
    if not violations:
        return
    lines = [f"axe-core found {len(violations)} accessibility violation(s) on {context_label} ({page.url}):"]
    for violation in violations:
        targets = violation["targets"]
        shown = ", ".join(json.dumps(target, ensure_ascii=False) for target in targets[:3])
        more = f" (+{len(targets) - 3} more)" if len(targets) > 3 else ""
        lines.append(f"  - {violation['id']} [{violation['impact']}]: {violation['help']} -> {shown}{more}")
    pytest.fail("\n".join(lines), pytrace=False)


def login(page, live_server_url: str, username: str, password: str) -> None:
    """Sign in through the real login form, as a member of staff would."""
    page.goto(f"{live_server_url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("#main-content").get_by_role("button", name="로그인", exact=True).click()
