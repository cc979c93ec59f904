"""Date rules relative to a budget year, as small frozen values with a one-line text form.

Pure logic, no database. A rule resolves to a DateSpan for a budget year Y; rules may refer
to other steps by key (offsets), resolved in dependency order by `resolve_all`.

Text form (one field, language-neutral), the year written as Y, Y-1, Y-2, Y+1:

    date Y-1 04-16                a fixed day
    nth Y-1 02 2 wed              the 2nd Wednesday of February (-1 = the last)
    month Y-1 10                  a whole month
    offset kickoff -4w            4 weeks before step "kickoff" (d = days, w = weeks)
    offset kickoff.end +1d        a day after the end of step "kickoff"
    span month Y-1 10 .. month Y-1 12   from the start of one rule to the end of another
"""

from .resolve import Resolved, StepRule, dependency_order, resolve_all, resolve_step
from .rules import (
    AMOUNT_RE,
    KEY_RE,
    WEEKDAYS,
    YEAR_RE,
    DateSpan,
    FixedDay,
    Month,
    NthWeekday,
    Offset,
    Rule,
    RuleError,
    Span,
    fill_years,
    parse,
)
from .words import describe
from .workdays import (
    election_day,
    is_election_year,
    is_working_day,
    non_working_days,
    to_working_day,
)

__all__ = [
    "AMOUNT_RE",
    "KEY_RE",
    "WEEKDAYS",
    "YEAR_RE",
    "DateSpan",
    "FixedDay",
    "Month",
    "NthWeekday",
    "Offset",
    "Resolved",
    "Rule",
    "RuleError",
    "Span",
    "StepRule",
    "dependency_order",
    "describe",
    "election_day",
    "fill_years",
    "is_election_year",
    "is_working_day",
    "non_working_days",
    "parse",
    "resolve_all",
    "resolve_step",
    "to_working_day",
]
