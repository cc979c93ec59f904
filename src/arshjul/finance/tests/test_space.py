"""The financial space reproduces FINANCE.md section 3.5 exactly (base and low scenario)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from arshjul.finance.money import format_money
from arshjul.finance.space import IncompleteAssumptions, YearInputs, compute_space, format_rate

M = Decimal(1_000_000)


def mnkr(text: str) -> Decimal:
    return Decimal(text) * M


def pct(text: str) -> Decimal:
    return Decimal(text) / 100


def section_3_5(*, growth=("4.0", "3.4", "3.5"), index=("3.0", "3.3", "2.9")) -> list[YearInputs]:
    grants = ("1820.0", "1835.0", "1845.0", "1860.0")
    fn = ("10.0", "5.0", "0.0", "-5.0")
    goal = ("1.0", "1.0", "1.5", "2.0")
    cen = ("102.0", "120.0", "135.0", "140.0")
    kk = ("165.0", "168.0", "172.0", "183.0")
    rows = []
    for n, year in enumerate(range(2022, 2026)):
        rows.append(
            YearInputs(
                year=year,
                tax_revenue=mnkr("3240.0") if n == 0 else None,
                tax_base_growth=pct(growth[n - 1]) if n else None,
                tax_rate=Decimal("11.70"),
                grants=mnkr(grants[n]),
                financial_net=mnkr(fn[n]),
                index=pct(index[n - 1]) if n else None,
                goal=pct(goal[n]),
                central_items=mnkr(cen[n]),
                capital_costs=mnkr(kk[n]),
            )
        )
    return rows


def shown(space, key: str) -> list[str]:
    return [format_money(f.value, "mnkr", "en") for f in space.row(key)]


def test_base_scenario_reproduces_the_table_exactly():
    space = compute_space(section_3_5(), base_frames=mnkr("4735.0"))
    assert space.years == [2022, 2023, 2024, 2025]
    assert shown(space, "S") == ["3,240.0", "3,369.6", "3,484.2", "3,606.1"]
    assert [f.value for f in space.row("S")][2:] == [mnkr("3484.1664"), mnkr("3606.112224")]
    assert shown(space, "B") == ["1,820.0", "1,835.0", "1,845.0", "1,860.0"]
    assert shown(space, "SB") == ["5,060.0", "5,204.6", "5,329.2", "5,466.1"]
    assert shown(space, "FN") == ["10.0", "5.0", "0.0", "-5.0"]
    assert shown(space, "BASE") == ["4,735.0", "4,877.1", "5,038.0", "5,184.1"]
    assert space.figures[2023]["BASE"].value == mnkr("4877.05")
    assert space.figures[2024]["BASE"].value == mnkr("5037.99265")
    assert shown(space, "KK") == ["165.0", "168.0", "172.0", "183.0"]
    assert shown(space, "CEN") == ["102.0", "120.0", "135.0", "140.0"]
    assert shown(space, "K0") == ["5,002.0", "5,165.1", "5,345.0", "5,507.1"]
    assert space.figures[2023]["K0"].value == mnkr("5165.05")
    assert shown(space, "RES0") == ["68.0", "44.6", "-15.8", "-46.0"]
    assert space.figures[2023]["RES0"].value == mnkr("44.55")
    assert [f.shown("en") for f in space.row("SHARE")] == [
        "1.3\xa0%",
        "0.9\xa0%",
        "-0.3\xa0%",
        "-0.8\xa0%",
    ]
    assert shown(space, "R") == ["50.6", "52.0", "79.9", "109.3"]
    assert space.figures[2023]["R"].value == mnkr("52.046")
    assert shown(space, "U") == ["17.4", "-7.5", "-95.8", "-155.3"]
    assert space.figures[2023]["U"].value == mnkr("-7.496")


def test_low_scenario_reproduces_the_table_exactly():
    space = compute_space(
        section_3_5(growth=("3.0", "2.4", "2.5"), index=("3.5", "3.8", "3.4")),
        base_frames=mnkr("4735.0"),
    )
    assert shown(space, "S")[1:] == ["3,337.2", "3,417.3", "3,502.7"]
    assert shown(space, "RES0")[1:] == ["-11.5", "-131.7", "-225.2"]
    assert shown(space, "U")[1:] == ["-63.2", "-210.6", "-332.4"]


def test_the_rounding_trap_the_result_is_rounded_from_the_exact_value():
    """2023: the shown 5 209,6 − 5 165,1 would give 44,5; the exact result 44,55 shows 44,6."""
    f = compute_space(section_3_5(), base_frames=mnkr("4735.0")).figures[2023]
    revenue = f["S"].value + f["B"].value + f["FN"].value
    assert format_money(revenue, "mnkr", "sv") == "5\u202f209,6"
    assert format_money(f["K0"].value, "mnkr", "sv") == "5\u202f165,1"
    assert format_money(f["RES0"].value, "mnkr", "sv") == "44,6"


def test_every_figure_explains_itself_with_its_inputs():
    f = compute_space(section_3_5(), base_frames=mnkr("4735.0")).figures[2023]
    assert f["R"].explanation("sv") == "R(2023) = 1,0\xa0% × (3\u202f369,6 + 1\u202f835,0) = 52,0"
    assert f["U"].explanation("en") == "U(2023) = Res0 − R = 44.6 − 52.0 = -7.5"
    assert f["BASE"].explanation("en") == (
        "Σ Base(2023) = Σ Base(2022) × (1 + i) = 4,735.0 × (1 + 3.0\xa0%) = 4,877.1"
    )
    assert (
        f["S"].explanation("en")
        == "S(2023) = S(2022) × (1 + g) = 3,240.0 × (1 + 4.0\xa0%) = 3,369.6"
    )
    assert f["BASE"].exact_mnkr == Decimal("4877.05")
    assert f["B"].exact_mnkr is None


def test_a_tax_rate_change_scales_the_grown_revenue():
    rows = section_3_5()
    rows[1] = YearInputs(**{**rows[1].__dict__, "tax_rate": Decimal("11.95")})
    s = compute_space(rows, base_frames=mnkr("4735.0")).figures[2023]["S"]
    assert s.value == mnkr("3369.6") * Decimal("11.95") / Decimal("11.70")
    assert "11.95 / 11.70" in s.explanation("en")


def test_missing_inputs_are_named():
    rows = section_3_5()
    rows[2] = YearInputs(year=2024, grants=mnkr("1"))
    with pytest.raises(IncompleteAssumptions) as exc:
        compute_space(rows, base_frames=None)
    assert (2022, "base_frames") in exc.value.missing
    assert (2024, "tax_base_growth") in exc.value.missing
    assert (2024, "index") in exc.value.missing


def test_rates_show_as_many_decimals_as_they_have():
    assert format_rate(Decimal("0.0125"), "sv") == "1,25\xa0%"
    assert format_rate(Decimal("0.01"), "sv") == "1,0\xa0%"
    assert format_rate(Decimal("0.5228"), "en") == "52.28\xa0%"
