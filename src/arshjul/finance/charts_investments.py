"""The investment plan's chart: cash flow per year as bars against the year's ceiling, as
server-rendered SVG geometry (the template draws it; the totals table is its text equivalent)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 12, 28


@dataclass(frozen=True)
class Bar:
    year: int
    x: int
    y: int
    width: int
    height: int
    label_x: int
    over: bool
    ceiling_y: int | None


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    baseline: int
    ticks: list[tuple[int, str]]


def cash_flow_chart(
    years: list[int],
    totals: dict[int, Decimal],
    ceilings: dict[int, Decimal],
    *,
    tick_label,
) -> Chart:
    top = max([*totals.values(), *ceilings.values(), Decimal(1)])
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) // max(len(years), 1)

    def y_of(amount: Decimal) -> int:
        return TOP + plot_h - int(amount * plot_h / top)

    bars = []
    for i, year in enumerate(years):
        total = totals.get(year, Decimal(0))
        x = LEFT + i * slot + slot // 6
        y = y_of(total)
        ceiling = ceilings.get(year)
        bars.append(
            Bar(
                year=year,
                x=x,
                y=y,
                width=slot * 2 // 3,
                height=TOP + plot_h - y,
                label_x=LEFT + i * slot + slot // 2,
                over=ceiling is not None and total > ceiling,
                ceiling_y=y_of(ceiling) if ceiling is not None else None,
            )
        )
    ticks = [(y_of(top * k / 4), tick_label(top * k / 4)) for k in range(5)]
    return Chart(WIDTH, HEIGHT, bars, TOP + plot_h, ticks)
