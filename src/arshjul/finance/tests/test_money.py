"""Exact money: Decimal only, half-up rounding to the unit, Swedish format, and parts that add
up to their shown total (FINANCE.md section 9, with its traps)."""

from decimal import Decimal

import pytest

from arshjul.finance import money


def test_no_floats():
    with pytest.raises(TypeError):
        money.to_decimal(3.5)
    assert money.to_decimal("4 063 030 500,50") == Decimal("4063030500.50")
    assert money.to_decimal("−7,5") == Decimal("-7.5")


def test_half_up_to_the_unit():
    # HSN's 2023 frame: 4 063 030 500 kr, exactly .5 in tkr.
    assert money.in_unit(Decimal("4063030500"), "tkr") == Decimal("4063031")
    assert money.in_unit(Decimal("4063030500"), "mnkr") == Decimal("4063.0")
    assert money.in_unit(Decimal("-7496000"), "mnkr") == Decimal("-7.5")


def test_swedish_and_english_format():
    assert money.format_money(Decimal("4063030500"), "mnkr", "sv") == "4\u202f063,0"
    assert money.format_money(Decimal("-7496000"), "mnkr", "sv") == "\u22127,5"
    assert money.format_money(Decimal("4063030500"), "tkr", "en") == "4,063,031"


def test_parts_add_up_to_the_shown_total():
    # Section 3.5, 2023: 5 209.6 − 5 165.05 = 44.55; shown naively 5 209.6 − 5 165.1 = 44.5.
    parts = [Decimal("5209600000"), Decimal("-5165050000")]
    shown, total = money.shown_parts(parts, "mnkr")
    assert total == Decimal("44.6")
    assert sum(shown) == total
    shown, total = money.shown_parts(
        [Decimal("333333"), Decimal("333333"), Decimal("333334")], "mnkr"
    )
    assert sum(shown) == total == Decimal("1.0")
