"""Exact money: amounts are Decimal kronor, never floats; they are rounded only for showing,
half up (Swedish "vanlig avrundning"), in kr, tkr or mnkr, in Swedish format (narrow no-break
space between thousands, decimal comma, a true minus sign) or English format.

Totals that add up on screen: `shown_parts(parts, unit)` rounds the parts so that they sum
exactly to the rounded total (largest remainder), so a table's rows add up to its total row.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language

from arshjul.core.ranges import parse_typed

UNITS = {"kr": (Decimal(1), 0), "tkr": (Decimal(1000), 0), "mnkr": (Decimal(1_000_000), 1)}
NARROW_NBSP = "\u202f"
MINUS = "\u2212"


def to_decimal(value) -> Decimal:
    """A Decimal from a Decimal, int or string (never a float: "3,5" and "3.5" both work);
    ValueError for what is not a typed number (NaN, `1e30`, `1,5.3`: see parse_typed)."""
    if isinstance(value, float):
        raise TypeError("money is never a float; pass a Decimal, an int or a string")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return parse_typed(value)


def in_unit(amount: Decimal, unit: str = "mnkr") -> Decimal:
    """The amount in kronor expressed in the unit, rounded half up to the unit's decimals."""
    divisor, places = UNITS[unit]
    return (amount / divisor).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value: Decimal, places: int, language: str | None = None) -> str:
    """A rounded number in the language's format: `4 063,0` and `−7,5` in Swedish."""
    language = (language or get_language() or "sv")[:2]
    quantized = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if quantized < 0 else ""
    text = f"{abs(quantized):,.{places}f}"  # 4,063.0
    if language == "sv":
        text = text.replace(",", NARROW_NBSP).replace(".", ",")
        sign = MINUS if sign else ""
    return sign + text


def format_money(amount: Decimal, unit: str = "mnkr", language: str | None = None) -> str:
    """Kronor shown in the unit: `format_money(Decimal("4063030500"), "mnkr")` → `4 063,0`."""
    return format_number(in_unit(amount, unit), UNITS[unit][1], language)


def shown_parts(parts: Iterable[Decimal], unit: str = "mnkr") -> tuple[list[Decimal], Decimal]:
    """The parts rounded so that they add up exactly to their rounded total (largest
    remainder), and that total, both in the unit."""
    parts = list(parts)
    divisor, places = UNITS[unit]
    step = Decimal(1).scaleb(-places)
    total = in_unit(sum(parts, Decimal(0)), unit)
    exact = [p / divisor for p in parts]
    floors = [(e / step).to_integral_value(rounding="ROUND_FLOOR") * step for e in exact]
    missing = int(((total - sum(floors, Decimal(0))) / step).to_integral_value())
    order = sorted(range(len(parts)), key=lambda i: exact[i] - floors[i], reverse=True)
    shown = list(floors)
    for i in order[: max(missing, 0)]:
        shown[i] += step
    return shown, total
