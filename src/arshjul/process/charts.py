"""Server-rendered SVG charts: the årshjul wheel and the timeline (Gantt-like).

Pure rendering: steps in, SVG markup out, no database. Each chart carries a <title> and a
<desc>, names every link, and the page shows the same data as a table beside it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import textwrap
from collections.abc import Sequence

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .choices import Track

# Colours with at least 3:1 contrast against white for the marks, and patterns too, so that
# cycles are told apart without colour alone.
CYCLE_COLOURS = ("#1f5fa8", "#a8461f", "#2f7d32", "#6a3d9a")
CYCLE_DASH = ("", "4 2", "1 2", "6 2 1 2")
TRACK_ORDER = [t.value for t in Track]


def _f(x: float) -> str:
    return f"{x:.1f}"


def _day_fraction(day: dt.date, year: int) -> float:
    """Where `day` lies in `year`, 0.0 at 1 January 00:00, 1.0 at the year's end."""
    days = 366 if calendar.isleap(year) else 365
    return (day - dt.date(year, 1, 1)).days / days


def _polar(cx: float, cy: float, r: float, fraction: float) -> tuple[float, float]:
    angle = 2 * math.pi * fraction - math.pi / 2
    return cx + r * math.cos(angle), cy + r * math.sin(angle)


def _band(cx, cy, r0, r1, f0, f1) -> str:
    """An annular sector from fraction f0 to f1 between radii r0 and r1, as a path."""
    f1 = max(f1, f0 + 0.002)
    large = 1 if f1 - f0 > 0.5 else 0
    x0, y0 = _polar(cx, cy, r1, f0)
    x1, y1 = _polar(cx, cy, r1, f1)
    x2, y2 = _polar(cx, cy, r0, f1)
    x3, y3 = _polar(cx, cy, r0, f0)
    return (
        f"M{_f(x0)},{_f(y0)} A{_f(r1)},{_f(r1)} 0 {large} 1 {_f(x1)},{_f(y1)} "
        f"L{_f(x2)},{_f(y2)} A{_f(r0)},{_f(r0)} 0 {large} 0 {_f(x3)},{_f(y3)} Z"
    )


def _when(step) -> str:
    if step.start == step.end:
        return date_format(step.start, "j F Y")
    return f"{date_format(step.start, 'j F Y')} – {date_format(step.end, 'j F Y')}"


def _label(step) -> str:
    return f"{step.title} ({step.cycle}): {_when(step)}"


