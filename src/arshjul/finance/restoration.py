"""Restoring negative balance-requirement results (FINANCE.md 4.2 and 4.3; KL 11:12).

A negative result from year X must be restored within the three following years, by X+3.
Pure arithmetic on exact kronor, no database:

    per year Y of the horizon, in order:
      carried in  = Σ deficits still to restore at the start of Y
      restored    = min(Res(Y), carried in) when Res(Y) > 0, the oldest deficits first
      new deficit = −Res(Y) when Res(Y) < 0, to restore by Y+3
      remaining   = carried in − restored + new deficit
      missed      = the deficits whose deadline is Y (or already past) with something left,
                    flagged in the first year that shows it

Earlier deficits are those typed from the annual reports (origin year before the horizon).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal(0)
YEARS_TO_RESTORE = 3


@dataclass
class Deficit:
    """A deficit to restore: from `origin` (a year), `amount` left, due by `deadline`."""

    origin: int
    amount: Decimal
    source: str = ""
    earlier: bool = False  # typed from an annual report, not computed from the version

    @property
    def deadline(self) -> int:
        return self.origin + YEARS_TO_RESTORE


@dataclass(frozen=True)
class Due:
    """An open deficit after a year: from `origin`, `left` to restore by `deadline`."""

    origin: int
    deadline: int
    left: Decimal


@dataclass
class RestorationYear:
    year: int
    result: Decimal
    carried_in: Decimal
    restored: Decimal
    new_deficit: Decimal
    remaining: Decimal
    open: list[Due] = field(default_factory=list)  # after the year, oldest first
    missed: list[Due] = field(default_factory=list)  # left at the deadline, flagged once


@dataclass
class Restoration:
    years: list[RestorationYear]
    open: list[Deficit]  # what is left after the horizon's last year, oldest first

    @property
    def missed(self) -> list[tuple[int, Due]]:
        return [(y.year, d) for y in self.years for d in y.missed]


def restoration(earlier: Iterable[Deficit], results: Sequence[tuple[int, Decimal]]) -> Restoration:
    """The restoration per year of `results` ((year, budgeted result) in year order), starting
    from the `earlier` deficits (those from before the first year; zero amounts are ignored)."""
    first = results[0][0] if results else None
    queue = sorted(
        (
            Deficit(d.origin, d.amount, d.source, earlier=True)
            for d in earlier
            if d.amount > 0 and (first is None or d.origin < first)
        ),
        key=lambda d: d.origin,
    )
    out = []
    reported: set[int] = set()
    for year, result in results:
        carried_in = sum((d.amount for d in queue), ZERO)
        restored = ZERO
        if result > 0:
            left = result
            for deficit in queue:
                part = min(left, deficit.amount)
                deficit.amount -= part
                restored += part
                left -= part
                if left == 0:
                    break
            queue = [d for d in queue if d.amount > 0]
        missed = []
        for deficit in queue:
            if deficit.deadline <= year and deficit.origin not in reported:
                missed.append(Due(deficit.origin, deficit.deadline, deficit.amount))
                reported.add(deficit.origin)
        new = -result if result < 0 else ZERO
        if new:
            queue.append(Deficit(year, new))
        out.append(
            RestorationYear(
                year=year,
                result=result,
                carried_in=carried_in,
                restored=restored,
                new_deficit=new,
                remaining=carried_in - restored + new,
                open=[Due(d.origin, d.deadline, d.amount) for d in queue],
                missed=missed,
            )
        )
    return Restoration(years=out, open=queue)
