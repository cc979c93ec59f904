"""The SVG charts: every visible step linked, a text alternative, today's marker, cycles apart."""

import datetime as dt
import re
import xml.etree.ElementTree as ET

from django.utils import translation

from arshjul.accounts.roles import SYSTEM
from arshjul.process import charts, selectors
from arshjul.process.models import Step
from arshjul.process.services import generate_cycle

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_wheel_links_every_step_of_the_year(world):
    steps = list(
        selectors.timeline_for_cycles(cycles=[world.cycle], user=world.finance_officer.user)
    )
    with translation.override("en"):
        svg = charts.wheel(year=2021, cycles=[world.cycle], steps=steps, today=dt.date(2021, 3, 1))
    root = parse(svg)
    assert root.get("aria-labelledby") and root.find(f"{SVG}title").text
    assert "Preparation meetings" in root.find(f"{SVG}desc").text
    links = {a.get("href") for a in root.iter(f"{SVG}a")}
    in_2021 = {s.get_absolute_url() for s in steps if s.end.year >= 2021 and s.start.year <= 2021}
    assert links == in_2021
    assert "/cycles/test-2022/steps/beredning/" not in links  # 11 December 2020
    for a in root.iter(f"{SVG}a"):
        assert a.get("aria-label")


def test_wheel_marks_today_only_in_its_year(world):
    steps = list(Step.objects.filter(cycle=world.cycle).select_related("cycle"))
    with_today = charts.wheel(
        year=2021, cycles=[world.cycle], steps=steps, today=dt.date(2021, 7, 1)
    )
    without = charts.wheel(year=2021, cycles=[world.cycle], steps=steps, today=dt.date(2026, 7, 1))
    assert 'class="today"' in with_today and 'class="today"' not in without


def test_wheel_places_a_day_by_its_angle(world):
    kickoff = Step.objects.select_related("cycle").get(cycle=world.cycle, key="kickoff")
    svg = charts.wheel(
        year=2021, cycles=[world.cycle], steps=[kickoff], today=dt.date(2020, 1, 1), size=760
    )
    cx, cy = (
        float(v)
        for v in re.search(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="[\d.]+" fill', svg).groups()
    )
    # 10 February is 40 days into the year: a little past one o'clock on a clock face.
    assert cx > 380 and cy < 380


def test_two_overlapping_cycles_have_their_own_colour(world):
    second = generate_cycle(template=world.template, budget_year=2023, by=SYSTEM)
    steps = list(
        selectors.timeline_for_cycles(cycles=[world.cycle, second], user=world.finance_officer.user)
    )
    svg = charts.wheel(
        year=2021, cycles=[world.cycle, second], steps=steps, today=dt.date(2021, 3, 1)
    )
    assert charts.CYCLE_COLOURS[0] in svg and charts.CYCLE_COLOURS[1] in svg
    assert 'stroke-dasharray="4 2"' in svg  # the second cycle's bands are dashed, not only coloured


def test_timeline_has_a_row_per_step(world):
    steps = list(Step.objects.filter(cycle=world.cycle).select_related("cycle"))
    root = parse(charts.timeline(cycle=world.cycle, steps=steps, today=dt.date(2021, 3, 1)))
    assert len(list(root.iter(f"{SVG}a"))) == len(steps)
    assert root.find(f"{SVG}title").text
