"""The frames page's charts: stacks that add up to Σ frames, the revenue line, hatched bars
below zero, a committee's chart of its own frames only, and labels that never overlap."""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations

import pytest
from django.utils import translation

from arshjul.finance.chart_labels import overlap
from arshjul.finance.charts_frames import charts_of, frames_chart, labels_of, result_chart

M = Decimal(1_000_000)
YEARS = [2022, 2023, 2024, 2025]


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


def test_the_stack_reaches_the_sum_of_the_frames_and_the_line_the_revenue():
    series = [("HSN", {y: 3955 * M for y in YEARS}), ("RUN", {y: 945 * M for y in YEARS})]
    revenue = {y: 4900 * M for y in YEARS}
    chart = frames_chart(YEARS, series, revenue)
    first_year = [r for r in chart["rects"] if r.label.endswith("mnkr") and "2022" in r.label]
    assert len(first_year) == 2 and len(chart["rects"]) == 8
    top_of_stack = min(Decimal(r.y) for r in first_year)
    # Σ frames equals the revenue: the top of the stack is where the line's marker is.
    assert str(top_of_stack) == chart["line"][0].y
    assert chart["rects"][0].label == "HSN 2022: 3\u202f955,0 mnkr"
    assert [item["name"] for item in chart["legend"]] == ["HSN", "RUN"]
    assert frames_chart(YEARS, [], revenue) == {}


def test_results_below_zero_are_marked_and_the_goal_is_a_marker_per_year():
    chart = result_chart(
        YEARS,
        {2022: 68 * M, 2023: Decimal("-1234.5") * M, 2024: 0 * M, 2025: 40 * M},
        {y: 50 * M for y in YEARS},
    )
    assert [b.below_zero for b in chart["bars"]] == [False, True, False, False]
    assert len(chart["goals"]) == 4 and len({g.y for g in chart["goals"]}) == 1
    assert Decimal(chart["bars"][1].y) == Decimal(chart["zero_y"])  # hangs down from zero


@pytest.mark.parametrize("years", [1, 4, 11, 40])
@pytest.mark.parametrize("scale", [Decimal("0.3"), Decimal("1234.5"), Decimal("98765.4")])
def test_no_labels_overlap(years, scale):
    span = list(range(2022, 2022 + years))
    series = [(f"Nämnd {k}", {y: scale * M * (k + 1) for y in span}) for k in range(12)]
    charts = [
        frames_chart(span, series, {y: -scale * M for y in span}),
        result_chart(span, {y: (-1) ** y * scale * M for y in span}, {y: scale * M for y in span}),
    ]
    for chart in charts:
        labels = labels_of(chart)
        for a, b in combinations(labels, 2):
            assert not overlap(a, b), (a.text, b.text)
        for label in labels:
            left, top, right, bottom = label.box
            assert left >= 0 and top >= 0
            assert right <= Decimal(chart["width"]) and bottom <= Decimal(chart["height"])


class _Frame:
    def __init__(self, value):
        self.value = value


class _Body:
    def __init__(self, pk, name):
        self.pk, self.name = pk, name


class _Data:
    """The shape of `selectors_frames.VersionFrames` that the charts read."""

    def __init__(self, bodies, balance):
        self.years = YEARS
        self.bodies = bodies
        self.frames = {(b.pk, y): _Frame(100 * M * b.pk) for b in bodies for y in YEARS}
        self.balance = balance


def test_a_committee_sees_a_chart_of_its_own_frames_only():
    own = _Data([_Body(1, "HSN")], balance=[])
    charts = charts_of(own, filtered=True)
    assert set(charts) == {"frames_chart"}
    assert charts["frames_chart"]["line"] == [] and len(charts["frames_chart"]["rects"]) == 4
    assert charts_of(None, filtered=True) == {}
