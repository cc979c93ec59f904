"""Date rules: reading, writing, resolving, elections, days off and dependency order.

Pure logic, no database: every test here runs without the `db` fixture.
"""

from __future__ import annotations

import datetime as dt
import re

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from arshjul.process.daterules import (
    DateSpan,
    FixedDay,
    Month,
    NthWeekday,
    Offset,
    Resolved,
    RuleError,
    Span,
    StepRule,
    dependency_order,
    election_day,
    fill_years,
    is_election_year,
    is_working_day,
    parse,
    resolve_all,
    resolve_step,
    to_working_day,
)

D = dt.date


def day(d: dt.date) -> DateSpan:
    return DateSpan(d, d)


# --- reading and writing ------------------------------------------------------------------

CANONICAL = [
    ("date Y-1 04-16", FixedDay(-1, 4, 16)),
    ("date Y 12-31", FixedDay(0, 12, 31)),
    ("date Y+1 01-01", FixedDay(1, 1, 1)),
    ("date Y-2 02-29", FixedDay(-2, 2, 29)),
    ("nth Y-1 02 2 wed", NthWeekday(-1, 2, 2, 2)),
    ("nth Y-2 12 -1 fri", NthWeekday(-2, 12, -1, 4)),
    ("nth Y 05 5 sun", NthWeekday(0, 5, 5, 6)),
    ("nth Y 01 1 mon", NthWeekday(0, 1, 1, 0)),
    ("month Y-1 10", Month(-1, 10)),
    ("month Y 02", Month(0, 2)),
    ("offset kickoff -4w", Offset("kickoff", -28)),
    ("offset kickoff +2d", Offset("kickoff", 2)),
    ("offset kickoff +0d", Offset("kickoff", 0)),
    ("offset kickoff.end +1d", Offset("kickoff", 1, from_end=True)),
    ("offset kickoff.end -3w", Offset("kickoff", -21, from_end=True)),
    ("offset budget_2-a +10d", Offset("budget_2-a", 10)),
    ("span month Y-1 10 .. month Y-1 12", Span(Month(-1, 10), Month(-1, 12))),
    (
        "span month Y-2 08 .. offset kickoff -1d",
        Span(Month(-2, 8), Offset("kickoff", -1)),
    ),
    (
        "span offset kickoff +1d .. nth Y-1 06 -1 thu",
        Span(Offset("kickoff", 1), NthWeekday(-1, 6, -1, 3)),
    ),
]


@pytest.mark.parametrize(("text", "rule"), CANONICAL, ids=[t for t, _ in CANONICAL])
def test_parse_reads_every_rule_kind(text, rule):
    assert parse(text) == rule


@pytest.mark.parametrize(("text", "rule"), CANONICAL, ids=[t for t, _ in CANONICAL])
def test_text_form_round_trips_and_is_stable(text, rule):
    assert str(rule) == text
    assert parse(str(rule)) == rule
    assert str(parse(str(rule))) == str(rule)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("  date   Y-1   04-16  ", "date Y-1 04-16"),
        ("date Y+0 04-16", "date Y 04-16"),
        ("offset kickoff -14d", "offset kickoff -2w"),
        ("offset kickoff +7d", "offset kickoff +1w"),
        ("offset kickoff -0d", "offset kickoff +0d"),
        ("span  month Y-1 10   ..   month Y-1 12", "span month Y-1 10 .. month Y-1 12"),
    ],
)
def test_loose_text_is_read_and_written_back_in_canonical_form(text, canonical):
    assert str(parse(text)) == canonical
    assert parse(canonical) == parse(text)


def test_weeks_and_days_give_the_same_rule():
    assert parse("offset kickoff -2w") == parse("offset kickoff -14d")


# --- resolving ----------------------------------------------------------------------------


def test_fixed_day_resolves_in_the_year_relative_to_the_budget_year():
    assert parse("date Y-1 04-16").resolve(2022) == day(D(2021, 4, 16))
    assert parse("date Y 01-01").resolve(2022) == day(D(2022, 1, 1))
    assert parse("date Y+1 12-31").resolve(2022) == day(D(2023, 12, 31))


