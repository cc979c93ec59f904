"""Axis labels that never overlap, for the finance app's server-rendered SVG charts.

Pure geometry in Decimal (no floats, no database). The width of a label is estimated
conservatively from its characters (wider than common sans-serif fonts draw them), so that
boxes computed here that do not overlap will not overlap on screen or paper either:

- value axis: "nice" ticks (1, 2, 2,5 or 5 × 10ⁿ mnkr, zero always among them) only as many as
  fit one above the other with a gap, and a left margin as wide as the widest label;
- category axis (years): every k-th label when a label is wider than its slot.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from .money import format_money

MILLION = Decimal(1_000_000)
GAP = Decimal(4)  # pixels between two labels, at least
NICE = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))

# Advance widths in em, rounded up from common sans-serif fonts (Arial, Helvetica, DejaVu Sans).
NARROW = {",": Decimal("0.35"), ".": Decimal("0.35"), ":": Decimal("0.35"), "(": Decimal("0.4")}
NARROW |= {")": Decimal("0.4"), "\u202f": Decimal("0.35"), "\xa0": Decimal("0.35")}
NARROW |= {" ": Decimal("0.35"), "i": Decimal("0.35"), "l": Decimal("0.35"), "1": Decimal("0.65")}
DIGIT = Decimal("0.65")  # digits, minus and plus signs, percent is wider
WIDE = Decimal("0.95")  # upper case, m, w, %, and anything unknown


def c(value: Decimal) -> str:
    """A coordinate for the SVG, rounded half up to 0.1."""
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def text_width(text: str, size: Decimal | int) -> Decimal:
    """A conservative estimate of the drawn width of `text` at font size `size` (pixels)."""
    em = Decimal(0)
    for char in text:
        if char in NARROW:
            em += NARROW[char]
        elif char.isdigit() or char in "−-+":
            em += DIGIT
        elif char.islower() and char not in "mw":
            em += Decimal("0.7")
        else:
            em += WIDE
    return em * Decimal(size)


@dataclass(frozen=True)
class Label:
    """A text label; `x`, `y` where it is drawn, `anchor` its SVG text-anchor, and `baseline`
    "middle" (value axis) or "hanging" (category axis)."""

    x: Decimal
    y: Decimal
    text: str
    size: Decimal
    anchor: str = "middle"
    baseline: str = "middle"
    rotate: bool = False

    @property
    def box(self) -> tuple[Decimal, Decimal, Decimal, Decimal]:
        """(left, top, right, bottom) of the drawn text, conservatively."""
        w = text_width(self.text, self.size)
        h = self.size * Decimal("1.25")
        left = {"start": self.x, "middle": self.x - w / 2, "end": self.x - w}[self.anchor]
        top = self.y - h / 2 if self.baseline == "middle" else self.y
        return left, top, left + w, top + h

    @property
    def sx(self) -> str:
        return c(self.x)

    @property
    def sy(self) -> str:
        return c(self.y)


def overlap(a: Label, b: Label) -> bool:
    """Whether the boxes of two labels touch or overlap (less than GAP/2 apart)."""
    al, at, ar, ab = a.box
    bl, bt, br, bb = b.box
    half = GAP / 2
    return al < br + half and bl < ar + half and at < bb + half and bt < ab + half


def nice_step(span: Decimal, most: int) -> Decimal:
    """The smallest nice step (1, 2, 2,5, 5 × 10ⁿ) that cuts `span` in at most `most` parts."""
    most = max(most, 1)
    if span <= 0:
        return Decimal(1)
    raw = span / most
    power = Decimal(10) ** (raw.adjusted())
    for factor in NICE:
        step = factor * power
        if span / step <= most:
            return step
    return Decimal(10) * power  # pragma: no cover (NICE ends with 10)


@dataclass(frozen=True)
class ValueAxis:
    low: Decimal  # kronor at the bottom of the plot
    high: Decimal  # kronor at the top
    ticks: list[Decimal]  # kronor
    labels: list[str]
    width: Decimal  # of the widest label, pixels


def value_axis(
    values: list[Decimal],
    *,
    plot_height: Decimal,
    size: Decimal = Decimal(12),
    unit: str = "mnkr",
) -> ValueAxis:
    """Ticks in kronor for `values` (zero included) that fit `plot_height` without overlap:
    one label's height plus a gap between neighbouring ticks, at most eight ticks."""
    low = min([Decimal(0), *values])
    high = max([Decimal(0), *values])
    if low == high:
        high = low + MILLION
    line = size * Decimal("1.25") + GAP
    most = max(int((plot_height / line).to_integral_value(rounding=ROUND_FLOOR)), 1)
    most = min(most, 8)
    while True:
        step = nice_step((high - low) / MILLION, most) * MILLION
        bottom = (low / step).to_integral_value(rounding=ROUND_FLOOR) * step
        top = (high / step).to_integral_value(rounding=ROUND_CEILING) * step
        count = int((top - bottom) / step)
        if count <= most or most == 1:
            break
        most -= 1
    ticks = [bottom + step * k for k in range(count + 1)]
    labels = [format_money(t, unit) for t in ticks]
    width = max(text_width(t, size) for t in labels)
    return ValueAxis(bottom, top, ticks, labels, width)


def value_labels(axis: ValueAxis, *, x: Decimal, y_of, size: Decimal = Decimal(12)) -> list[Label]:
    """The value axis' labels, right-aligned at `x`, at the height `y_of(kronor)`."""
    return [
        Label(x=x, y=y_of(t), text=text, size=size, anchor="end")
        for t, text in zip(axis.ticks, axis.labels, strict=True)
    ]


def category_labels(
    texts: list[str],
    *,
    left: Decimal,
    slot: Decimal,
    y: Decimal,
    size: Decimal = Decimal(12),
) -> list[Label]:
    """Labels centred under their slots; when they are wider than a slot, every k-th only
    (the first always), so that none touch."""
    if not texts:
        return []
    widest = max(text_width(t, size) for t in texts) + GAP
    every = max(int((widest / slot).to_integral_value(rounding=ROUND_CEILING)), 1)
    return [
        Label(x=left + slot * n + slot / 2, y=y, text=t, size=size, baseline="hanging")
        for n, t in enumerate(texts)
        if n % every == 0
    ]
