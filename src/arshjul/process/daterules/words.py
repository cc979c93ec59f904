"""Date rules said in words, in the active language."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .rules import FixedDay, Month, NthWeekday, Offset, Rule, Span


def _year_words(offset: int) -> str:
    words = {
        0: _("the budget year"),
        -1: _("the year before the budget year"),
        -2: _("two years before the budget year"),
        1: _("the year after the budget year"),
    }
    if offset in words:
        return str(words[offset])
    return str(_("the budget year %(offset)+d") % {"offset": offset})


def _ordinal(n: int) -> str:
    words = {
        1: _("first"),
        2: _("second"),
        3: _("third"),
        4: _("fourth"),
        5: _("fifth"),
        -1: _("last"),
        -2: _("second to last"),
        -3: _("third to last"),
        -4: _("fourth to last"),
        -5: _("fifth to last"),
    }
    return str(words[n])


def describe(rule: Rule, titles: Mapping[str, str] | None = None, *, edge: str = "") -> str:
    """The rule in words, in the active language, naming other steps by their titles.

    `edge` is "start" or "end" inside a span, where a month reads as its first or last day.
    """
    from django.utils.dates import MONTHS, WEEKDAYS

    titles = titles or {}
    if isinstance(rule, Month) and edge:
        text = (
            _("the start of %(month)s, %(year)s")
            if edge == "start"
            else _("the end of %(month)s, %(year)s")
        )
        return str(text % {"month": MONTHS[rule.month], "year": _year_words(rule.year_offset)})
    if isinstance(rule, FixedDay):
        return str(
            _("%(day)s %(month)s, %(year)s")
            % {
                "day": rule.day,
                "month": MONTHS[rule.month],
                "year": _year_words(rule.year_offset),
            }
        )
    if isinstance(rule, NthWeekday):
        return str(
            _("the %(nth)s %(weekday)s of %(month)s, %(year)s")
            % {
                "nth": _ordinal(rule.n),
                "weekday": WEEKDAYS[rule.weekday],
                "month": MONTHS[rule.month],
                "year": _year_words(rule.year_offset),
            }
        )
    if isinstance(rule, Month):
        return str(
            _("all of %(month)s, %(year)s")
            % {"month": MONTHS[rule.month], "year": _year_words(rule.year_offset)}
        )
    if isinstance(rule, Offset):
        step = _("“%(title)s”") % {"title": titles.get(rule.anchor, rule.anchor)}
        if rule.days == 0:
            text = (
                _("the same day as the end of %(step)s")
                if rule.from_end
                else _("the same day as %(step)s")
            )
            return str(text % {"step": step})
        weeks = rule.days % 7 == 0
        amount = abs(rule.days) // 7 if weeks else abs(rule.days)
        if weeks:
            unit = ngettext("%(n)s week", "%(n)s weeks", amount) % {"n": amount}
        else:
            unit = ngettext("%(n)s day", "%(n)s days", amount) % {"n": amount}
        if rule.days < 0:
            text = (
                _("%(amount)s before the end of %(step)s")
                if rule.from_end
                else _("%(amount)s before %(step)s")
            )
        else:
            text = (
                _("%(amount)s after the end of %(step)s")
                if rule.from_end
                else _("%(amount)s after %(step)s")
            )
        return str(text % {"amount": unit, "step": step})
    if isinstance(rule, Span):
        return str(
            _("from %(first)s until %(last)s")
            % {
                "first": describe(rule.first, titles, edge="start"),
                "last": describe(rule.last, titles, edge="end"),
            }
        )
    return str(rule)
