"""The fee arithmetic without a database: minutes attended, half or full day by duration, by the
hour to the öre, the rate in force on the day, and Swedish number format. Decimal throughout."""

import datetime as dt
from decimal import Decimal

import pytest

from arshjul.meetings import fees

START = dt.datetime(2021, 2, 22, 9, 0)
END = dt.datetime(2021, 2, 22, 15, 0)


def minutes(attendance, arrived=None, left=None):
    return fees.minutes_attended(
        start=START, end=END, attendance=attendance, arrived=arrived, left=left
    )


def test_minutes_attended():
    assert minutes("present") == 360
    assert minutes("part", arrived=dt.time(10, 15)) == 285
    assert minutes("part", left=dt.time(11, 0)) == 120
    assert minutes("part", dt.time(9, 30), dt.time(12, 50)) == 200
    assert minutes("absent") == 0
    assert minutes("unknown") == 0
    assert minutes("part", dt.time(16, 0), None) == 0  # never negative
    # Arriving before the start or leaving after the end adds nothing.
    assert minutes("part", dt.time(7, 0), dt.time(12, 0)) == 180
    assert minutes("part", dt.time(14, 0), dt.time(18, 0)) == 60


@pytest.mark.parametrize(
    ("attended", "limit", "kind"),
    [
        (60, "4", "half_day"),
        (240, "4", "half_day"),  # exactly four hours is still a half day
        (241, "4", "full_day"),
        (270, "4.5", "half_day"),
        (271, "4.5", "full_day"),
        (0, "4", None),
    ],
)
def test_by_duration_half_or_full_day(attended, limit, kind):
    assert (
        fees.fee_kind(rule="by_duration", minutes=attended, half_day_hours=Decimal(limit)) == kind
    )


def test_fixed_rules_and_no_fees():
    four = Decimal(4)
    assert fees.fee_kind(rule="full_day", minutes=30, half_day_hours=four) == "full_day"
    assert fees.fee_kind(rule="half_day", minutes=400, half_day_hours=four) == "half_day"
    assert fees.fee_kind(rule="hourly", minutes=400, half_day_hours=four) == "hourly"
    assert fees.fee_kind(rule="none", minutes=400, half_day_hours=four) is None


def test_hourly_amount_is_exact_to_the_ore():
    assert fees.fee_amount(kind="hourly", rate=Decimal("300"), minutes=150) == Decimal("750.00")
    assert fees.fee_amount(kind="hourly", rate=Decimal("300"), minutes=20) == Decimal("100.00")
    # 333.33 × 7 / 60 = 38.8885: half up to 38.89, with no float on the way.
    amount = fees.fee_amount(kind="hourly", rate=Decimal("333.33"), minutes=7)
    assert amount == Decimal("38.89") and isinstance(amount, Decimal)
    assert fees.fee_amount(kind="full_day", rate=Decimal("1900.00"), minutes=1) == Decimal("1900")


def test_the_rate_in_force_on_the_day():
    rates = [
        ("full_day", dt.date(2019, 1, 1), Decimal("1800")),
        ("full_day", dt.date(2021, 1, 1), Decimal("1900")),
        ("full_day", dt.date(2021, 3, 1), Decimal("2000")),
        ("half_day", dt.date(2019, 1, 1), Decimal("1100")),
    ]
    day = dt.date(2021, 2, 22)
    assert fees.rate_on(rates, kind="full_day", day=day) == Decimal("1900")
    assert fees.rate_on(rates, kind="full_day", day=dt.date(2021, 3, 1)) == Decimal("2000")
    assert fees.rate_on(rates, kind="half_day", day=day) == Decimal("1100")
    assert fees.rate_on(rates, kind="hourly", day=day) is None
    assert fees.rate_on(rates, kind="full_day", day=dt.date(2018, 12, 31)) is None


def test_hours_shown_with_two_decimals():
    assert fees.hours(200) == Decimal("3.33")
    assert fees.hours(360) == Decimal("6.00")


def test_swedish_number_format():
    nb = "\u202f"
    assert fees.swedish(Decimal("1900")) == f"1{nb}900,00"
    assert fees.swedish(Decimal("1234567.005")) == f"1{nb}234{nb}567,01"
    assert fees.swedish(Decimal("-7.5")) == "\u22127,50"
    assert fees.swedish(Decimal("300"), 0) == "300"
