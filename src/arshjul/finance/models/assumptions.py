"""Scenarios and their assumptions per year: the inputs of the financial space (FINANCE.md 3).

Amounts are exact Decimal kronor; rates are fractions (3.0 % is stored as 0.030000); the tax
rate is in kronor per 100 kronor. A scenario covers the cycle's budget year plus its plan
years: three plan years by default, never fewer than three years in all (KL 11:5).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arshjul.core.ranges import RangedDecimalField, RangedPositiveIntegerField
from arshjul.process.models import Cycle

from .ranges import AMOUNT, CHANGE_RATE, INTEREST_RATE, POPULATION, SURCHARGE

MIN_YEARS = 3  # kommunallagen 11 kap.: the budget year plus at least two plan years
MAX_PLAN_YEARS = 9
DEFAULT_PLAN_YEARS = 3


def _amount(label, **kwargs) -> models.DecimalField:
    return RangedDecimalField(label, max_digits=16, decimal_places=2, range=AMOUNT, **kwargs)


def _rate(label, *, range, **kwargs) -> models.DecimalField:
    return RangedDecimalField(label, max_digits=9, decimal_places=6, range=range, **kwargs)


class Scenario(models.Model):
    """A named set of assumptions for one cycle ("Bas", "Låg"), compared side by side."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="scenarios"
    )
    name = models.CharField(_("name"), max_length=80)
    plan_years = models.PositiveSmallIntegerField(
        _("plan years"),
        default=DEFAULT_PLAN_YEARS,
        help_text=_("Years after the budget year; the plan covers at least three years in all."),
    )
    base_frames = _amount(
        _("frames excluding capital costs in the budget year"), null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        ordering = ["cycle", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "name"], name="finance_scenario_unique_name"),
            models.CheckConstraint(
                condition=Q(plan_years__gte=MIN_YEARS - 1) & Q(plan_years__lte=MAX_PLAN_YEARS),
                name="finance_scenario_horizon_at_least_three_years",
            ),
            models.CheckConstraint(
                condition=Q(base_frames__isnull=True) | Q(base_frames__gte=0),
                name="finance_scenario_base_frames_not_negative",
            ),
            AMOUNT.constraint("base_frames", nullable=True),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.cycle.budget_year})"

    @property
    def years(self) -> list[int]:
        first = self.cycle.budget_year
        return list(range(first, first + self.plan_years + 1))

    @staticmethod
    def audit_label(name: str) -> str | None:
        """The history's name of an assumption changed in a year: "2024 internal_rate" →
        "Internal interest rate 2024"."""
        year, _sep, field = name.partition(" ")
        if year.isdigit() and field in dict(ASSUMPTION_FIELDS):
            label = ScenarioYear._meta.get_field(field).verbose_name
            return f"{str(label)[:1].upper()}{str(label)[1:]} {year}"
        return None

    @staticmethod
    def audit_shown(name: str, value) -> str | None:
        """An assumption's recorded value as the page shows it: money in mnkr, fractions as
        percent (the trail keeps the exact stored value)."""
        from decimal import Decimal, InvalidOperation

        from arshjul.finance.money import format_money
        from arshjul.finance.space import format_rate

        field = name.partition(" ")[2] if name[:4].isdigit() else name
        kind = dict(ASSUMPTION_FIELDS).get(field) or ("money" if field == "base_frames" else None)
        if value in (None, "") or kind not in ("money", "percent"):
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return None
        return format_rate(number) if kind == "percent" else f"{format_money(number)} mnkr"


YEAR_AMOUNTS = ("tax_revenue", "grants", "financial_net", "central_items", "capital_costs")


class ScenarioYear(models.Model):
    """One year's assumptions in a scenario. Empty tax revenue grows from the year before."""

    scenario = models.ForeignKey(
        Scenario, verbose_name=_("scenario"), on_delete=models.CASCADE, related_name="rows"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    population = RangedPositiveIntegerField(
        _("population"), null=True, blank=True, range=POPULATION
    )
    tax_rate = models.DecimalField(
        _("tax rate (kr per 100 kr)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    tax_base_growth = _rate(_("tax-base growth"), null=True, blank=True, range=CHANGE_RATE)
    tax_revenue = _amount(_("tax revenue"), null=True, blank=True)
    grants = _amount(_("general grants and equalisation"), null=True, blank=True)
    financial_net = _amount(_("net financial items"), null=True, blank=True)
    index = _rate(_("wage and price index"), null=True, blank=True, range=CHANGE_RATE)
    internal_rate = _rate(_("internal interest rate"), null=True, blank=True, range=INTEREST_RATE)
    po_surcharge = _rate(_("payroll overhead (PO)"), null=True, blank=True, range=SURCHARGE)
    goal = _rate(
        _("financial goal (result share of S + B)"), null=True, blank=True, range=CHANGE_RATE
    )
    central_items = _amount(_("central items"), null=True, blank=True)
    capital_costs = _amount(_("capital costs"), null=True, blank=True)

    class Meta:
        verbose_name = _("assumptions for a year")
        verbose_name_plural = _("assumptions per year")
        ordering = ["scenario", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "year"], name="finance_scenarioyear_unique_year"
            ),
            models.CheckConstraint(
                condition=Q(tax_revenue__isnull=True) | Q(tax_revenue__gte=0),
                name="finance_scenarioyear_tax_revenue_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(grants__isnull=True) | Q(grants__gte=0),
                name="finance_scenarioyear_grants_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(capital_costs__isnull=True) | Q(capital_costs__gte=0),
                name="finance_scenarioyear_capital_costs_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(tax_rate__isnull=True) | (Q(tax_rate__gt=0) & Q(tax_rate__lt=100)),
                name="finance_scenarioyear_tax_rate_range",
            ),
            POPULATION.constraint("population", nullable=True),
            *(AMOUNT.constraint(name, nullable=True) for name in YEAR_AMOUNTS),
            CHANGE_RATE.constraint("tax_base_growth", nullable=True),
            CHANGE_RATE.constraint("index", nullable=True),
            CHANGE_RATE.constraint("goal", nullable=True),
            INTEREST_RATE.constraint("internal_rate", nullable=True),
            SURCHARGE.constraint("po_surcharge", nullable=True),
        ]

    def __str__(self) -> str:
        return f"{self.scenario.name} {self.year}"


# The per-year assumptions in the order the form and the audit trail show them, with their kind:
# money is entered in mnkr and stored in kronor, percent is entered as a percentage and stored
# as a fraction.
ASSUMPTION_FIELDS = (
    ("source", "text"),
    ("population", "count"),
    ("tax_rate", "tax_rate"),
    ("tax_base_growth", "percent"),
    ("tax_revenue", "money"),
    ("grants", "money"),
    ("financial_net", "money"),
    ("index", "percent"),
    ("internal_rate", "percent"),
    ("po_surcharge", "percent"),
    ("goal", "percent"),
    ("central_items", "money"),
    ("capital_costs", "money"),
)
