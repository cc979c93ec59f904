"""General elections, Swedish public holidays and working days (pure logic)."""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

import holidays


def election_day(year: int) -> dt.date | None:
    """Sweden's general election day in `year`, or None when there is none.

    Every fourth year: the second Sunday of September from 2014 on (2014, 2018, 2022, 2026,
    2030 …), the third Sunday before that (1994–2010). Extra elections are not foreseen.
    """
    if year < 1994 or (year - 2022) % 4 != 0:
        return None
    sundays = [
        d for d in calendar.Calendar().itermonthdates(year, 9) if d.month == 9 and d.weekday() == 6
    ]
    return sundays[1] if year >= 2014 else sundays[2]


def is_election_year(year: int) -> bool:
    return election_day(year) is not None


@lru_cache(maxsize=64)
def non_working_days(year: int) -> frozenset[dt.date]:
    """Swedish public holidays plus the eves that are de facto days off.

    Midsummer Eve, Christmas Eve and New Year's Eve are not public holidays by law but
    nobody holds a meeting then.
    """
    days = set(holidays.Sweden(years=year, include_sundays=False).keys())
    midsummer_eve = next(
        dt.date(year, 6, d) for d in range(19, 26) if dt.date(year, 6, d).weekday() == 4
    )
    days |= {midsummer_eve, dt.date(year, 12, 24), dt.date(year, 12, 31)}
    return frozenset(days)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in non_working_days(day.year)


def to_working_day(day: dt.date, direction: str) -> dt.date:
    """Move a day off to the working day before ("before") or after ("after"); "none" keeps it."""
    if direction == "none":
        return day
    step = dt.timedelta(days=-1 if direction == "before" else 1)
    while not is_working_day(day):
        day += step
    return day