def test_a_fixed_day_is_a_single_day():
    span = parse("date Y-1 04-16").resolve(2022)
    assert span.single_day
    assert not parse("month Y 04").resolve(2022).single_day


def test_february_29th_resolves_in_a_leap_year():
    assert parse("date Y 02-29").resolve(2024) == day(D(2024, 2, 29))


def test_february_29th_in_an_ordinary_year_is_a_rule_error_not_a_crash():
    with pytest.raises(RuleError) as exc:
        parse("date Y 02-29").resolve(2023)
    assert exc.value.code == "bad_date"


@pytest.mark.parametrize(
    ("text", "budget_year", "expected"),
    [
        ("nth Y-1 02 2 wed", 2022, D(2021, 2, 10)),  # the world's kickoff
        ("nth Y-2 12 2 fri", 2022, D(2020, 12, 11)),
        ("nth Y 09 1 sun", 2030, D(2030, 9, 1)),  # the month starts on that weekday
        ("nth Y 03 1 mon", 2021, D(2021, 3, 1)),
        ("nth Y 05 -1 mon", 2021, D(2021, 5, 31)),  # last Monday in May
        ("nth Y 02 -1 sun", 2021, D(2021, 2, 28)),
        ("nth Y 02 -1 mon", 2021, D(2021, 2, 22)),
        ("nth Y 12 -2 fri", 2021, D(2021, 12, 24)),
        ("nth Y 03 5 wed", 2021, D(2021, 3, 31)),  # a fifth Wednesday exists
        ("nth Y 02 5 thu", 2024, D(2024, 2, 29)),  # leap February with five Thursdays
        ("nth Y 03 -5 mon", 2021, D(2021, 3, 1)),
    ],
)
def test_nth_weekday_resolves(text, budget_year, expected):
    assert parse(text).resolve(budget_year) == day(expected)


@pytest.mark.parametrize(
    ("text", "budget_year"),
    [
        ("nth Y 02 5 mon", 2021),
        ("nth Y 02 5 thu", 2023),
        ("nth Y 04 5 mon", 2021),
        ("nth Y 02 -5 sun", 2021),
    ],
)
def test_a_fifth_weekday_that_does_not_exist_is_refused(text, budget_year):
    with pytest.raises(RuleError) as exc:
        parse(text).resolve(budget_year)
    assert exc.value.code == "no_such_weekday"


@pytest.mark.parametrize(
    ("text", "budget_year", "expected"),
    [
        ("month Y-1 10", 2022, DateSpan(D(2021, 10, 1), D(2021, 10, 31))),
        ("month Y 04", 2022, DateSpan(D(2022, 4, 1), D(2022, 4, 30))),
        ("month Y 02", 2023, DateSpan(D(2023, 2, 1), D(2023, 2, 28))),
        ("month Y 02", 2024, DateSpan(D(2024, 2, 1), D(2024, 2, 29))),
        ("month Y 02", 2000, DateSpan(D(2000, 2, 1), D(2000, 2, 29))),  # divisible by 400
        ("month Y 02", 2100, DateSpan(D(2100, 2, 1), D(2100, 2, 28))),  # a century, not leap
        ("month Y+1 12", 2022, DateSpan(D(2023, 12, 1), D(2023, 12, 31))),
    ],
)
def test_month_resolves_to_the_whole_month(text, budget_year, expected):
    assert parse(text).resolve(budget_year) == expected


KICKOFF = {"kickoff": day(D(2021, 2, 10))}
REGIONPLAN = {"regionplan": DateSpan(D(2021, 2, 11), D(2021, 6, 30))}


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("offset kickoff -4w", KICKOFF, D(2021, 1, 13)),
        ("offset kickoff +1w", KICKOFF, D(2021, 2, 17)),
        ("offset kickoff -1d", KICKOFF, D(2021, 2, 9)),
        ("offset kickoff +4d", KICKOFF, D(2021, 2, 14)),
        ("offset kickoff +0d", KICKOFF, D(2021, 2, 10)),
        ("offset kickoff.end +1d", KICKOFF, D(2021, 2, 11)),
        ("offset regionplan +1d", REGIONPLAN, D(2021, 2, 12)),  # from the start
        ("offset regionplan.end +1d", REGIONPLAN, D(2021, 7, 1)),  # from the end
        ("offset regionplan.end -2w", REGIONPLAN, D(2021, 6, 16)),
    ],
)
def test_offset_counts_days_and_weeks_before_and_after_its_anchor(text, context, expected):
    assert parse(text).resolve(2022, context) == day(expected)


