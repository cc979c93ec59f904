"""The financial space (FINANCE.md section 3.4), computed exactly from a scenario's assumptions.

Pure arithmetic: plain data in, plain data out, no database. Amounts are Decimal kronor,
rates are Decimal fractions (3.0 % is 0.03); nothing is rounded here. Every figure keeps the
formula and the inputs it was computed from, so a page can explain it:
`R(2023) = 1,0 % × (3 369,6 + 1 835,0) = 52,0`.

    S(Y)    = typed, or S(Y−1) × (1 + g(Y)) [× t(Y) / t(Y−1) when the tax rate changes]
    Base(Y) = Base(Y−1) × (1 + i(Y))            frames excluding capital costs, indexed
    CEN(Y)  = typed central items − internal interest on the plan's projects (5.5), where
              the capital costs are computed
    K0(Y)   = Σ Base(Y) + Σ KK(Y) + CEN(Y)      the status-quo cost
    Res0(Y) = S(Y) + B(Y) + FN(Y) − K0(Y)       the status-quo result
    R(Y)    = goal(Y) × (S(Y) + B(Y))           the required result
    U(Y)    = Res0(Y) − R(Y)                    the financial space
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .money import format_money, format_number

MONEY = "money"
RATE = "rate"

# The rows of the financial-space table, in order: (key, symbol, is a rate).
ROWS = (
    ("S", "S", MONEY),
    ("B", "B", MONEY),
    ("SB", "S + B", MONEY),
    ("FN", "FN", MONEY),
    ("BASE", "Σ Base", MONEY),
    ("KK", "Σ KK", MONEY),
    ("CEN", "CEN", MONEY),
    ("K0", "K0", MONEY),
    ("RES0", "Res0", MONEY),
    ("SHARE", "Res0 / (S + B)", RATE),
    ("R", "R", MONEY),
    ("U", "U", MONEY),
)


def format_rate(fraction: Decimal, language: str | None = None) -> str:
    """A fraction as a percentage with at least one decimal: 0.0125 → `1,25 %`, 0.01 → `1,0 %`."""
    percent = (fraction * 100).normalize()
    places = max(1, min(4, -percent.as_tuple().exponent))
    return f"{format_number(percent, places, language)}\u00a0%"


@dataclass(frozen=True)
class Figure:
    """One computed cell: its value (exact) and the formula with its inputs.

    `terms` are literal strings and (value, kind) pairs, joined when explained."""

    key: str
    year: int
    value: Decimal
    kind: str
    terms: tuple = ()

    def shown(self, language: str | None = None) -> str:
        if self.kind == RATE:
            return format_number(self.value * 100, 1, language) + "\u00a0%"
        return format_money(self.value, "mnkr", language)

    def explanation(self, language: str | None = None) -> str:
        out = []
        for term in self.terms:
            if isinstance(term, tuple):
                value, kind = term
                out.append(
                    format_rate(value, language)
                    if kind == RATE
                    else format_money(value, "mnkr", language)
                )
            else:
                out.append(str(term))
        return "".join(out)

    @property
    def exact_mnkr(self) -> Decimal | None:
        """The exact value in mnkr when rounding to one decimal hides something, else None."""
        if self.kind == RATE:
            return None
        exact = (self.value / Decimal(1_000_000)).normalize()
        return exact if exact != exact.quantize(Decimal("0.1")) else None


@dataclass(frozen=True)
class YearInputs:
    """One year's assumptions. Amounts in kronor, rates as fractions; None where not given."""

    year: int
    tax_revenue: Decimal | None = None
    tax_base_growth: Decimal | None = None
    tax_rate: Decimal | None = None
    grants: Decimal | None = None
    financial_net: Decimal | None = None
    index: Decimal | None = None
    goal: Decimal | None = None
    central_items: Decimal | None = None
    capital_costs: Decimal | None = None
    capital_cost_parts: tuple[Decimal, Decimal] | None = None  # existing assets, the plan's
    # The internal interest the treasury receives on the plan's projects (FINANCE.md 5.5), taken
    # off the typed central items; None when capital costs are typed.
    central_interest: Decimal | None = None
    source: str = ""


@dataclass
class Space:
    """The financial space of one scenario: per year, its figures by row key."""

    years: list[int]
    figures: dict[int, dict[str, Figure]] = field(default_factory=dict)

    def row(self, key: str) -> list[Figure]:
        return [self.figures[year][key] for year in self.years]


class IncompleteAssumptions(ValueError):
    """Inputs the space needs are missing: `missing` lists (year, field name) pairs."""

    def __init__(self, missing: list[tuple[int, str]]):
        self.missing = missing
        super().__init__(", ".join(f"{year}: {name}" for year, name in missing))


def _missing(rows: Sequence[YearInputs], base_frames: Decimal | None) -> list[tuple[int, str]]:
    missing = []
    first = rows[0].year
    if base_frames is None:
        missing.append((first, "base_frames"))
    for row in rows:
        needs = ["grants", "financial_net", "goal", "central_items", "capital_costs"]
        if row.year == first:
            needs.insert(0, "tax_revenue")
        else:
            needs.append("index")
            if row.tax_revenue is None:
                needs.insert(0, "tax_base_growth")
        missing += [(row.year, name) for name in needs if getattr(row, name) is None]
    return missing