def wheel(
    *, year: int, cycles: Sequence, steps: Sequence, today: dt.date, size: int = 760
) -> SafeString:
    """The årshjul of one calendar year: twelve months, one ring per track, one lane per cycle."""
    cx = cy = size / 2
    inner, ring = 120.0, 44.0
    outer = inner + ring * len(TRACK_ORDER)
    cycle_index = {c.pk: i for i, c in enumerate(cycles)}
    lanes = max(len(cycles), 1)
    lane = ring / lanes
    parts: list[str] = []
    title_id, desc_id = f"wheel-title-{year}", f"wheel-desc-{year}"
    desc = _(
        "Twelve months clockwise from January at the top. Rings from the centre outwards: "
        "%(tracks)s. Each cycle has its own lane in every ring and its own colour and line: "
        "%(cycles)s. A dot is a single day, a band a period."
    ) % {
        "tracks": ", ".join(str(Track(t).label) for t in TRACK_ORDER),
        "cycles": ", ".join(str(c) for c in cycles) or _("none"),
    }
    title = escape(_("The wheel for %(year)s") % {"year": year})
    today_label = escape(_("Today"))
    parts.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" class="wheel" '
        f'role="graphics-document" aria-labelledby="{title_id}" aria-describedby="{desc_id}">'
        f'<title id="{title_id}">{title}</title>'
        f'<desc id="{desc_id}">{escape(desc)}</desc>'
    )
    # Rings, alternating shades, and month sectors.
    parts.append('<g class="wheel-grid" aria-hidden="true">')
    for i, _track in enumerate(TRACK_ORDER):
        r0 = inner + i * ring
        parts.append(
            f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(r0 + ring / 2)}" '
            f'class="ring ring-{i % 2}" stroke-width="{_f(ring)}" fill="none"/>'
        )
    for m in range(1, 13):
        f0 = _day_fraction(dt.date(year, m, 1), year)
        x0, y0 = _polar(cx, cy, inner, f0)
        x1, y1 = _polar(cx, cy, outer + 8, f0)
        parts.append(
            f'<line x1="{_f(x0)}" y1="{_f(y0)}" x2="{_f(x1)}" y2="{_f(y1)}" class="month-line"/>'
        )
        mid = f0 + 1 / 24
        lx, ly = _polar(cx, cy, outer + 26, mid)
        name = date_format(dt.date(year, m, 1), "M")
        parts.append(
            f'<text x="{_f(lx)}" y="{_f(ly)}" class="month-label" text-anchor="middle" '
            f'dominant-baseline="middle">{escape(name)}</text>'
        )
    parts.append(
        f'<text x="{_f(cx)}" y="{_f(cy)}" class="wheel-year" text-anchor="middle" '
        f'dominant-baseline="middle">{year}</text>'
    )
    parts.append("</g>")
    # Steps.
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    parts.append('<g class="wheel-steps">')
    for step in steps:
        if step.end < year_start or step.start > year_end:
            continue
        ci = cycle_index.get(step.cycle_id, 0)
        colour = CYCLE_COLOURS[ci % len(CYCLE_COLOURS)]
        t = TRACK_ORDER.index(step.track) if step.track in TRACK_ORDER else 0
        r0 = inner + t * ring + ci * lane + 2
        r1 = r0 + lane - 4
        label = escape(_label(step))
        href = escape(step.get_absolute_url())
        parts.append(f'<a href="{href}" aria-label="{label}"><title>{label}</title>')
        if step.start == step.end:
            x, y = _polar(cx, cy, (r0 + r1) / 2, _day_fraction(step.start, year) + 0.5 / 366)
            radius = min(7.0, (r1 - r0) / 2 + 1)
            parts.append(
                f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(radius)}" fill="{colour}" '
                f'class="mark mark-{escape(step.kind)}" stroke="#fff" stroke-width="1.5"/>'
            )
        else:
            f0 = _day_fraction(max(step.start, year_start), year)
            f1 = _day_fraction(min(step.end, year_end), year) + 1 / 366
            dash = CYCLE_DASH[ci % len(CYCLE_DASH)]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<path d="{_band(cx, cy, r0, r1, f0, f1)}" fill="{colour}" fill-opacity="0.30" '
                f'stroke="{colour}" stroke-width="1.5"{dash_attr} class="mark band"/>'
            )
        parts.append("</a>")
    parts.append("</g>")
    if year_start <= today <= year_end:
        f = _day_fraction(today, year) + 0.5 / 366
        x0, y0 = _polar(cx, cy, inner - 18, f)
        x1, y1 = _polar(cx, cy, outer + 10, f)
        lx, ly = _polar(cx, cy, inner - 32, f)
        parts.append(
            f'<g class="today" aria-hidden="true"><line x1="{_f(x0)}" y1="{_f(y0)}" x2="{_f(x1)}" '
            f'y2="{_f(y1)}"/><text x="{_f(lx)}" y="{_f(ly)}" text-anchor="middle" '
            f'dominant-baseline="middle">{today_label}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def timeline(*, cycle, steps: Sequence, today: dt.date, width: int = 1100) -> SafeString:
    """A Gantt-like chart of one cycle: a row per step, months across."""
    label_w, row_h, top = 385, 24, 56
    start, end = cycle.start, cycle.end
    total = (end - start).days + 1
    plot_w = width - label_w - 20
    height = top + row_h * max(len(steps), 1) + 20

    def x_of(day: dt.date) -> float:
        return label_w + plot_w * ((day - start).days / total)

    title_id, desc_id = f"timeline-title-{cycle.slug}", f"timeline-desc-{cycle.slug}"
    title = escape(_("Timeline of %(cycle)s") % {"cycle": cycle})
    desc = escape(_("One row per step in date order; bars are periods, diamonds single days."))
    today_label = escape(_("Today"))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="timeline" '
        f'role="graphics-document" aria-labelledby="{title_id}" aria-describedby="{desc_id}">'
        f'<title id="{title_id}">{title}</title>'
        f'<desc id="{desc_id}">'
        f"{desc}"
        f"</desc>",
        '<g class="timeline-grid" aria-hidden="true">',
    ]
    month = start.replace(day=1)
    while month <= end:
        x = x_of(max(month, start))
        parts.append(
            f'<line x1="{_f(x)}" y1="{top - 6}" x2="{_f(x)}" y2="{height - 10}" class="month-line"/>'
        )
        label = escape(date_format(month, "M"))
        parts.append(f'<text x="{_f(x + 3)}" y="{top - 10}" class="month-label">{label}</text>')
        if month.month == 1 or month == start.replace(day=1):
            parts.append(
                f'<text x="{_f(x + 3)}" y="{top - 28}" class="year-label">{month.year}</text>'
            )
        month = (month + dt.timedelta(days=32)).replace(day=1)
    parts.append("</g>")
    for i, step in enumerate(steps):
        y = top + i * row_h
        label = escape(_label(step))
        href = escape(step.get_absolute_url())
        colour = (
            CYCLE_COLOURS[TRACK_ORDER.index(step.track) % len(CYCLE_COLOURS)]
            if step.track in TRACK_ORDER
            else CYCLE_COLOURS[0]
        )
        parts.append(f'<a href="{href}" aria-label="{label}"><title>{label}</title>')
        parts.append(
            f'<text x="6" y="{y + row_h / 2 + 4}" class="row-label">{escape(textwrap.shorten(step.title, 52, placeholder=" …"))}</text>'
        )
        x0 = x_of(step.start)
        if step.start == step.end:
            cy_ = y + row_h / 2
            parts.append(
                f'<path d="M{_f(x0)},{_f(cy_ - 7)} l7,7 l-7,7 l-7,-7 Z" fill="{colour}" class="mark"/>'
            )
        else:
            x1 = x_of(step.end + dt.timedelta(days=1))
            parts.append(
                f'<rect x="{_f(x0)}" y="{y + 5}" width="{_f(max(x1 - x0, 3))}" height="{row_h - 10}" '
                f'fill="{colour}" fill-opacity="0.35" stroke="{colour}" class="mark"/>'
            )
        parts.append("</a>")
    if start <= today <= end:
        x = x_of(today)
        parts.append(
            f'<g class="today" aria-hidden="true"><line x1="{_f(x)}" y1="{top - 6}" x2="{_f(x)}" '
            f'y2="{height - 10}"/><text x="{_f(x + 3)}" y="{height - 2}">{today_label}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