def test_offset_across_a_year_boundary():
    context = {"x": day(D(2021, 12, 30))}
    assert parse("offset x +3d").resolve(2022, context) == day(D(2022, 1, 2))


def test_offset_to_a_step_not_in_the_context_is_an_unknown_anchor():
    with pytest.raises(RuleError) as exc:
        parse("offset kickoff +1d").resolve(2022, {"other": day(D(2021, 1, 1))})
    assert exc.value.code == "unknown_anchor"
    assert "kickoff" in str(exc.value)


def test_offset_without_any_context_is_an_unknown_anchor():
    with pytest.raises(RuleError) as exc:
        parse("offset kickoff +1d").resolve(2022)
    assert exc.value.code == "unknown_anchor"


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("span month Y-1 10 .. month Y-1 12", {}, DateSpan(D(2021, 10, 1), D(2021, 12, 31))),
        ("span date Y-1 03-01 .. date Y-1 03-01", {}, day(D(2021, 3, 1))),
        (
            "span month Y-2 08 .. offset kickoff -1d",
            KICKOFF,
            DateSpan(D(2020, 8, 1), D(2021, 2, 9)),
        ),
        (
            "span offset kickoff +1d .. month Y-1 06",
            KICKOFF,
            DateSpan(D(2021, 2, 11), D(2021, 6, 30)),
        ),
        (
            "span offset regionplan.end +1d .. offset regionplan.end +2w",
            REGIONPLAN,
            DateSpan(D(2021, 7, 1), D(2021, 7, 14)),
        ),
        (
            "span nth Y-1 02 2 wed .. nth Y-1 02 -1 fri",
            {},
            DateSpan(D(2021, 2, 10), D(2021, 2, 26)),
        ),
    ],
)
def test_span_runs_from_the_start_of_the_first_to_the_end_of_the_last(text, context, expected):
    assert parse(text).resolve(2022, context) == expected


def test_span_that_ends_before_it_starts_is_refused():
    with pytest.raises(RuleError) as exc:
        parse("span month Y-1 10 .. month Y-1 01").resolve(2022)
    assert exc.value.code == "end_before_start"
    assert "2021-01-31" in str(exc.value)
    assert "2021-10-01" in str(exc.value)


def test_span_whose_offset_end_comes_before_its_start_is_refused():
    with pytest.raises(RuleError) as exc:
        parse("span month Y-1 03 .. offset kickoff -1d").resolve(2022, KICKOFF)
    assert exc.value.code == "end_before_start"


def test_date_span_itself_refuses_an_end_before_its_start():
    with pytest.raises(RuleError) as exc:
        DateSpan(D(2021, 5, 2), D(2021, 5, 1))
    assert exc.value.code == "end_before_start"


def test_references_name_the_steps_a_rule_depends_on():
    assert parse("date Y 01-01").references() == frozenset()
    assert parse("offset kickoff.end +1d").references() == {"kickoff"}
    assert parse("span offset a +1d .. offset b -1d").references() == {"a", "b"}


# --- bad input ----------------------------------------------------------------------------

