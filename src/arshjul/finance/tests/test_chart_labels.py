"""Axis labels never overlap: the boxes of every label, computed conservatively from their
characters, for long Swedish amounts such as "−1 234,5" at many ticks and many years."""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations

import pytest
from django.utils import translation

from arshjul.finance.chart_labels import (
    Label,
    category_labels,
    nice_step,
    overlap,
    text_width,
    value_axis,
)
from arshjul.finance.space_chart import HEIGHT, WIDTH, u_chart

M = Decimal(1_000_000)


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


def assert_apart(labels: list[Label], width: Decimal, height: Decimal) -> None:
    for a, b in combinations(labels, 2):
        assert not overlap(a, b), (a.text, a.box, b.text, b.box)
    for label in labels:
        left, top, right, bottom = label.box
        assert left >= 0 and top >= 0 and right <= width and bottom <= height, label


def chart_labels(chart: dict) -> list[Label]:
    return [t["label"] for t in chart["ticks"]] + list(chart["years"])


def test_a_long_swedish_amount_is_measured_wide():
    assert text_width("−1\u202f234,5", 12) > Decimal(45)
    assert text_width("2022", 12) > Decimal(28)


def test_nice_steps():
    assert nice_step(Decimal("1234.5"), 8) == Decimal(200)
    assert nice_step(Decimal(10), 4) == Decimal("2.5")
    assert nice_step(Decimal(1), 1) == Decimal(1)


def test_the_value_axis_includes_zero_and_fits():
    axis = value_axis([Decimal("-1234.5") * M, Decimal("87.3") * M], plot_height=Decimal(244))
    assert Decimal(0) in axis.ticks
    assert axis.low <= Decimal("-1234.5") * M and axis.high >= Decimal("87.3") * M
    assert "−1\u202f400,0" in axis.labels
    spacing = Decimal(244) / (len(axis.ticks) - 1)
    assert spacing >= Decimal(12) * Decimal("1.25") + 4


@pytest.mark.parametrize(
    "values",
    [
        [Decimal("-1234.5"), Decimal("1.0")],
        [Decimal("-1234.5"), Decimal("-1233.9"), Decimal("0.1")],
        [Decimal("98765.4"), Decimal("-12345.6")],
        [Decimal("0.1"), Decimal("0.2")],
        [Decimal("-0.4")],
        [Decimal("5000.0"), Decimal("4999.9")],
    ],
)
@pytest.mark.parametrize("years", [1, 4, 12, 30, 60])
def test_the_space_chart_labels_never_overlap(values, years):
    span = list(range(2022, 2022 + years))
    series = [(f"S{k}", {y: values[(y + k) % len(values)] * M for y in span}) for k in range(3)]
    chart = u_chart(series, span)
    labels = chart_labels(chart)
    assert len(chart["ticks"]) >= 2 and chart["years"][0].text == "2022"
    assert_apart(labels, WIDTH, HEIGHT)


def test_crowded_years_are_thinned_and_spread_ones_are_all_shown():
    narrow = category_labels(
        [str(y) for y in range(2000, 2060)], left=Decimal(60), slot=Decimal(10), y=Decimal(0)
    )
    assert 1 < len(narrow) < 60 and narrow[0].text == "2000"
    assert_apart(narrow, Decimal(700), Decimal(100))
    wide = category_labels(["2022", "2023"], left=Decimal(60), slot=Decimal(300), y=Decimal(0))
    assert [label.text for label in wide] == ["2022", "2023"]
