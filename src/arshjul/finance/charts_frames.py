"""The frames page's charts as geometry for server-rendered SVG (templates/finance/frames/
_charts.html); the page's tables are their text equivalents.

- `frames_chart`: per year, the committees' frames stacked, and the revenue S + B + FN − CEN
  (what the frames may use up before the result turns negative) as a line with markers.
- `result_chart`: per year, the budgeted result as a bar (below zero: hatched, not only
  another colour) and the financial goal's required result as a marker across the bar's slot.

Decimal arithmetic; coordinates rounded to 0.1; axis labels laid out by `chart_labels` so that
they never overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .chart_labels import Label, c, category_labels, value_axis, value_labels
from .money import format_money

ZERO = Decimal(0)
WIDTH = Decimal(720)
RIGHT, TOP, BOTTOM = Decimal(12), Decimal(16), Decimal(40)
SIZE = Decimal(12)
# Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart in the legend.
COLOURS = (
    "#1f5f8b",
    "#a84f00",
    "#2e6e2e",
    "#6e2e6e",
    "#5c5c5c",
    "#8b1f3f",
    "#005f5f",
    "#5f4b00",
)


@dataclass(frozen=True)
class Rect:
    x: str
    y: str
    width: str
    height: str
    colour: str
    label: str
    below_zero: bool = False


@dataclass(frozen=True)
class Marker:
    x: str
    y: str
    x1: str
    x2: str
    label: str


def _frame(values: list[Decimal], years: list[int], height: Decimal):
    """The axis, the plot's box and y(kronor) for a chart of `height`."""
    plot_h = height - TOP - BOTTOM
    axis = value_axis(values, plot_height=plot_h, size=SIZE)
    left = axis.width + Decimal(12)
    scale = plot_h / (axis.high - axis.low)

    def y(v: Decimal) -> Decimal:
        return TOP + (axis.high - v) * scale

    slot = (WIDTH - left - RIGHT) / max(len(years), 1)
    ticks = value_labels(axis, x=left - 6, y_of=y, size=SIZE)
    xs = category_labels(
        [str(year) for year in years], left=left, slot=slot, y=height - BOTTOM + 12, size=SIZE
    )
    common = {
        "width": c(WIDTH),
        "height": c(height),
        "left": c(left),
        "right": c(WIDTH - RIGHT),
        "top": c(TOP),
        "bottom": c(height - BOTTOM),
        "zero_y": c(y(ZERO)),
        "ticks": [{"label": t, "y": c(t.y)} for t in ticks],
        "years": xs,
    }
    return left, slot, y, common


def labels_of(chart: dict) -> list[Label]:
    """Every text label the chart draws (for checking that none overlap)."""
    return [t["label"] for t in chart["ticks"]] + list(chart["years"])


def frames_chart(
    years: list[int],
    series: list[tuple[str, dict[int, Decimal]]],
    revenue: dict[int, Decimal] | None = None,
    *,
    height: Decimal = Decimal(320),
) -> dict:
    """`series` is (committee, {year: frame in kronor}); `revenue` {year: S + B + FN − CEN} or
    None (a committee that sees only its own frames sees no revenue line)."""
    if not years or not series:
        return {}
    ups = {y: sum((s.get(y, ZERO) for _n, s in series if s.get(y, ZERO) > 0), ZERO) for y in years}
    downs = {
        y: sum((s.get(y, ZERO) for _n, s in series if s.get(y, ZERO) < 0), ZERO) for y in years
    }
    values = [*ups.values(), *downs.values(), *(revenue or {}).values()]
    left, slot, y, chart = _frame(values, years, height)
    bar_w = slot * Decimal("0.6")
    rects = []
    for n, year in enumerate(years):
        x = left + slot * n + slot * Decimal("0.2")
        up, down = ZERO, ZERO
        for k, (name, by_year) in enumerate(series):
            v = by_year.get(year, ZERO)
            if v == 0:
                continue
            if v > 0:
                lower, upper = up, up + v
                up = upper
            else:
                lower, upper = down + v, down
                down = lower
            rects.append(
                Rect(
                    x=c(x),
                    y=c(y(upper)),
                    width=c(bar_w),
                    height=c(max(y(lower) - y(upper), Decimal("0.5"))),
                    colour=COLOURS[k % len(COLOURS)],
                    label=f"{name} {year}: {format_money(v)} mnkr",
                )
            )
    line = []
    for n, year in enumerate(years):
        if revenue and year in revenue:
            line.append(
                Marker(
                    x=c(left + slot * n + slot / 2),
                    y=c(y(revenue[year])),
                    x1=c(left + slot * n + slot * Decimal("0.1")),
                    x2=c(left + slot * n + slot * Decimal("0.9")),
                    label=f"{year}: {format_money(revenue[year])} mnkr",
                )
            )
    chart |= {
        "rects": rects,
        "line": line,
        "points": " ".join(f"{m.x},{m.y}" for m in line),
        "legend": [
            {"name": name, "colour": COLOURS[k % len(COLOURS)]}
            for k, (name, _s) in enumerate(series)
        ],
    }
    return chart


def result_chart(
    years: list[int],
    results: dict[int, Decimal],
    goals: dict[int, Decimal],
    *,
    height: Decimal = Decimal(240),
) -> dict:
    """The budgeted result per year against the result the financial goal requires."""
    if not years or not results:
        return {}
    left, slot, y, chart = _frame([*results.values(), *goals.values()], years, height)
    bars, goal_marks = [], []
    for n, year in enumerate(years):
        if year not in results:
            continue
        v = results[year]
        top, bottom = sorted((y(v), y(ZERO)))
        bars.append(
            Rect(
                x=c(left + slot * n + slot * Decimal("0.25")),
                y=c(top),
                width=c(slot * Decimal("0.5")),
                height=c(max(bottom - top, Decimal("0.5"))),
                colour="#1f5f8b",
                label=f"{year}: {format_money(v)} mnkr",
                below_zero=v < 0,
            )
        )
        if year in goals:
            goal_marks.append(
                Marker(
                    x=c(left + slot * n + slot / 2),
                    y=c(y(goals[year])),
                    x1=c(left + slot * n + slot * Decimal("0.12")),
                    x2=c(left + slot * n + slot * Decimal("0.88")),
                    label=f"{year}: {format_money(goals[year])} mnkr",
                )
            )
    chart |= {"bars": bars, "goals": goal_marks}
    return chart


def charts_of(data, *, filtered: bool) -> dict:
    """Both charts for a version's computed frames (`selectors_frames.VersionFrames`): the
    frames per committee and, for those who see every committee, the revenue line and the
    result chart. Empty when nothing can be drawn."""
    if data is None or not data.frames:
        return {}
    series = [
        (body.name, {y: data.frames[body.pk, y].value for y in data.years}) for body in data.bodies
    ]
    revenue = None
    if not filtered and data.balance:
        revenue = {b.year: b.revenue - b.central for b in data.balance}
    out = {"frames_chart": frames_chart(data.years, series, revenue)}
    if not filtered and data.balance:
        years = [b.year for b in data.balance]
        out["result_chart"] = result_chart(
            years,
            {b.year: b.result for b in data.balance},
            {b.year: b.required for b in data.balance},
        )
    return out
