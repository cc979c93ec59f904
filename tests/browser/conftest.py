"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's
live server, with axe-core run on every page a test visits, under production's Content
Security Policy: a page that the policy breaks (an inline style or script) fails its test.

Never downloads a browser: without /usr/bin/chromium the tests are skipped, and CI fails on
the skip (.ci/run).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import formats, translation

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run where
# a loop is running unless told it is safe (the tests call the ORM between browser steps).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000
# axe-core is served from the site's own origin (a path the site does not have, answered by the
# browser context), so that the CSP's script-src 'self' lets it in without bypassing the policy.
AXE_URL = "/__browser-tests__/axe.min.js"
# Reports every CSP violation in the page to the test (init scripts run outside the policy).
CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} `
    + `at ${event.sourceFile || document.location.href}:${event.lineNumber}: ${event.sample}`);
});
"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Name browser tests in the JUnit report (<property name="marker" value="browser"/>), so
    # that CI can tell they ran and were not skipped (.ci/run).
    for item in items:
        if item.get_closest_marker("browser"):
            item.user_properties.append(("marker", "browser"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.when == "call":
        item.browser_call_failed = report.failed
    return report


def sv(message: str, *, context: str | None = None, **params) -> str:
    """What the Swedish UI shows for a message, read from the project's own catalogue (so the
    tests hold before and after a translation changes)."""
    with translation.override("sv"):
        text = translation.pgettext(context, message) if context else translation.gettext(message)
    return text % params if params else text


def sv_date(day, fmt: str = "j F Y") -> str:
    """A date as the Swedish UI writes it."""
    with translation.override("sv"):
        return formats.date_format(day, fmt)


def _format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core found {len(violations)} WCAG 2.1 A/AA violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"\n[{violation['impact']}] {violation['id']}: {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"  - target: {' '.join(map(str, node['target']))}")
            lines.append(f"    html:   {node['html'][:300]}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"    {summary_line}")
    return "\n".join(lines)


class Audited:
    """Counts the documents a page loads and which of them axe-core has checked.

    Call `check()` after each navigation (and after an htmx swap); at the end of the test every
    loaded document must have been checked, so no page a test visits escapes axe.
    """

    def __init__(self, page) -> None:
        self.page = page
        self.loads: list[str] = []
        self.checked: set[int] = set()
        page.on("load", lambda p: self.loads.append(p.url))

    def check(self) -> None:
        page = self.page
        page.wait_for_load_state("load")
        if page.evaluate("() => typeof window.axe === 'undefined'"):
            if page.url.startswith("http"):
                page.add_script_tag(url=AXE_URL)
            else:  # set_content's about:blank has no origin (and no policy) to serve it from
                page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async (tags) => {
                const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
                return results.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({
                        target: n.target, html: n.html, failureSummary: n.failureSummary,
                    })),
                }));
            }""",
            AXE_TAGS,
        )
        if self.loads:
            self.checked.add(len(self.loads) - 1)
        if violations:
            raise AssertionError(_format_violations(page.url, violations))

    def unchecked(self) -> list[str]:
        return [url for index, url in enumerate(self.loads) if index not in self.checked]


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    if not AXE.exists():
        pytest.skip(f"{AXE} not found: run `make install` (npm ci installs axe-core)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _is_csp_report(message) -> bool:
    return message.type == "error" and "Content Security Policy" in message.text


@pytest.fixture
def page(request, browser, live_server) -> Iterator:
    """A fresh browser context per test (no cookies) under the site's own CSP headers; fails
    the test on a CSP violation, a JavaScript error, or a page it loaded that axe never
    checked. `page.csp_violations` lists the violations seen so far."""
    # A browser on an English system: the UI must still be Swedish until the user switches.
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    context.route(
        f"**{AXE_URL}",
        lambda route: route.fulfill(path=str(AXE), content_type="application/javascript"),
    )
    violations: list[str] = []
    context.expose_function("__cspViolation", lambda text: violations.append(text))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.on("console", lambda m: _is_csp_report(m) and violations.append(f"console: {m.text}"))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.audit = Audited(page)
    page.csp_violations = violations
    yield page
    unchecked = page.audit.unchecked()
    context.close()
    if getattr(request.node, "browser_call_failed", True):
        return
    assert not violations, "production's Content Security Policy blocked:\n" + "\n".join(violations)
    assert not unchecked, f"pages loaded but never checked with axe-core: {unchecked}"
    assert not errors, f"JavaScript errors on the pages: {errors}"


@pytest.fixture
def demo(transactional_db) -> None:
    """Region Jämtland Härjedalen's demo: cycles for budget years 2022–2028, demo users."""
    from arshjul.demo.load import load_demo

    load_demo()