BAD = [
    ("", "empty"),
    ("   ", "empty"),
    (None, "empty"),
    ("weekly Y 01", "unknown_kind"),
    ("Date Y 01-01", "unknown_kind"),
    ("2021-04-16", "unknown_kind"),
    ("date Y", "wrong_arity"),
    ("date Y 04 16", "wrong_arity"),
    ("nth Y 02 2", "wrong_arity"),
    ("month Y 01 02", "wrong_arity"),
    ("offset kickoff", "wrong_arity"),
    ("offset kickoff + 1d", "wrong_arity"),
    ("date X 01-01", "bad_year"),
    ("date 2021 01-01", "bad_year"),
    ("date Y-10 01-01", "bad_year"),
    ("date y-1 01-01", "bad_year"),
    ("nth Y*1 02 2 wed", "bad_year"),
    ("month Y1 02", "bad_year"),
    ("date Y 1-5", "bad_day"),
    ("date Y 0105", "bad_day"),
    ("date Y 01/05", "bad_day"),
    ("date Y 02-30", "bad_date"),
    ("date Y 04-31", "bad_date"),
    ("date Y 13-01", "bad_number"),
    ("date Y 00-10", "bad_number"),
    ("date Y 01-32", "bad_number"),
    ("month Y 13", "bad_number"),
    ("month Y jan", "bad_number"),
    ("nth Y 00 1 mon", "bad_number"),
    ("nth Y 02 6 mon", "bad_number"),
    ("nth Y 02 -6 mon", "bad_number"),
    ("nth Y 02 2 wednesday", "bad_weekday"),
    ("nth Y 02 2 Wed", "bad_weekday"),
    ("nth Y 02 2 3", "bad_weekday"),
    ("nth Y 02 0 wed", "zero_nth"),
    ("offset Kickoff +1d", "bad_key"),
    ("offset kick.off +1d", "bad_key"),
    ("offset -kickoff +1d", "bad_key"),
    ("offset .end +1d", "bad_key"),
    ("offset kickoff 4w", "bad_offset"),
    ("offset kickoff -4m", "bad_offset"),
    ("offset kickoff -1000d", "bad_offset"),
    ("offset kickoff +1.5w", "bad_offset"),
    ("span month Y 01", "bad_span"),
    ("span month Y 01 ..month Y 02", "bad_span"),
    ("span month Y 01 .. month Y 02 .. month Y 03", "bad_span"),
    ("span", "bad_span"),
    ("span  ", "bad_span"),
    ("span span month Y 01 .. month Y 02 .. month Y 03", "nested_span"),
    ("span month Y 01 .. span month Y 02 .. month Y 03", "nested_span"),
    ("span month Y 13 .. month Y 01", "bad_number"),
    ("span month Y 01 .. weekly Y 01", "unknown_kind"),
]


@pytest.mark.parametrize(("text", "code"), BAD, ids=[repr(t) for t, _ in BAD])
def test_bad_input_is_refused_with_a_code(text, code):
    with pytest.raises(RuleError) as exc:
        parse(text)
    assert exc.value.code == code
    assert str(exc.value).strip()


def test_a_nested_span_built_by_hand_cannot_be_read_back():
    nested = Span(Span(Month(0, 1), Month(0, 2)), Month(0, 3))
    with pytest.raises(RuleError) as exc:
        parse(str(nested))
    assert exc.value.code == "nested_span"


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("weekly Y 01", "weekly"),
        ("date X 01-01", "X"),
        ("date Y 1-5", "1-5"),
        ("nth Y 02 2 wednesday", "wednesday"),
        ("offset Kickoff +1d", "Kickoff"),
        ("offset kickoff -4m", "-4m"),
        ("date Y 13-01", "13"),
        ("date Y 02-30", "02-30"),  # as written, not as a date of some other year
    ],
)
def test_the_message_quotes_what_to_change(text, token):
    with pytest.raises(RuleError) as exc:
        parse(text)
    # English writes “…”, Swedish ”…”: either way the token stands quoted, as written
    assert re.search(f'[“”„"]{re.escape(token)}[”“"]', str(exc.value)), str(exc.value)


def test_rule_error_is_a_value_error_with_its_params_filled_in():
    with pytest.raises(ValueError) as exc:
        parse("date Y 02-30")
    assert "%(" not in str(exc.value)
    assert exc.value.params == {"token": "02-30"}


