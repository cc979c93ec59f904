"""The fee basis (arvodesunderlag) as plain arithmetic, without a database: the minutes a person
attended, the fee kind a meeting's rule gives them, the rate in force on the day and the amount.
Exact in Decimal; an hourly amount is rounded to whole öre (half up) only at the end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from .choices import Attendance, FeeKind, InviteeSource

# Elected members are paid; officials invited for their post, and people added by hand, are not.
ELECTED_SOURCES = (
    InviteeSource.MEMBER,
    InviteeSource.PRESIDIUM,
    InviteeSource.MAJORITY,
    InviteeSource.CHAIR,
)
ATTENDED = (Attendance.PRESENT, Attendance.PART)
ORE = Decimal("0.01")
MINUTES_PER_HOUR = Decimal(60)

# The values of meetings.models.FeeRule, repeated here so that this module needs no models.
RULE_NONE = "none"
RULE_BY_DURATION = "by_duration"
RULE_KIND = {
    "full_day": FeeKind.FULL_DAY,
    "half_day": FeeKind.HALF_DAY,
    "hourly": FeeKind.HOURLY,
}


def minutes_attended(
    *,
    start: dt.datetime,
    end: dt.datetime,
    attendance: str,
    arrived: dt.time | None = None,
    left: dt.time | None = None,
) -> int:
    """Whole minutes attended: the meeting's time when present; from arrival (or the start) to
    leaving (or the end), within the meeting's time, when there for part of it; nothing when
    absent or not recorded.
    `start` and `end` are the meeting's times in local time."""
    if attendance not in ATTENDED:
        return 0
    begin, finish = start, end
    if attendance == Attendance.PART:
        # Only the meeting's own time counts: arriving early or staying late adds nothing.
        if arrived is not None:
            begin = max(start, dt.datetime.combine(start.date(), arrived, tzinfo=start.tzinfo))
        if left is not None:
            finish = min(end, dt.datetime.combine(end.date(), left, tzinfo=end.tzinfo))
    seconds = (finish - begin).total_seconds()
    return max(0, int(seconds // 60))


def hours(minutes: int) -> Decimal:
    """Minutes as hours with two decimals, for showing (the amount uses the minutes)."""
    return (Decimal(minutes) / MINUTES_PER_HOUR).quantize(ORE, rounding=ROUND_HALF_UP)


def fee_kind(*, rule: str, minutes: int, half_day_hours: Decimal) -> str | None:
    """The fee kind the meeting's rule gives for this attendance; None: no fee."""
    if minutes <= 0 or rule == RULE_NONE:
        return None
    if rule == RULE_BY_DURATION:
        if Decimal(minutes) <= half_day_hours * MINUTES_PER_HOUR:
            return FeeKind.HALF_DAY
        return FeeKind.FULL_DAY
    return RULE_KIND.get(rule)


def rate_on(
    rates: Iterable[tuple[str, dt.date, Decimal]], *, kind: str, day: dt.date
) -> Decimal | None:
    """The rate of `kind` in force on `day`: of (kind, valid from, amount), the latest that is
    valid from that day or earlier."""
    best: tuple[dt.date, Decimal] | None = None
    for rate_kind, valid_from, amount in rates:
        if rate_kind == kind and valid_from <= day and (best is None or valid_from > best[0]):
            best = (valid_from, amount)
    return best[1] if best else None


def fee_amount(*, kind: str, rate: Decimal, minutes: int) -> Decimal:
    """A day's rate as it is; an hourly rate times the time attended, to the öre."""
    if kind == FeeKind.HOURLY:
        return (rate * Decimal(minutes) / MINUTES_PER_HOUR).quantize(ORE, rounding=ROUND_HALF_UP)
    return rate


NARROW_NO_BREAK_SPACE = "\u202f"
MINUS_SIGN = "\u2212"


def swedish(value: Decimal, places: int = 2) -> str:
    """A number as Swedish pages write it: a narrow no-break space between thousands, a decimal
    comma and a true minus sign (1 900,00; −7,50). Rounded half up to `places`."""
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    sign = MINUS_SIGN if rounded < 0 else ""
    return sign + NARROW_NO_BREAK_SPACE.join(groups) + (f",{fraction}" if fraction else "")