def compute_space(rows: Sequence[YearInputs], *, base_frames: Decimal | None) -> Space:
    """The financial space for consecutive years; `base_frames` is Σ Base of the first year
    (the frames excluding capital costs). Raises IncompleteAssumptions if inputs are missing."""
    rows = sorted(rows, key=lambda r: r.year)
    if not rows:
        return Space(years=[])
    if [r.year for r in rows] != list(range(rows[0].year, rows[0].year + len(rows))):
        raise ValueError("the years must follow each other")
    missing = _missing(rows, base_frames)
    if missing:
        raise IncompleteAssumptions(missing)
    space = Space(years=[r.year for r in rows])
    previous: YearInputs | None = None
    prev_s = prev_base = None
    for row in rows:
        y = row.year
        f: dict[str, Figure] = {}

        def put(key: str, value: Decimal, *terms, kind: str = MONEY, _y=y, _f=f) -> Decimal:
            _f[key] = Figure(key=key, year=_y, value=value, kind=kind, terms=terms)
            return value

        typed = _("typed")
        source = f"; {row.source}" if row.source else ""
        if row.tax_revenue is not None:
            s = put(
                "S", row.tax_revenue, f"S({y}) = ", (row.tax_revenue, MONEY), f" ({typed}{source})"
            )
        else:
            g = row.tax_base_growth
            s = prev_s * (1 + g)
            terms = [
                f"S({y}) = S({y - 1}) × (1 + g) = ",
                (prev_s, MONEY),
                " × (1 + ",
                (g, RATE),
                ")",
            ]
            if row.tax_rate and previous.tax_rate and row.tax_rate != previous.tax_rate:
                s = s * row.tax_rate / previous.tax_rate
                terms += [f" × {row.tax_rate} / {previous.tax_rate}"]
            put("S", s, *terms, " = ", (s, MONEY))
        b = put("B", row.grants, f"B({y}) = ", (row.grants, MONEY), f" ({typed}{source})")
        sb = put(
            "SB", s + b, f"S + B({y}) = ", (s, MONEY), " + ", (b, MONEY), " = ", (s + b, MONEY)
        )
        fn = put("FN", row.financial_net, f"FN({y}) = ", (row.financial_net, MONEY), f" ({typed})")
        if previous is None:
            base = put("BASE", base_frames, f"Σ Base({y}) = ", (base_frames, MONEY), f" ({typed})")
        else:
            base = prev_base * (1 + row.index)
            put(
                "BASE",
                base,
                f"Σ Base({y}) = Σ Base({y - 1}) × (1 + i) = ",
                (prev_base, MONEY),
                " × (1 + ",
                (row.index, RATE),
                ") = ",
                (base, MONEY),
            )
        if row.capital_cost_parts is None:
            kk = put(
                "KK", row.capital_costs, f"Σ KK({y}) = ", (row.capital_costs, MONEY), f" ({typed})"
            )
        else:
            existing, planned = row.capital_cost_parts
            existing_label = _("existing assets")
            plan_label = _("investment plan")
            kk = put(
                "KK",
                row.capital_costs,
                f"Σ KK({y}) = ",
                (existing, MONEY),
                f" ({existing_label}) + ",
                (planned, MONEY),
                f" ({plan_label}) = ",
                (row.capital_costs, MONEY),
            )
        if row.central_interest is None:
            cen = put(
                "CEN", row.central_items, f"CEN({y}) = ", (row.central_items, MONEY), f" ({typed})"
            )
        else:
            interest_label = _("internal interest on the investment plan's projects")
            cen = put(
                "CEN",
                row.central_items - row.central_interest,
                f"CEN({y}) = ",
                (row.central_items, MONEY),
                f" ({typed}) − ",
                (row.central_interest, MONEY),
                f" ({interest_label}) = ",
                (row.central_items - row.central_interest, MONEY),
            )
        k0 = base + kk + cen
        put(
            "K0",
            k0,
            f"K0({y}) = Σ Base + Σ KK + CEN = ",
            (base, MONEY),
            " + ",
            (kk, MONEY),
            " + ",
            (cen, MONEY),
            " = ",
            (k0, MONEY),
        )
        res0 = s + b + fn - k0
        put(
            "RES0",
            res0,
            f"Res0({y}) = S + B + FN − K0 = ",
            (s, MONEY),
            " + ",
            (b, MONEY),
            " + ",
            (fn, MONEY),
            " − ",
            (k0, MONEY),
            " = ",
            (res0, MONEY),
        )
        share = res0 / sb if sb else Decimal(0)
        put(
            "SHARE",
            share,
            f"Res0 / (S + B)({y}) = ",
            (res0, MONEY),
            " / ",
            (sb, MONEY),
            " = ",
            (share, RATE),
            kind=RATE,
        )
        r = row.goal * sb
        put(
            "R",
            r,
            f"R({y}) = ",
            (row.goal, RATE),
            " × (",
            (s, MONEY),
            " + ",
            (b, MONEY),
            ") = ",
            (r, MONEY),
        )
        u = res0 - r
        put("U", u, f"U({y}) = Res0 − R = ", (res0, MONEY), " − ", (r, MONEY), " = ", (u, MONEY))
        space.figures[y] = f
        previous, prev_s, prev_base = row, s, base
    return space