# --- elections ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1994, D(1994, 9, 18)),  # third Sunday before 2014
        (2006, D(2006, 9, 17)),
        (2010, D(2010, 9, 19)),
        (2014, D(2014, 9, 14)),  # second Sunday from 2014
        (2018, D(2018, 9, 9)),
        (2022, D(2022, 9, 11)),
        (2026, D(2026, 9, 13)),
        (2030, D(2030, 9, 8)),
    ],
)
def test_election_day(year, expected):
    assert election_day(year) == expected
    assert expected.weekday() == 6
    assert is_election_year(year)


@pytest.mark.parametrize("year", [1990, 2021, 2023, 2024, 2025, 2027, 2029])
def test_no_election_in_other_years(year):
    assert election_day(year) is None
    assert not is_election_year(year)


# --- holidays and working days ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("Good Friday 2021", D(2021, 4, 2)),
        ("Easter Monday 2021", D(2021, 4, 5)),
        ("Ascension Day 2021", D(2021, 5, 13)),
        ("Midsummer Eve 2021", D(2021, 6, 25)),
        ("Midsummer Eve 2022", D(2022, 6, 24)),
        ("National Day 2022 (a Monday)", D(2022, 6, 6)),
        ("Christmas Eve 2021", D(2021, 12, 24)),
        ("New Year's Eve 2021", D(2021, 12, 31)),
        ("New Year's Day 2021", D(2021, 1, 1)),
        ("Epiphany 2022", D(2022, 1, 6)),
        ("a Saturday", D(2021, 1, 9)),
        ("a Sunday", D(2021, 1, 10)),
    ],
)
def test_days_off(name, date):
    assert not is_working_day(date), name


@pytest.mark.parametrize(
    "date",
    [
        D(2021, 4, 1),  # Maundy Thursday
        D(2021, 4, 6),  # the Tuesday after Easter
        D(2021, 5, 14),  # the Friday after Ascension Day
        D(2021, 6, 24),  # the Thursday before Midsummer Eve
        D(2022, 6, 23),
        D(2021, 12, 23),
        D(2022, 1, 3),
        D(2021, 6, 7),  # the Monday after a National Day that fell on a Sunday
    ],
)
def test_working_days(date):
    assert is_working_day(date)


@pytest.mark.parametrize(
    ("date", "before", "after"),
    [
        (D(2021, 4, 2), D(2021, 4, 1), D(2021, 4, 6)),  # Good Friday → Easter
        (D(2021, 4, 3), D(2021, 4, 1), D(2021, 4, 6)),
        (D(2021, 4, 5), D(2021, 4, 1), D(2021, 4, 6)),  # Easter Monday
        (D(2021, 5, 13), D(2021, 5, 12), D(2021, 5, 14)),  # Ascension Day
        (D(2021, 6, 25), D(2021, 6, 24), D(2021, 6, 28)),  # Midsummer Eve 2021
        (D(2022, 6, 24), D(2022, 6, 23), D(2022, 6, 27)),  # Midsummer Eve 2022
        (D(2021, 6, 6), D(2021, 6, 4), D(2021, 6, 7)),  # National Day on a Sunday
        (D(2022, 6, 6), D(2022, 6, 3), D(2022, 6, 7)),  # National Day on a Monday
        (D(2021, 12, 24), D(2021, 12, 23), D(2021, 12, 27)),  # Christmas Eve
        (D(2021, 12, 31), D(2021, 12, 30), D(2022, 1, 3)),  # New Year's Eve, across the year
        (D(2022, 1, 1), D(2021, 12, 30), D(2022, 1, 3)),
        (D(2021, 1, 9), D(2021, 1, 8), D(2021, 1, 11)),  # a weekend
        (D(2021, 1, 10), D(2021, 1, 8), D(2021, 1, 11)),
    ],
)
def test_to_working_day_moves_a_day_off(date, before, after):
    assert to_working_day(date, "before") == before
    assert to_working_day(date, "after") == after
    assert to_working_day(date, "none") == date


def test_to_working_day_keeps_a_working_day():
    wednesday = D(2021, 4, 14)
    for direction in ("before", "after", "none"):
        assert to_working_day(wednesday, direction) == wednesday


