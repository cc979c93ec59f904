"""Demo money for the 2022 cycle (FINANCE.md section 7): the base and low scenarios of section
7.1, which reproduce the financial space of section 3.5. Idempotent: a scenario that exists is
left as it is."""

from __future__ import annotations

from decimal import Decimal

from arshjul.finance.models import Scenario, ScenarioYear
from arshjul.organisation.models import Organisation
from arshjul.process.models import Cycle

MILLION = Decimal(1_000_000)
YEARS = (2022, 2023, 2024, 2025)
BASE_FRAMES = Decimal("4735.0")  # adopted frames 4 900,0 − capital costs 165,0 (mnkr)


def _m(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text) * MILLION


def _p(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text) / 100


COMMON = {
    "population": (131_400, 131_800, 132_200, 132_500),
    "tax_rate": ("11.70",) * 4,
    "grants": ("1820.0", "1835.0", "1845.0", "1860.0"),
    "financial_net": ("10.0", "5.0", "0.0", "-5.0"),
    "internal_rate": ("1.0", "1.25", "2.5", "2.5"),
    "po_surcharge": ("46.27", "52.28", "52.28", "52.28"),
    "goal": ("1.0", "1.0", "1.5", "2.0"),
    "central_items": ("102.0", "120.0", "135.0", "140.0"),
    "capital_costs": ("165.0", "168.0", "172.0", "183.0"),
}
SCENARIOS = (
    ("Bas", "SKR forecast 2021-12-16", (None, "4.0", "3.4", "3.5"), (None, "3.0", "3.3", "2.9")),
    (
        "Låg",
        "low: −1 pp tax base, +0.5 pp index",
        (None, "3.0", "2.4", "2.5"),
        (None, "3.5", "3.8", "3.4"),
    ),
)


def load_space(org: Organisation) -> int:
    """Create the 2022 cycle's scenarios that are missing; returns how many were created."""
    cycle = Cycle.objects.filter(organisation=org, budget_year=2022).first()
    if cycle is None:
        return 0
    made = 0
    for order, (name, source, growth, index) in enumerate(SCENARIOS):
        if Scenario.objects.filter(cycle=cycle, name=name).exists():
            continue
        scenario = Scenario.objects.create(
            cycle=cycle, name=name, plan_years=3, base_frames=_m(str(BASE_FRAMES)), order=order
        )
        ScenarioYear.objects.bulk_create(
            ScenarioYear(
                scenario=scenario,
                year=year,
                source=source if n == 0 else "",
                population=COMMON["population"][n],
                tax_rate=Decimal(COMMON["tax_rate"][n]),
                tax_base_growth=_p(growth[n]),
                tax_revenue=_m("3240.0") if n == 0 else None,
                grants=_m(COMMON["grants"][n]),
                financial_net=_m(COMMON["financial_net"][n]),
                index=_p(index[n]),
                internal_rate=_p(COMMON["internal_rate"][n]),
                po_surcharge=_p(COMMON["po_surcharge"][n]),
                goal=_p(COMMON["goal"][n]),
                central_items=_m(COMMON["central_items"][n]),
                capital_costs=_m(COMMON["capital_costs"][n]),
            )
            for n, year in enumerate(YEARS)
        )
        made += 1
    return made
