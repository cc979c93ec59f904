"""Whole journeys through the demo in a real Chromium, with axe-core on every page visited.

The UI is Swedish by default; expected texts come from the project's catalogue via `sv()`.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from .conftest import sv, sv_date

pytestmark = pytest.mark.browser

SIX_PARTS = ["Participants", "Purpose", "Input documents", "Goal", "Documentation", "Follow-up"]
STEP_2022 = "/cycles/rjh-2022/steps/styrdialoger/"
STYRDIALOGER_RULE_DAY = dt.date(2021, 4, 20)  # återkopplingsrapport 16 April + 4 days


def main_nav(page):
    return page.get_by_role("banner").get_by_role("navigation")


def _clickable_wheel_step(page):
    """The first step link on the wheel whose mark receives a click at its centre (the wheel
    for today's year differs from day to day, and marks may overlap)."""
    for link in page.locator("svg.wheel a:has(circle.mark)").all():
        mark = link.locator(".mark")
        mark.scroll_into_view_if_needed()
        hit = mark.evaluate(
            """mark => {
                const box = mark.getBoundingClientRect();
                const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
                return hit !== null && hit.closest("a") === mark.closest("a");
            }"""
        )
        if hit:
            return link
    raise AssertionError("no step on the wheel can be clicked")


def test_anonymous_visitor_goes_from_overview_via_wheel_to_a_step(page, demo):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text(sv("The planning and budget process"))
    expect(page.locator("#month-list .step").first).to_be_visible()
    page.audit.check()

    main_nav(page).get_by_role("link", name=sv("Wheel"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/wheel/$"))
    expect(main_nav(page).get_by_role("link", name=sv("Wheel"), exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    page.audit.check()

    # Click a step on the wheel (one whose mark is not covered by another), then check that
    # its page is the step the table beside the wheel names for the same link.
    step_link = _clickable_wheel_step(page)
    href = step_link.get_attribute("href")
    title_in_table = page.locator(f'table.data a[href="{href}"]').first.inner_text()
    step_link.locator(".mark").click()
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    page.audit.check()

    expect(page.get_by_role("heading", level=1)).to_have_text(title_in_table)
    expect(page.locator("dl.six-parts > dt")).to_have_text([sv(part) for part in SIX_PARTS])
    for term in page.locator("dl.six-parts > dt").all():
        expect(term).to_be_visible()


def test_visitor_switches_the_language_to_english_and_back(page, demo):
    page.goto("/wheel/?year=2021")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(main_nav(page).get_by_role("link").first).to_have_text(sv("Overview"))
    page.audit.check()

    page.get_by_role("banner").get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/wheel/\?year=2021$"))
    expect(main_nav(page).get_by_role("link").first).to_have_text("Overview")
    expect(page.get_by_role("heading", level=1)).to_have_text("The wheel for 2021")
    page.audit.check()

    page.get_by_role("banner").get_by_role("link", name="Svenska").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page).to_have_url(re.compile(r"/wheel/\?year=2021$"))
    expect(main_nav(page).get_by_role("link").first).to_have_text(sv("Overview"))
    expect(page.get_by_role("banner").get_by_role("link", name="English")).to_be_visible()
    page.audit.check()


def test_budget_chief_moves_a_step_after_fixing_an_end_before_its_start(page, demo):
    page.goto("/accounts/login/")
    page.audit.check()
    page.locator("#id_username").fill("budgetchef")
    page.locator("#id_password").fill("arshjul-demo")
    page.get_by_role("main").get_by_role("button", name=sv("Log in")).click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(main_nav(page).get_by_role("link", name=sv("My next steps"))).to_be_visible()
    page.audit.check()

    page.goto("/cycles/rjh-2022/")
    page.audit.check()
    page.locator("#month-list").get_by_role("link", name="Styrdialoger", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(STEP_2022) + "$"))
    when = page.locator(".step-when strong")
    rule_day = sv_date(STYRDIALOGER_RULE_DAY, "l j F Y")
    expect(when).to_have_text(rule_day[0].upper() + rule_day[1:])
    expect(page.locator("p.notice")).to_have_count(0)
    page.audit.check()

    move = page.locator("form", has=page.get_by_role("button", name=sv("Move"), exact=True))
    move.get_by_label(sv("New start")).fill("2021-04-28")
    move.get_by_label(sv("New end")).fill("2021-04-27")
    move.get_by_role("button", name=sv("Move"), exact=True).click()
    expect(page.get_by_role("alert")).to_have_text(sv("The end is before the start."))
    expect(when).to_have_text(rule_day[0].upper() + rule_day[1:])
    page.audit.check()

    move.get_by_label(sv("New start")).fill("2021-04-27")
    move.get_by_label(sv("New end")).fill("2021-04-28")
    move.get_by_role("button", name=sv("Move"), exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(STEP_2022) + "$"))
    expect(page.get_by_role("status")).to_have_text(
        sv("The step was moved. Steps relative to it followed.")
    )
    expect(when).to_have_text(f"{sv_date(dt.date(2021, 4, 27))} – {sv_date(dt.date(2021, 4, 28))}")
    expect(page.locator("p.notice")).to_have_text(
        sv("Moved by hand. By its rule it would be %(start)s", start=sv_date(STYRDIALOGER_RULE_DAY))
        + "."
    )
    expect(page.get_by_role("alert")).to_have_count(0)
    page.audit.check()


def test_keyboard_user_skips_to_the_content(page, demo):
    page.goto("/")
    page.audit.check()
    skip = page.get_by_role("link", name=sv("Skip to content"))

    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, "focused skip link is off screen"

    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    expect(page).to_have_url(re.compile(r"#main$"))


def _tab_to(page, selector: str, *, limit: int = 40) -> None:
    """Press Tab until the element matching selector has focus, as a keyboard user would."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{selector} was not reached with {limit} presses of Tab")


def _kinds_listed(page) -> set[str]:
    return set(page.locator("#month-list .step .badge.kind").all_inner_texts())


def _expect_only_kind_listed(page, kind: str) -> None:
    badges = page.locator("#month-list .step .badge.kind")
    expect(badges.first).to_have_text(kind)
    expect(badges.filter(has_not_text=kind)).to_have_count(0)


def test_keyboard_user_filters_the_overview_by_kind_with_htmx(page, demo):
    page.goto("/")
    page.audit.check()
    assert len(_kinds_listed(page)) > 1, "the unfiltered overview lists steps of several kinds"
    count_before = page.locator("#month-list .step").count()

    _tab_to(page, "select[name=kind]")
    with page.expect_response(
        lambda r: "kind=meeting" in r.url and r.request.headers.get("hx-request") == "true"
    ):
        page.keyboard.press("ArrowDown")  # from "All kinds" to the first kind, "Meeting"

    _expect_only_kind_listed(page, sv("Meeting", context="step kind"))
    assert page.locator("#month-list .step").count() < count_before
    expect(page).to_have_url(re.compile(r"[?&]kind=meeting(&|$)"))
    expect(page.locator("select[name=kind]")).to_be_focused()
    page.audit.check()


def test_keyboard_user_filters_the_overview_by_kind_without_htmx(page, demo):
    page.route("**/vendor/htmx/**", lambda route: route.abort())
    page.goto("/")
    page.audit.check()
    assert len(_kinds_listed(page)) > 1, "the unfiltered overview lists steps of several kinds"
    count_before = page.locator("#month-list .step").count()

    _tab_to(page, "select[name=kind]")
    page.keyboard.press("ArrowDown")
    _tab_to(page, "form.filters button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]kind=meeting(&|$)"))
    page.audit.check()

    expect(page.locator("select[name=kind]")).to_have_value("meeting")
    _expect_only_kind_listed(page, sv("Meeting", context="step kind"))
    assert page.locator("#month-list .step").count() < count_before


def test_axe_check_names_the_rule_and_the_element_that_fail(page):
    """The harness itself: a violation fails the check, and the message says what and where."""
    page.set_content('<html lang="sv"><title>Prov</title><main><img src="x.png"></main></html>')
    with pytest.raises(AssertionError, match=r"image-alt(.|\n)*target: img"):
        page.audit.check()


def test_budget_chief_makes_a_new_cycle_and_reads_its_timeline(page, demo):
    page.goto("/accounts/login/")
    page.audit.check()
    page.locator("#id_username").fill("budgetchef")
    page.locator("#id_password").fill("arshjul-demo")
    page.get_by_role("main").get_by_role("button", name=sv("Log in")).click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    page.audit.check()

    page.goto("/cycles/")
    page.audit.check()
    year = str(
        max(int(y) for y in re.findall(r"\d{4}", page.locator("table.data tbody").inner_text())) + 1
    )
    form = page.locator("form", has=page.get_by_role("button", name=sv("Make the cycle")))
    form.get_by_label(sv("Budget year")).fill(year)
    form.get_by_role("button", name=sv("Make the cycle")).click()
    expect(page).to_have_url(re.compile(rf"/cycles/rjh-{year}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(year)
    expect(page.locator("#checks-heading")).to_be_visible()
    expect(page.locator("#month-list .badge.draft").first).to_be_visible()
    page.audit.check()

    page.get_by_role("main").get_by_role("link", name=sv("Timeline"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/cycles/rjh-{year}/timeline/$"))
    expect(page.locator("svg.timeline a")).to_have_count(
        page.locator("table.data tbody tr").count()
    )
    page.audit.check()