# --- one step: election variant and days off ----------------------------------------------


def test_resolve_step_uses_the_ordinary_rule_outside_election_years():
    step = StepRule(parse("date Y-1 03-01"), parse("date Y-1 05-03"))
    assert resolve_step(step, 2022, {}) == Resolved(day(D(2021, 3, 1)), False)


def test_resolve_step_uses_the_election_rule_when_the_ordinary_date_is_in_an_election_year():
    step = StepRule(parse("date Y-1 03-01"), parse("date Y-1 05-03"))
    assert resolve_step(step, 2023, {}) == Resolved(day(D(2022, 5, 3)), True)


def test_the_election_year_is_that_of_the_ordinary_date_not_the_budget_year():
    step = StepRule(parse("date Y-1 03-01"), parse("date Y-1 05-03"))
    result = resolve_step(step, 2022, {})  # budget year 2022 is an election year, 2021 is not
    assert result.election_variant is False
    assert result.span == day(D(2021, 3, 1))


def test_without_an_election_rule_an_election_year_keeps_the_ordinary_rule():
    step = StepRule(parse("date Y-1 03-01"))
    assert resolve_step(step, 2023, {}) == Resolved(day(D(2022, 3, 1)), False)


def test_election_rule_may_be_relative_to_another_step():
    step = StepRule(
        parse("span offset kickoff +1d .. month Y-1 06"),
        parse("span offset kickoff +1d .. month Y-1 11"),
    )
    context = {"kickoff": day(D(2022, 2, 9))}
    result = resolve_step(step, 2023, context)
    assert result == Resolved(DateSpan(D(2022, 2, 10), D(2022, 11, 30)), True)


@pytest.mark.parametrize(
    ("adjust", "expected"),
    [("before", D(2021, 4, 1)), ("after", D(2021, 4, 6)), ("none", D(2021, 4, 2))],
)
def test_resolve_step_moves_a_day_off(adjust, expected):
    step = StepRule(parse("date Y-1 04-02"), adjust=adjust)  # Good Friday 2021
    assert resolve_step(step, 2022, {}).span == day(expected)


def test_resolve_step_moves_both_ends_of_a_span():
    # Saturday 2021-06-05 to Sunday 2021-06-06 (National Day): both ends to Monday the 7th.
    step = StepRule(parse("span date Y-1 06-05 .. date Y-1 06-06"), adjust="after")
    assert resolve_step(step, 2022, {}).span == day(D(2021, 6, 7))
    step = StepRule(parse("span date Y-1 06-05 .. date Y-1 06-10"), adjust="before")
    assert resolve_step(step, 2022, {}).span == DateSpan(D(2021, 6, 4), D(2021, 6, 10))


def test_the_election_date_is_moved_off_a_day_off_too():
    # 2022-06-06 is National Day (Monday); the variant applies and then moves.
    step = StepRule(parse("date Y-1 03-01"), parse("date Y-1 06-06"), adjust="after")
    assert resolve_step(step, 2023, {}) == Resolved(day(D(2022, 6, 7)), True)


# --- many steps: order, loops and overrides -----------------------------------------------


def rules(**texts: str) -> dict[str, StepRule]:
    return {key: StepRule(parse(text)) for key, text in texts.items()}


def test_dependency_order_puts_anchors_first():
    steps = rules(
        styrdialog="offset aterkoppling +4d",
        aterkoppling="offset kickoff +9w",
        pf="span month Y-2 08 .. offset kickoff -1d",
        kickoff="nth Y-1 02 2 wed",
    )
    order = dependency_order(steps)
    assert sorted(order) == sorted(steps)
    assert order.index("kickoff") < order.index("aterkoppling") < order.index("styrdialog")
    assert order.index("kickoff") < order.index("pf")


def test_dependency_order_follows_election_rules_too():
    steps = {
        "late": StepRule(parse("date Y 01-01"), parse("offset early +1d")),
        "early": StepRule(parse("date Y-1 01-01")),
    }
    assert dependency_order(steps) == ["early", "late"]


