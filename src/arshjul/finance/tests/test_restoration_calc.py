"""Restoring deficits (FINANCE.md 4.2, KL 11:12), worked by hand in mnkr."""

from __future__ import annotations

from decimal import Decimal

from arshjul.finance.restoration import Deficit, Due, restoration


def m(text: str) -> Decimal:
    return Decimal(text) * 1_000_000


def row(r):
    return (r.year, r.carried_in, r.restored, r.new_deficit, r.remaining)


def test_an_earlier_deficit_restored_over_two_years_and_a_new_one_missing_its_deadline():
    # 100 from 2020 (due 2023). 2022: +60 restores 60 (40 left). 2023: +50 restores the last
    # 40 (10 is not banked). 2024: −30 is a new deficit due 2027. 2025: +12 restores 12.
    result = restoration(
        [Deficit(2020, m("100"), "Årsredovisning 2020")],
        [(2022, m("60")), (2023, m("50")), (2024, m("-30")), (2025, m("12"))],
    )
    assert [row(r) for r in result.years] == [
        (2022, m("100"), m("60"), 0, m("40")),
        (2023, m("40"), m("40"), 0, 0),
        (2024, 0, 0, m("30"), m("30")),
        (2025, m("30"), m("12"), 0, m("18")),
    ]
    assert result.years[0].open == [Due(2020, 2023, m("40"))]
    assert result.years[1].open == []
    assert result.years[3].open == [Due(2024, 2027, m("18"))]
    assert result.missed == []  # 2027 lies beyond the horizon
    assert [(d.origin, d.amount) for d in result.open] == [(2024, m("18"))]


def test_a_deficit_left_at_its_deadline_is_flagged_once():
    # Region JH: 118 from 2019, due 2022; a 2022 result of 68 leaves 50 at the deadline.
    # 2023: −20 (due 2026); 2024: +45 restores the oldest first: 2019's 45 (5 left, overdue).
    result = restoration(
        [Deficit(2019, m("118"))],
        [(2022, m("68")), (2023, m("-20")), (2024, m("45")), (2025, m("100"))],
    )
    assert [row(r) for r in result.years] == [
        (2022, m("118"), m("68"), 0, m("50")),
        (2023, m("50"), 0, m("20"), m("70")),
        (2024, m("70"), m("45"), 0, m("25")),
        (2025, m("25"), m("25"), 0, 0),
    ]
    assert result.years[0].missed == [Due(2019, 2022, m("50"))]
    assert result.years[1].missed == [] and result.years[2].missed == []
    assert result.years[2].open == [Due(2019, 2022, m("5")), Due(2023, 2026, m("20"))]
    assert result.missed == [(2022, Due(2019, 2022, m("50")))]


def test_oldest_first_across_several_deficits_and_an_overdue_one():
    # 10 from 2017 (due 2020, overdue before the horizon) and 30 from 2021 (due 2024).
    result = restoration(
        [Deficit(2021, m("30")), Deficit(2017, m("10")), Deficit(2022, m("99")), Deficit(2016, 0)],
        [(2022, m("15")), (2023, m("-5"))],
    )
    first, second = result.years
    assert row(first) == (2022, m("40"), m("15"), 0, m("25"))
    assert first.open == [Due(2021, 2024, m("25"))]
    assert first.missed == []  # the overdue 10 was restored first
    assert row(second) == (2023, m("25"), 0, m("5"), m("30"))
    assert second.open == [Due(2021, 2024, m("25")), Due(2023, 2026, m("5"))]


def test_nothing_to_restore():
    result = restoration([], [(2022, m("5")), (2023, m("0"))])
    assert [row(r) for r in result.years] == [(2022, 0, 0, 0, 0), (2023, 0, 0, 0, 0)]
    assert restoration([Deficit(2019, m("1"))], []).years == []
