"""The bar chart of the financial space U per year and scenario, as geometry for a server-rendered
SVG (templates/finance/space/_chart.html). Decimal arithmetic, coordinates rounded to 0.1.

The axis labels are laid out by `chart_labels` so that they never overlap: nice ticks that fit
the height, a left margin as wide as the widest amount, and years thinned out when crowded."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .chart_labels import category_labels, value_axis, value_labels
from .money import format_money

WIDTH, HEIGHT = Decimal(680), Decimal(300)
RIGHT, TOP, BOTTOM = Decimal(10), Decimal(16), Decimal(40)
SIZE = Decimal(12)
COLOURS = ("#1f5f8b", "#a84f00", "#2e6e2e", "#6e2e6e", "#5c5c5c")


def _c(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass
class Bar:
    x: str
    y: str
    width: str
    height: str
    colour: str
    label: str


def u_chart(series: list[tuple[str, dict[int, Decimal]]], years: list[int]) -> dict:
    """`series` is (scenario name, {year: U in kronor}); returns what the template draws."""
    values = [v for _name, by_year in series for v in by_year.values()]
    if not values or not years:
        return {}
    plot_h = HEIGHT - TOP - BOTTOM
    axis = value_axis(values, plot_height=plot_h, size=SIZE)
    top, bottom = axis.high, axis.low
    left = axis.width + Decimal(12)
    plot_w = WIDTH - left - RIGHT
    scale = plot_h / (top - bottom)

    def y(v: Decimal) -> Decimal:
        return TOP + (top - v) * scale

    group = plot_w / len(years)
    bar_w = group * Decimal("0.8") / max(len(series), 1)
    bars = []
    for n, year in enumerate(years):
        x0 = left + group * n + group * Decimal("0.1")
        for k, (name, by_year) in enumerate(series):
            if year not in by_year:
                continue
            v = by_year[year]
            y_top, y_bottom = sorted((y(v), y(Decimal(0))))
            bars.append(
                Bar(
                    x=_c(x0 + bar_w * k),
                    y=_c(y_top),
                    width=_c(bar_w - 1),
                    height=_c(max(y_bottom - y_top, Decimal("0.5"))),
                    colour=COLOURS[k % len(COLOURS)],
                    label=f"{name} {year}: {format_money(v, 'mnkr')} mnkr",
                )
            )
    ticks = value_labels(axis, x=left - 6, y_of=y, size=SIZE)
    return {
        "width": _c(WIDTH),
        "height": _c(HEIGHT),
        "bars": bars,
        "years": category_labels(
            [str(year) for year in years],
            left=left,
            slot=group,
            y=HEIGHT - BOTTOM + 12,
            size=SIZE,
        ),
        "ticks": [{"label": t, "y": _c(t.y)} for t in ticks],
        "zero_y": _c(y(Decimal(0))),
        "top_y": _c(TOP),
        "bottom_y": _c(HEIGHT - BOTTOM),
        "left": _c(left),
        "right": _c(WIDTH - RIGHT),
        "legend": [
            {"name": name, "colour": COLOURS[k % len(COLOURS)]}
            for k, (name, _s) in enumerate(series)
        ],
    }