def test_dependency_order_keeps_independent_steps_in_their_given_order():
    steps = rules(c="date Y 03-01", a="date Y 01-01", b="date Y 02-01")
    assert dependency_order(steps) == ["c", "a", "b"]


def test_reference_to_an_unknown_step_is_refused_naming_both():
    steps = rules(styrdialog="offset nowhere +4d", kickoff="nth Y-1 02 2 wed")
    with pytest.raises(RuleError) as exc:
        dependency_order(steps)
    assert exc.value.code == "unknown_anchor"
    assert "styrdialog" in str(exc.value)
    assert "nowhere" in str(exc.value)


def test_unknown_step_in_an_election_rule_is_refused():
    steps = {"a": StepRule(parse("date Y 01-01"), parse("offset nowhere +1d"))}
    with pytest.raises(RuleError) as exc:
        dependency_order(steps)
    assert exc.value.code == "unknown_anchor"


def test_loop_of_two_steps_is_refused_naming_them():
    steps = rules(a="offset b +1d", b="offset a -1d")
    with pytest.raises(RuleError) as exc:
        dependency_order(steps)
    assert exc.value.code == "loop"
    assert "a → b → a" in str(exc.value)


def test_loop_of_three_steps_is_refused_naming_them():
    steps = rules(start="date Y 01-01", a="offset b +1d", b="offset c +1d", c="offset a.end +1w")
    with pytest.raises(RuleError) as exc:
        dependency_order(steps)
    assert exc.value.code == "loop"
    message = str(exc.value)
    assert "a → b → c → a" in message
    assert "start" not in message


def test_loop_through_a_span_is_refused():
    steps = rules(a="span date Y 01-01 .. offset b +1d", b="offset a.end +1d")
    with pytest.raises(RuleError) as exc:
        dependency_order(steps)
    assert exc.value.code == "loop"


def test_step_relative_to_itself_is_a_loop():
    steps = rules(a="offset a +1d")
    with pytest.raises(RuleError) as exc:
        dependency_order(steps)
    assert exc.value.code == "loop"
    assert "a → a" in str(exc.value)


def test_resolve_all_dates_every_step():
    steps = rules(
        styrdialog="offset aterkoppling +4d",
        aterkoppling="date Y-1 04-16",
        kickoff="nth Y-1 02 2 wed",
        pf="span month Y-2 08 .. offset kickoff -1d",
    )
    result = resolve_all(steps, 2022)
    assert {k: r.span for k, r in result.items()} == {
        "kickoff": day(D(2021, 2, 10)),
        "pf": DateSpan(D(2020, 8, 1), D(2021, 2, 9)),
        "aterkoppling": day(D(2021, 4, 16)),
        "styrdialog": day(D(2021, 4, 20)),
    }


def test_offsets_follow_the_adjusted_date_of_their_anchor():
    steps = {
        "deadline": StepRule(parse("date Y-1 04-02"), adjust="before"),  # Good Friday → Thu
        "dialog": StepRule(parse("offset deadline +1d")),
    }
    result = resolve_all(steps, 2022)
    assert result["dialog"].span == day(D(2021, 4, 2))


def test_a_moved_step_carries_its_date_into_steps_relative_to_it():
    steps = rules(
        kickoff="nth Y-1 02 2 wed",
        regionplan="span offset kickoff +1d .. month Y-1 06",
        pf="span month Y-2 08 .. offset kickoff -1d",
        after_end="offset regionplan.end +1w",
    )
    moved = {"kickoff": day(D(2021, 3, 3))}
    result = resolve_all(steps, 2022, moved)
    # the moved step's own result stays its rule's date; the override is its effective date
    assert result["kickoff"].span == day(D(2021, 2, 10))
    assert result["regionplan"].span == DateSpan(D(2021, 3, 4), D(2021, 6, 30))
    assert result["pf"].span == DateSpan(D(2020, 8, 1), D(2021, 3, 2))
    assert result["after_end"].span == day(D(2021, 7, 7))


