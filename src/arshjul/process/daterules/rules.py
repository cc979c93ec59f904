"""Date rules: the rule kinds, their one-line text form and its parser (pure logic)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
YEAR_RE = re.compile(r"^Y([+-][0-9])?$")
AMOUNT_RE = re.compile(r"^([+-])([0-9]{1,3})([dw])$")


class RuleError(ValueError):
    """A rule that cannot be read or resolved; `message` is translatable and says what to change."""

    def __init__(self, message, *, code: str, params: dict | None = None):
        self.message = message
        self.code = code
        self.params = params or {}
        super().__init__(str(message) % self.params if self.params else str(message))

    def __str__(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)


@dataclass(frozen=True, order=True)
class DateSpan:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise RuleError(
                _("The end (%(end)s) is before the start (%(start)s)."),
                code="end_before_start",
                params={"start": self.start.isoformat(), "end": self.end.isoformat()},
            )

    @property
    def single_day(self) -> bool:
        return self.start == self.end


def _month_name(month: int) -> str:
    from django.utils.dates import MONTHS

    return str(MONTHS[month])


def _year_text(offset: int) -> str:
    return "Y" if offset == 0 else f"Y{offset:+d}"


def _parse_year(token: str) -> int:
    m = YEAR_RE.match(token)
    if not m:
        raise RuleError(
            _("“%(token)s” is not a year: write Y, Y-1, Y-2 or Y+1."),
            code="bad_year",
            params={"token": token},
        )
    return int(m.group(1) or 0)


def _parse_int(token: str, low: int, high: int, what) -> int:
    try:
        value = int(token)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise RuleError(
            _("“%(token)s” is not a valid %(what)s (%(low)s to %(high)s)."),
            code="bad_number",
            params={"token": token, "what": what, "low": low, "high": high},
        )
    return value


def _make_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise RuleError(
            _("%(year)s-%(month)02d-%(day)02d is not a date in the calendar."),
            code="bad_date",
            params={"year": year, "month": month, "day": day},
        ) from exc


class Rule:
    """Base of every rule kind."""

    def references(self) -> frozenset[str]:
        return frozenset()

    def resolve(self, budget_year: int, context: Mapping[str, DateSpan] | None = None) -> DateSpan:
        raise NotImplementedError  # each subclass resolves itself


@dataclass(frozen=True)
class FixedDay(Rule):
    year_offset: int
    month: int
    day: int

    def __str__(self) -> str:
        return f"date {_year_text(self.year_offset)} {self.month:02d}-{self.day:02d}"

    def resolve(self, budget_year, context=None):
        d = _make_date(budget_year + self.year_offset, self.month, self.day)
        return DateSpan(d, d)


@dataclass(frozen=True)
class NthWeekday(Rule):
    year_offset: int
    month: int
    n: int
    weekday: int  # 0 = Monday

    def __str__(self) -> str:
        return (
            f"nth {_year_text(self.year_offset)} {self.month:02d} {self.n} {WEEKDAYS[self.weekday]}"
        )

    def resolve(self, budget_year, context=None):
        year = budget_year + self.year_offset
        days = [
            d
            for d in calendar.Calendar().itermonthdates(year, self.month)
            if d.month == self.month and d.weekday() == self.weekday
        ]
        index = self.n - 1 if self.n > 0 else self.n
        if not -len(days) <= index < len(days):
            raise RuleError(
                _("%(month)s %(year)s has no weekday number %(n)s of that kind."),
                code="no_such_weekday",
                params={"month": _month_name(self.month), "year": year, "n": self.n},
            )
        d = days[index]
        return DateSpan(d, d)


@dataclass(frozen=True)
class Month(Rule):
    year_offset: int
    month: int

    def __str__(self) -> str:
        return f"month {_year_text(self.year_offset)} {self.month:02d}"

    def resolve(self, budget_year, context=None):
        year = budget_year + self.year_offset
        last = calendar.monthrange(year, self.month)[1]
        return DateSpan(dt.date(year, self.month, 1), dt.date(year, self.month, last))


@dataclass(frozen=True)
class Offset(Rule):
    anchor: str
    days: int
    from_end: bool = False

    def __str__(self) -> str:
        edge = ".end" if self.from_end else ""
        if self.days % 7 == 0 and self.days != 0:
            amount = f"{self.days // 7:+d}w"
        else:
            amount = f"{self.days:+d}d"
        return f"offset {self.anchor}{edge} {amount}"

    def references(self):
        return frozenset({self.anchor})

    def resolve(self, budget_year, context=None):
        context = context or {}
        if self.anchor not in context:
            raise RuleError(
                _("The step “%(key)s” that this date is relative to is not in this cycle."),
                code="unknown_anchor",
                params={"key": self.anchor},
            )
        base = context[self.anchor]
        d = (base.end if self.from_end else base.start) + dt.timedelta(days=self.days)
        return DateSpan(d, d)


@dataclass(frozen=True)
class Span(Rule):
    first: Rule
    last: Rule

    def __str__(self) -> str:
        return f"span {self.first} .. {self.last}"

    def references(self):
        return self.first.references() | self.last.references()

    def resolve(self, budget_year, context=None):
        return DateSpan(
            self.first.resolve(budget_year, context).start,
            self.last.resolve(budget_year, context).end,
        )


def parse(text: str) -> Rule:
    """Read a rule from its text form; raises RuleError with a message that says what to change."""
    text = " ".join((text or "").split())
    if not text:
        raise RuleError(_("The date rule is empty."), code="empty")
    if text == "span" or text.startswith("span "):
        parts = text[5:].split(" .. ")
        # Only the start of a part marks a nested span: a step's key may itself be "span".
        if any(p == "span" or p.startswith("span ") for p in parts):
            raise RuleError(_("A span cannot contain another span."), code="nested_span")
        if len(parts) != 2 or not all(parts):
            raise RuleError(
                _(
                    "A span needs two rules joined by “ .. ”, e.g. “span month Y-1 10 .. month Y-1 12”."
                ),
                code="bad_span",
            )
        return Span(parse(parts[0]), parse(parts[1]))
    tokens = text.split(" ")
    kind, args = tokens[0], tokens[1:]
    arity = {"date": 2, "nth": 4, "month": 2, "offset": 2}
    if kind not in arity:
        raise RuleError(
            _("Unknown rule “%(kind)s”: use date, nth, month, offset or span."),
            code="unknown_kind",
            params={"kind": kind},
        )
    if len(args) != arity[kind]:
        raise RuleError(
            _("The rule “%(text)s” has the wrong number of parts."),
            code="wrong_arity",
            params={"text": text},
        )
    if kind == "date":
        year = _parse_year(args[0])
        m = re.match(r"^([0-9]{2})-([0-9]{2})$", args[1])
        if not m:
            raise RuleError(
                _("“%(token)s” is not a day: write MM-DD, e.g. 04-16."),
                code="bad_day",
                params={"token": args[1]},
            )
        month = _parse_int(m.group(1), 1, 12, _("month"))
        day = _parse_int(m.group(2), 1, 31, _("day"))
        try:
            dt.date(2024, month, day)  # a leap year admits 02-29
        except ValueError as exc:
            raise RuleError(
                _("“%(token)s” is not a day in the calendar."),
                code="bad_date",
                params={"token": args[1]},
            ) from exc
        return FixedDay(year, month, day)
    if kind == "nth":
        year = _parse_year(args[0])
        month = _parse_int(args[1], 1, 12, _("month"))
        n = _parse_int(args[2], -5, 5, _("count of the weekday in the month"))
        if n == 0:
            raise RuleError(_("Count weekdays from 1 (or from -1 for the last)."), code="zero_nth")
        if args[3] not in WEEKDAYS:
            raise RuleError(
                _("“%(token)s” is not a weekday: write mon, tue, wed, thu, fri, sat or sun."),
                code="bad_weekday",
                params={"token": args[3]},
            )
        return NthWeekday(year, month, n, WEEKDAYS.index(args[3]))
    if kind == "month":
        return Month(_parse_year(args[0]), _parse_int(args[1], 1, 12, _("month")))
    anchor, from_end = args[0], False
    if anchor.endswith(".end"):
        anchor, from_end = anchor[:-4], True
    if not KEY_RE.match(anchor):
        raise RuleError(
            _(
                "“%(token)s” is not a step key (lower-case letters, digits, dashes and underscores)."
            ),
            code="bad_key",
            params={"token": anchor},
        )
    m = AMOUNT_RE.match(args[1])
    if not m:
        raise RuleError(
            _("“%(token)s” is not an offset: write e.g. -4w, +2d or +0d."),
            code="bad_offset",
            params={"token": args[1]},
        )
    days = int(m.group(2)) * (7 if m.group(3) == "w" else 1)
    return Offset(anchor, -days if m.group(1) == "-" else days, from_end)


YEAR_PLACEHOLDER_RE = re.compile(r"\{Y([+-][0-9])?\}")


def fill_years(text: str, budget_year: int) -> str:
    """Replace {Y}, {Y-1}, {Y-2}, {Y+1} in a template's text with the cycle's years."""
    return YEAR_PLACEHOLDER_RE.sub(lambda m: str(budget_year + int(m.group(1) or 0)), text)
