"""The investment plan: projects with their cash flow per year and their components, the
yearly investment ceilings, and the internal interest rate per year (FINANCE.md section 5).

Amounts are exact Decimal kronor; shares and rates are Decimal fractions (0.300000 is 30 %).
The capital costs are not stored: finance.capital computes them from these rows.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arshjul.core.ranges import RangedDecimalField, RangedPositiveSmallIntegerField

from .ranges import AMOUNT, LIFE_YEARS

HORIZON_YEARS = 10  # the investment plan's horizon (FINANCE.md 5.6); the first four are the plan
PLAN_YEARS = 4


class ProjectCategory(models.TextChoices):
    BUILDINGS = "buildings", _("Buildings")
    MEDICAL_EQUIPMENT = "medical_equipment", _("Medical equipment")
    IT = "it", _("IT")
    OTHER = "other", _("Other")


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PRE_STUDY = "pre_study", _("Pre-study")
    DECIDED = "decided", _("Decided")
    ONGOING = "ongoing", _("Ongoing")
    FINISHED = "finished", _("Finished")


# Cash flows of these statuses count against the ceiling (FINANCE.md 5.6).
BINDING_STATUSES = (ProjectStatus.DECIDED, ProjectStatus.ONGOING)


class InvestmentPlan(models.Model):
    """An organisation's investment plan: its first year fixes the ten-year horizon."""

    organisation = models.OneToOneField(
        "organisation.Organisation",
        on_delete=models.CASCADE,
        related_name="investment_plan",
        verbose_name=_("organisation"),
    )
    first_year = models.PositiveIntegerField(_("first year"))
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("investment plan")
        verbose_name_plural = _("investment plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(first_year__gte=2000, first_year__lte=2100),
                name="%(app_label)s_%(class)s_year_sensible",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.first_year}–{self.last_year}"

    @property
    def last_year(self) -> int:
        return self.first_year + HORIZON_YEARS - 1

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.first_year + HORIZON_YEARS))

    @property
    def plan_years(self) -> list[int]:
        return self.years[:PLAN_YEARS]


class InvestmentProject(models.Model):
    plan = models.ForeignKey(
        InvestmentPlan, on_delete=models.CASCADE, related_name="projects", verbose_name=_("plan")
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=30, choices=ProjectCategory.choices)
    owner_body = models.ForeignKey(
        "organisation.Body",
        on_delete=models.PROTECT,
        related_name="investment_projects",
        verbose_name=_("owner body"),
    )
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices)
    activation = models.DateField(
        _("activation date"),
        null=True,
        blank=True,
        help_text=_("When the asset is taken into use; depreciation starts that month."),
    )
    recurring = models.BooleanField(
        _("yearly envelope"),
        default=False,
        help_text=_(
            "Each year's cash flow is a new asset, taken into use in the activation month."
        ),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        ordering = ["code", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="%(app_label)s_%(class)s_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class CashFlow(models.Model):
    project = models.ForeignKey(
        InvestmentProject,
        on_delete=models.CASCADE,
        related_name="cash_flows",
        verbose_name=_("project"),
    )
    year = models.PositiveIntegerField(_("year"))
    amount = RangedDecimalField(_("amount (kr)"), max_digits=16, decimal_places=2, range=AMOUNT)

    class Meta:
        verbose_name = _("cash flow")
        verbose_name_plural = _("cash flows")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year"], name="%(app_label)s_%(class)s_one_per_year"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="%(app_label)s_%(class)s_not_negative"
            ),
            AMOUNT.constraint("amount"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class Component(models.Model):
    project = models.ForeignKey(
        InvestmentProject,
        on_delete=models.CASCADE,
        related_name="components",
        verbose_name=_("project"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    name = models.CharField(_("name"), max_length=100)
    share = models.DecimalField(
        _("share"),
        max_digits=7,
        decimal_places=6,
        help_text=_("Of the project's cost, as a fraction (0.5 is 50 %)."),
    )
    life_years = RangedPositiveSmallIntegerField(_("depreciation period (years)"), range=LIFE_YEARS)

    class Meta:
        verbose_name = _("component")
        verbose_name_plural = _("components")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(life_years__gte=1), name="%(app_label)s_%(class)s_life_positive"
            ),
            models.CheckConstraint(
                condition=Q(share__gt=0, share__lte=1), name="%(app_label)s_%(class)s_share_range"
            ),
            LIFE_YEARS.constraint("life_years"),
        ]

    def __str__(self) -> str:
        return self.name


class InvestmentCeiling(models.Model):
    plan = models.ForeignKey(
        InvestmentPlan, on_delete=models.CASCADE, related_name="ceilings", verbose_name=_("plan")
    )
    year = models.PositiveIntegerField(_("year"))
    amount = RangedDecimalField(_("ceiling (kr)"), max_digits=16, decimal_places=2, range=AMOUNT)

    class Meta:
        verbose_name = _("investment ceiling")
        verbose_name_plural = _("investment ceilings")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year"], name="%(app_label)s_%(class)s_one_per_year"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="%(app_label)s_%(class)s_not_negative"
            ),
            AMOUNT.constraint("amount"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class InternalRate(models.Model):
    """The internal interest rate of a year (SKR's proposal unless the region decides its own).
    Organisation-level for now; the assumptions' scenarios may take it over."""

    organisation = models.ForeignKey(
        "organisation.Organisation",
        on_delete=models.CASCADE,
        related_name="internal_rates",
        verbose_name=_("organisation"),
    )
    year = models.PositiveIntegerField(_("year"))
    rate = models.DecimalField(
        _("rate"), max_digits=7, decimal_places=6, help_text=_("As a fraction: 0.025 is 2.5 %.")
    )

    class Meta:
        verbose_name = _("internal interest rate")
        verbose_name_plural = _("internal interest rates")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="%(app_label)s_%(class)s_one_per_year"
            ),
            models.CheckConstraint(
                condition=Q(rate__gte=Decimal("-0.2"), rate__lte=Decimal("0.5")),
                name="%(app_label)s_%(class)s_rate_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.rate}"


class ExistingCapitalCost(models.Model):
    """Capital costs of a body's existing assets (those not in the investment plan) per year,
    typed from the asset register. The plan's projects add theirs (finance.capital_costs)."""

    organisation = models.ForeignKey(
        "organisation.Organisation",
        on_delete=models.CASCADE,
        related_name="existing_capital_costs",
        verbose_name=_("organisation"),
    )
    body = models.ForeignKey(
        "organisation.Body",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("committee"),
    )
    year = models.PositiveIntegerField(_("year"))
    amount = RangedDecimalField(
        _("capital costs of existing assets (kr)"), max_digits=16, decimal_places=2, range=AMOUNT
    )

    class Meta:
        verbose_name = _("capital costs of existing assets")
        verbose_name_plural = _("capital costs of existing assets")
        ordering = ["body", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "body", "year"], name="%(app_label)s_%(class)s_one_per_year"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="%(app_label)s_%(class)s_not_negative"
            ),
            AMOUNT.constraint("amount"),
        ]

    def __str__(self) -> str:
        return f"{self.body_id} {self.year}: {self.amount}"