def test_a_moved_step_in_the_middle_of_a_chain_carries_on_down_the_chain():
    steps = rules(a="date Y-1 03-01", b="offset a +1w", c="offset b.end +1d")
    result = resolve_all(steps, 2022, {"b": DateSpan(D(2021, 5, 3), D(2021, 5, 7))})
    assert result["b"].span == day(D(2021, 3, 8))
    assert result["c"].span == day(D(2021, 5, 8))


def test_resolve_all_refuses_a_loop():
    with pytest.raises(RuleError) as exc:
        resolve_all(rules(a="offset b +1d", b="offset a +1d"), 2022)
    assert exc.value.code == "loop"


# --- template texts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Budget {Y}", "Budget 2022"),
        ("Regionplan {Y} med plan för {Y+1}–{Y+2}", "Regionplan 2022 med plan för 2023–2024"),
        ("Bokslut {Y-2}, prognos {Y-1}", "Bokslut 2020, prognos 2021"),
        ("no placeholder", "no placeholder"),
        ("{y} {Y-10} {X} {Y", "{y} {Y-10} {X} {Y"),
        ("", ""),
    ],
)
def test_fill_years(text, expected):
    assert fill_years(text, 2022) == expected


# --- properties ---------------------------------------------------------------------------

budget_years = st.integers(min_value=1995, max_value=2100)
months = st.integers(min_value=1, max_value=12)
weekdays = st.integers(min_value=0, max_value=6)


@given(budget_years, months, st.integers(min_value=1, max_value=4), weekdays)
def test_nth_weekday_is_that_weekday_in_that_month(budget_year, month, n, weekday):
    span = NthWeekday(0, month, n, weekday).resolve(budget_year)
    assert span.single_day
    assert (span.start.year, span.start.month) == (budget_year, month)
    assert span.start.weekday() == weekday
    assert (span.start.day - 1) // 7 + 1 == n


@given(budget_years, months, weekdays)
def test_last_weekday_is_the_last_of_its_kind_in_the_month(budget_year, month, weekday):
    d = NthWeekday(0, month, -1, weekday).resolve(budget_year).start
    assert d.month == month and d.weekday() == weekday
    assert (d + dt.timedelta(days=7)).month != month


@given(
    st.dates(min_value=D(1995, 1, 1), max_value=D(2100, 12, 31)),
    st.sampled_from(["before", "after"]),
)
def test_to_working_day_lands_on_a_working_day_nearby(date, direction):
    moved = to_working_day(date, direction)
    public_holidays = holidays.Sweden(years={moved.year}, include_sundays=False)
    assert moved.weekday() < 5
    assert moved not in public_holidays
    assert (moved.month, moved.day) not in {(12, 24), (12, 31)}
    assert is_working_day(moved)
    if direction == "before":
        assert date - dt.timedelta(days=10) <= moved <= date
    else:
        assert date <= moved <= date + dt.timedelta(days=10)
    # nearest: every day passed over is a day off
    step = dt.timedelta(days=-1 if direction == "before" else 1)
    d = date
    while d != moved:
        assert not is_working_day(d)
        d += step


keys = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True)
year_offsets = st.integers(min_value=-9, max_value=9)


@st.composite
def fixed_days(draw):
    month = draw(months)
    last = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return FixedDay(draw(year_offsets), month, draw(st.integers(1, last)))


offset_days = st.one_of(
    st.integers(min_value=-999, max_value=999),
    st.integers(min_value=-999, max_value=999).map(lambda w: w * 7),
)
simple_rules = st.one_of(
    fixed_days(),
    st.builds(
        NthWeekday,
        year_offsets,
        months,
        st.integers(-5, 5).filter(lambda n: n != 0),
        weekdays,
    ),
    st.builds(Month, year_offsets, months),
    st.builds(Offset, keys, offset_days, st.booleans()),
)
any_rules = st.one_of(simple_rules, st.builds(Span, simple_rules, simple_rules))


@given(any_rules)
def test_any_rule_round_trips_through_its_text(rule):
    text = str(rule)
    assert parse(text) == rule
    assert str(parse(text)) == text
    assert parse(text).references() == rule.references()
