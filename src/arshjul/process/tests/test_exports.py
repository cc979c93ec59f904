"""iCalendar feeds through the real views: parsed back with icalendar and checked field by field,
plus a golden file of the world's 2022 cycle feed (ARSHJUL_UPDATE_GOLDEN=1 rewrites it)."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from arshjul.accounts.roles import SYSTEM
from arshjul.accounts.services import feed_token_for, renew_feed_token
from arshjul.process import services
from arshjul.process.choices import StepKind
from arshjul.process.models import Step
from arshjul.process.services import generate_cycle

GOLDEN = Path(__file__).parent / "golden" / "cycle_feed.ics"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
CYCLE_FEED = "/feeds/cycles/test-2022.ics"


def fetch(client, url: str) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(cal: Calendar) -> dict[str, object]:
    """Events by summary (the world's step titles are unique)."""
    found = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert len(found) == len(cal.walk("VEVENT")), "two events with the same summary"
    return found


def step(world, key: str) -> Step:
    return world.cycle.steps.get(key=key)


# --- the calendar as a whole --------------------------------------------------------------


def test_cycle_feed_is_served_as_text_calendar(world, client_for):
    response = client_for("anonymous").get(CYCLE_FEED)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="test-2022.ics"'


def test_calendar_properties(world, client_for):
    cal = fetch(client_for("anonymous"), CYCLE_FEED)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]).startswith("-//Årshjul//")
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert cal.decoded("REFRESH-INTERVAL") == dt.timedelta(hours=1)
    assert cal["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert str(cal["X-PUBLISHED-TTL"]) == "PT1H"
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/Stockholm"
    assert "Testregionen" in str(cal["X-WR-CALNAME"])
    assert "2022" in str(cal["X-WR-CALNAME"])


def test_unknown_cycle_feed_is_404(world, client_for):
    assert client_for("anonymous").get("/feeds/cycles/no-such-cycle.ics").status_code == 404


# --- one event ----------------------------------------------------------------------------


def test_all_day_event_uses_dates_and_an_exclusive_end(world, client_for):
    ev = events(fetch(client_for("anonymous"), CYCLE_FEED))
    kickoff = ev["Kickoff"]
    assert kickoff["DTSTART"].params["VALUE"] == "DATE"
    assert kickoff["DTEND"].params["VALUE"] == "DATE"
    assert type(kickoff.decoded("DTSTART")) is dt.date
    assert kickoff.decoded("DTSTART") == dt.date(2021, 2, 10)
    assert kickoff.decoded("DTEND") == dt.date(2021, 2, 11)
    assert str(kickoff["TRANSP"]) == "TRANSPARENT"

    plan = ev["Regionplan"]  # a span: 2021-02-11 .. 2021-06-30
    assert plan.decoded("DTSTART") == dt.date(2021, 2, 11)
    assert plan.decoded("DTEND") == dt.date(2021, 7, 1)
    pf = ev["Planeringsförutsättningar"]  # ends the day before kickoff
    assert pf.decoded("DTSTART") == dt.date(2020, 8, 1)
    assert pf.decoded("DTEND") == dt.date(2021, 2, 10)


def test_every_event_end_is_the_step_end_plus_one_day(world, client_for):
    ev = events(fetch(client_for("finance_officer"), CYCLE_FEED))
    for s in world.cycle.steps.all():
        assert ev[s.title].decoded("DTSTART") == s.start
        assert ev[s.title].decoded("DTEND") == s.end + dt.timedelta(days=1)


def test_timed_event_carries_the_stockholm_time_zone(world, client_for):
    Step.objects.filter(cycle=world.cycle, key="kickoff").update(
        start_time=dt.time(13, 0), end_time=dt.time(15, 30), location="Regionens hus, sal A"
    )
    cal = fetch(client_for("anonymous"), CYCLE_FEED)
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Stockholm"]
    kickoff = events(cal)["Kickoff"]
    assert kickoff["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert kickoff["DTEND"].params["TZID"] == "Europe/Stockholm"
    assert kickoff.decoded("DTSTART") == dt.datetime(2021, 2, 10, 13, 0, tzinfo=STOCKHOLM)
    assert kickoff.decoded("DTEND") == dt.datetime(2021, 2, 10, 15, 30, tzinfo=STOCKHOLM)
    # 13:00 in Stockholm in February is 12:00 UTC
    assert kickoff.decoded("DTSTART").astimezone(dt.UTC).hour == 12
    assert str(kickoff["LOCATION"]) == "Regionens hus, sal A"
    assert "TRANSP" not in kickoff


def test_timed_event_in_summer_time_is_two_hours_ahead_of_utc(world, client_for):
    Step.objects.filter(cycle=world.cycle, key="aterkoppling").update(start_time=dt.time(9, 0))
    aterkoppling = events(fetch(client_for("anonymous"), CYCLE_FEED))["Återkopplingsrapport"]
    start = aterkoppling.decoded("DTSTART")
    assert start == dt.datetime(2021, 4, 16, 9, 0, tzinfo=STOCKHOLM)
    assert start.utcoffset() == dt.timedelta(hours=2)


def test_timed_event_without_an_end_time_lasts_an_hour(world, client_for):
    Step.objects.filter(cycle=world.cycle, key="kickoff").update(start_time=dt.time(10, 0))
    kickoff = events(fetch(client_for("anonymous"), CYCLE_FEED))["Kickoff"]
    assert kickoff.decoded("DTEND") - kickoff.decoded("DTSTART") == dt.timedelta(hours=1)


def test_feed_without_timed_events_needs_no_time_zone(world, client_for):
    cal = fetch(client_for("anonymous"), CYCLE_FEED)
    assert cal.walk("VTIMEZONE") == []


def test_uid_is_the_step_uid_and_stable_across_fetches(world, client_for):
    client = client_for("anonymous")
    first = {name: str(e["UID"]) for name, e in events(fetch(client, CYCLE_FEED)).items()}
    second = {name: str(e["UID"]) for name, e in events(fetch(client, CYCLE_FEED)).items()}
    assert first == second
    kickoff = step(world, "kickoff")
    assert first["Kickoff"] == f"{kickoff.uid}@arshjul"
    assert len(set(first.values())) == len(first)


def test_url_points_back_to_the_step_page(world, client_for):
    client = client_for("anonymous")
    kickoff = events(fetch(client, CYCLE_FEED))["Kickoff"]
    url = str(kickoff["URL"])
    assert url == f"{settings.SITE_URL}/cycles/test-2022/steps/kickoff/"
    page = client.get(urlsplit(url).path)
    assert page.status_code == 200
    assert "Kickoff" in page.content.decode()


def test_description_holds_the_six_parts_in_order(world, client_for):
    Step.objects.filter(cycle=world.cycle, key="beredning").update(
        inputs="Planeringsförutsättningar i utkast",
        follow_up="Protokollet justeras inom en vecka",
        notes="Ta med budgetramarna.",
    )
    beredning = events(fetch(client_for("politician_majority"), CYCLE_FEED))["Lägesavstämning"]
    text = str(beredning["DESCRIPTION"])
    parts = [
        "RS ordförande",  # participants, as written
        "budget_chief finance_officer",  # the participating post
        "Dialog",  # purpose
        "Planeringsförutsättningar i utkast",  # input documents
        "Klartecken",  # goal
        "Minnesanteckningar",  # documentation
        "Protokollet justeras inom en vecka",  # follow-up
        "Ta med budgetramarna.",  # further instructions
        f"{settings.SITE_URL}/cycles/test-2022/steps/beredning/",
    ]
    positions = [text.find(p) for p in parts]
    assert -1 not in positions, text
    assert positions == sorted(positions), text


def test_description_names_the_participating_bodies(world, client_for):
    kickoff = events(fetch(client_for("anonymous"), CYCLE_FEED))["Kickoff"]
    text = str(kickoff["DESCRIPTION"])
    for name in ("Presidier", "Hälso- och sjukvårdsnämnden", "Regionstyrelsen"):
        assert name in text


def test_status_categories_and_timestamps(world, client_for):
    ev = events(fetch(client_for("finance_officer"), CYCLE_FEED))
    assert str(ev["Kickoff"]["STATUS"]) == "CONFIRMED"
    assert str(ev["Styrdialog"]["STATUS"]) == "TENTATIVE"  # a draft
    with translation.override(settings.LANGUAGE_CODE):  # feeds speak the site's language
        meeting = str(StepKind.MEETING.label)
    assert [str(c) for c in ev["Kickoff"]["CATEGORIES"].cats] == [meeting]
    stamp = ev["Kickoff"].decoded("DTSTAMP")
    assert stamp.utcoffset() == dt.timedelta(0)
    assert ev["Kickoff"].decoded("LAST-MODIFIED") == stamp
    assert ev["Kickoff"].decoded("SEQUENCE") == 1  # published once


def test_sequence_rises_when_a_step_is_moved(world, client_for):
    client = client_for("anonymous")
    before = events(fetch(client, CYCLE_FEED))
    kickoff = step(world, "kickoff")
    services.move_step(
        step=kickoff,
        start=dt.date(2021, 2, 17),
        end=None,
        by=world.finance_officer.user,
        version=kickoff.version,
    )
    after = events(fetch(client, CYCLE_FEED))
    moved = after["Kickoff"]
    assert moved.decoded("SEQUENCE") > before["Kickoff"].decoded("SEQUENCE")
    assert moved.decoded("DTSTART") == dt.date(2021, 2, 17)
    assert str(moved["UID"]) == str(before["Kickoff"]["UID"])
    # steps relative to it followed, and tell calendars so
    for title in ("Planeringsförutsättningar", "Regionplan"):
        assert after[title].decoded("SEQUENCE") > before[title].decoded("SEQUENCE")
    assert after["Planeringsförutsättningar"].decoded("DTEND") == dt.date(2021, 2, 17)
    assert after["Regionplan"].decoded("DTSTART") == dt.date(2021, 2, 18)
    # a step not relative to it is untouched
    assert (
        after["Återkopplingsrapport"].decoded("SEQUENCE") == 1
    )  # untouched since it was published


# --- who sees what ------------------------------------------------------------------------


def test_anonymous_cycle_feed_leaves_out_drafts_and_internal_steps(world, client_for):
    titles = set(events(fetch(client_for("anonymous"), CYCLE_FEED)))
    assert titles == {"Planeringsförutsättningar", "Kickoff", "Regionplan", "Återkopplingsrapport"}
    assert "Styrdialog" not in titles  # unpublished
    assert "Lägesavstämning" not in titles  # internal


def test_signed_in_cycle_feed_adds_internal_steps_but_not_drafts(world, client_for):
    titles = set(events(fetch(client_for("politician_majority"), CYCLE_FEED)))
    assert "Lägesavstämning" in titles
    assert "Styrdialog" not in titles


def test_finance_officer_cycle_feed_shows_drafts(world, client_for):
    titles = set(events(fetch(client_for("finance_officer"), CYCLE_FEED)))
    assert titles == {s.title for s in world.cycle.steps.all()}


@pytest.fixture
def current_cycle(world, today):
    """A cycle running now, since a body's feed follows the cycles that have not ended."""
    cycle = generate_cycle(template=world.template, budget_year=today.year + 1, by=SYSTEM)
    cycle.steps.exclude(key="styrdialog").update(published=True)
    return cycle


def test_body_feed_holds_only_that_bodys_steps(world, client_for, current_cycle):
    cal = fetch(client_for("anonymous"), "/feeds/bodies/test/hsn.ics")
    uids = {str(e["UID"]) for e in cal.walk("VEVENT")}
    hsn_steps = Step.objects.filter(participant_bodies=world.committee_a)
    assert uids <= {f"{s.uid}@arshjul" for s in hsn_steps}
    expected = {
        f"{s.uid}@arshjul" for s in current_cycle.steps.filter(key__in=["kickoff", "aterkoppling"])
    }
    assert expected <= uids
    assert "HSN" in str(cal["X-WR-CALNAME"]) or "Hälso" in str(cal["X-WR-CALNAME"])


def test_body_feed_follows_visibility(world, client_for, current_cycle):
    # the working committee takes part only in the unpublished "styrdialog"
    assert events(fetch(client_for("anonymous"), "/feeds/bodies/test/rsau.ics")) == {}
    titles = set(events(fetch(client_for("finance_officer"), "/feeds/bodies/test/rsau.ics")))
    assert titles == {"Styrdialog"}


@pytest.mark.parametrize("url", ["/feeds/bodies/test/nope.ics", "/feeds/bodies/granne/hsn.ics"])
def test_unknown_body_feed_is_404(world, client_for, url):
    assert client_for("anonymous").get(url).status_code == 404


def person_feed_url(user) -> str:
    return reverse("process:person_feed", kwargs={"token": feed_token_for(user).token})


def test_personal_feed_holds_the_steps_the_person_takes_part_in(world, client_for):
    # the finance officer holds the budget_chief post that takes part in "beredning"
    url = person_feed_url(world.finance_officer.user)
    titles = set(events(fetch(client_for("anonymous"), url)))
    assert titles == {"Lägesavstämning"}


def test_personal_feed_by_seat_in_a_body(world, client_for):
    # the politician chairs the board, which takes part in the kickoff
    url = person_feed_url(world.politician_majority.user)
    titles = set(events(fetch(client_for("anonymous"), url)))
    assert titles == {"Kickoff"}


def test_renewed_token_retires_the_old_link(world, client_for):
    user = world.finance_officer.user
    old = person_feed_url(user)
    client = client_for("anonymous")
    assert client.get(old).status_code == 200
    renew_feed_token(user=user)
    new = person_feed_url(user)
    assert new != old
    assert client.get(old).status_code == 404
    assert set(events(fetch(client, new))) == {"Lägesavstämning"}


def test_unknown_token_is_404(world, client_for):
    assert client_for("anonymous").get("/feeds/people/not-a-token.ics").status_code == 404


def test_inactive_users_feed_is_404(world, client_for):
    user = world.finance_officer.user
    url = person_feed_url(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client_for("anonymous").get(url).status_code == 404


# --- golden file --------------------------------------------------------------------------


def normalise(body: bytes) -> str:
    """The feed unfolded, with what changes from run to run replaced by placeholders."""
    text = body.decode("utf-8").replace("\r\n ", "").replace("\r\n", "\n")
    text = text.replace(settings.SITE_URL, "https://arshjul.test")
    text = re.sub(r"^(DTSTAMP|LAST-MODIFIED):.*$", r"\1:<timestamp>", text, flags=re.M)
    text = re.sub(r"^UID:[0-9a-f-]{36}@arshjul$", "UID:<uuid>@arshjul", text, flags=re.M)
    return text


def test_cycle_feed_matches_the_golden_file(world, client_for):
    response = client_for("anonymous").get(CYCLE_FEED)
    assert response.status_code == 200
    actual = normalise(response.content)
    if os.environ.get("ARSHJUL_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(actual, encoding="utf-8")
    if not GOLDEN.exists():
        pytest.fail(f"{GOLDEN} is missing: run with ARSHJUL_UPDATE_GOLDEN=1 to write it.")
    expected = GOLDEN.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=str(GOLDEN.name),
                tofile="rendered feed",
            )
        )
        pytest.fail(
            "The cycle feed changed. If that is intended, rerun with ARSHJUL_UPDATE_GOLDEN=1 "
            f"and commit the golden file.\n{diff}"
        )


def test_a_late_step_without_an_end_lasts_an_hour_past_midnight(world):
    from arshjul.process.exports import step_event

    Step.objects.filter(cycle=world.cycle, key="kickoff").update(
        start_time=dt.time(23, 30), end_time=None
    )
    step = Step.objects.select_related("cycle").get(cycle=world.cycle, key="kickoff")
    event = step_event(step)
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(hours=1)
