"""The pure frame arithmetic reproduces FINANCE.md 4.1's HSN 2022 → 2023 example exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest

from arshjul.finance.frames import Item, MissingIndex, balance_check, compute_frames
from arshjul.finance.money import format_money

M = Decimal(1_000_000)
HSN = 1


def hsn():
    return compute_frames(
        years=[2022, 2023, 2024],
        base={HSN: Decimal("3950.0") * M},
        index={2023: Decimal("0.03"), 2024: Decimal("0.033")},
        items=[
            Item(HSN, 2022, "priority", Decimal("5.6") * M, "80-90-100-modellen"),
            Item(HSN, 2023, "priority", Decimal("8.0") * M, "Nära vård – mobila team"),
            Item(HSN, 2023, "saving", Decimal("16.0") * M, "Minskad inhyrd personal"),
        ],
        kk={
            (HSN, 2022): Decimal("70.0") * M,
            (HSN, 2023): Decimal("68.8625") * M,
            (HSN, 2024): Decimal("68.8625") * M,
        },
    )


def test_hsn_2022_to_2023_exactly():
    frames = hsn()
    assert frames[HSN, 2022].value == Decimal("3955600000")
    f = frames[HSN, 2023]
    assert f.carried == Decimal("3885600000")
    assert f.index_amount == Decimal("116568000")
    assert f.kk_change == Decimal("-1137500")
    assert f.value == Decimal("4063030500")
    assert format_money(f.value, "mnkr", "sv") == "4\u202f063,0"
    assert format_money(f.value, "tkr", "sv") == "4\u202f063\u202f031"


def test_capital_costs_are_never_indexed_and_decisions_carry():
    f = hsn()[HSN, 2024]
    base_2023 = Decimal("4063030500") - Decimal("68862500")
    assert f.carried == base_2023
    assert f.value == base_2023 * Decimal("1.033") + Decimal("68862500")


def test_one_off_items_drop_out_the_year_after():
    frames = compute_frames(
        years=[2022, 2023],
        base={HSN: Decimal(100)},
        index={2023: Decimal(0)},
        items=[Item(HSN, 2022, "priority", Decimal(10), "once", one_off=True)],
        kk={},
    )
    assert frames[HSN, 2022].value == 110
    assert frames[HSN, 2023].value == 100


def test_missing_index_is_named():
    with pytest.raises(MissingIndex) as exc:
        compute_frames(years=[2022, 2023], base={HSN: Decimal(1)}, index={}, items=[], kk={})
    assert exc.value.year == 2023


def test_balance_check_warns_below_zero_and_below_goal():
    frames = compute_frames(years=[2022], base={HSN: Decimal(90)}, index={}, items=[], kk={})
    [b] = balance_check(
        frames,
        years=[2022],
        revenue={2022: Decimal(100)},
        central={2022: Decimal(5)},
        required={2022: Decimal(10)},
    )
    assert b.result == 5 and not b.below_zero and b.below_goal
    [b] = balance_check(
        frames,
        years=[2022],
        revenue={2022: Decimal(90)},
        central={2022: Decimal(5)},
        required={2022: Decimal(1)},
    )
    assert b.result == -5 and b.below_zero
