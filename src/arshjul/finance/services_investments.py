"""Changes to the investment plan: a project made or edited with its cash flow per year and its
components, all at once in one transaction, refused whole when any part is wrong or when the
project changed since the user loaded it; audited with the before-values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from arshjul.accounts.roles import require_actor
from arshjul.core import revision
from arshjul.core.audit import record
from arshjul.core.errors import DomainError, require_version

from .capital import shares_total_percent
from .models import CashFlow, Component, InvestmentPlan, InvestmentProject
from .models.ranges import AMOUNT, LIFE_YEARS, SHARE
from .money import format_number
from .permissions_investments import can_edit_plan

FIELDS = ("code", "name", "category", "owner_body", "status", "activation", "recurring")


@dataclass(frozen=True)
class ComponentData:
    name: str
    share: Decimal  # a fraction: 0.3 is 30 %
    life_years: int


@dataclass
class ProjectData:
    code: str
    name: str
    category: str
    owner_body: object  # organisation.Body
    status: str
    activation: dt.date | None
    recurring: bool = False
    cash_flows: dict[int, Decimal] = field(default_factory=dict)
    components: list[ComponentData] = field(default_factory=list)


def validate(plan: InvestmentPlan, data: ProjectData, *, pk: int | None = None) -> None:
    """Every rule of FINANCE.md 5.6 and 9 for one project; raises the first broken one."""
    if data.owner_body.organisation_id != plan.organisation_id:
        raise DomainError(
            _("The owner body belongs to another organisation."), code="owner", field="owner_body"
        )
    for year, amount in sorted(data.cash_flows.items()):
        if year < plan.first_year or year > plan.last_year:
            raise DomainError(
                _("%(year)s is outside the plan's horizon %(first)s–%(last)s."),
                code="outside_horizon",
                params={"year": year, "first": plan.first_year, "last": plan.last_year},
            )
        AMOUNT.check(amount, field="cash_flows")
        if amount < 0:
            raise DomainError(
                _("The cash flow of %(year)s is negative; enter spending as a positive amount."),
                code="negative",
                params={"year": year},
            )
    for component in data.components:
        LIFE_YEARS.check(component.life_years, field="components")
        SHARE.check(component.share, field="components")
        if component.life_years < 1:
            raise DomainError(
                _("The depreciation period of “%(name)s” must be at least one year."),
                code="life",
                params={"name": component.name},
            )
        if component.share <= 0:
            raise DomainError(
                _("The share of “%(name)s” must be more than 0 %%."),
                code="share",
                params={"name": component.name},
            )
    if data.components:
        total = shares_total_percent(c.share for c in data.components)
        if total != 100:
            raise DomainError(
                _("The components' shares add up to %(total)s %%, not 100 %%."),
                code="shares",
                params={"total": format_number(total, 2).rstrip("0").rstrip(",.")},
            )
    spent = sorted(y for y, a in data.cash_flows.items() if a)
    if data.activation is not None:
        if not data.components:
            raise DomainError(
                _("A project with an activation date needs at least one component."),
                code="no_components",
            )
        if not plan.first_year <= data.activation.year <= plan.last_year:
            raise DomainError(
                _("The activation date is outside the plan's horizon %(first)s–%(last)s."),
                code="activation_horizon",
                field="activation",
                params={"first": plan.first_year, "last": plan.last_year},
            )
        if spent and data.activation.year < spent[0]:
            raise DomainError(
                _("The activation date is before the first cash flow (%(year)s)."),
                code="activation_early",
                field="activation",
                params={"year": spent[0]},
            )
    code_taken = InvestmentProject.objects.filter(plan=plan, code=data.code)
    if pk is not None:
        code_taken = code_taken.exclude(pk=pk)
    if code_taken.exists():
        raise DomainError(_("Another project has this code."), code="code", field="code")


def _flows_text(flows: dict[int, Decimal]) -> str:
    return "; ".join(f"{y}: {a}" for y, a in sorted(flows.items()) if a)


def _components_text(components) -> str:
    return "; ".join(f"{c.name} {c.share} / {c.life_years}" for c in components)


@transaction.atomic
def save_project(
    *,
    plan: InvestmentPlan,
    project: InvestmentProject | None,
    data: ProjectData,
    by,
    version: int | None,
) -> InvestmentProject:
    """Make a project (project None) or change one, with its cash flows and components."""
    require_actor(by)
    if not can_edit_plan(by, plan):
        raise DomainError(
            _("Only the finance office changes the investment plan."), code="forbidden"
        )
    if project is not None:
        project = InvestmentProject.objects.select_for_update().get(pk=project.pk)
        if require_version(version, by) is not None and project.version != version:
            raise DomainError(
                _("Someone changed this project after you opened it. Reload and try again."),
                code="stale",
            )
    validate(plan, data, pk=project.pk if project else None)
    flows = {y: a for y, a in data.cash_flows.items() if a}
    if project is None:
        project = InvestmentProject(plan=plan)
        before = {f: None for f in FIELDS} | {"cash_flows": "", "components": ""}
        action = "finance.investment.created"
    else:
        before = {f: getattr(project, f) for f in FIELDS} | {
            "cash_flows": _flows_text({c.year: c.amount for c in project.cash_flows.all()}),
            "components": _components_text(project.components.all()),
        }
        project.version += 1
        action = "finance.investment.edited"
    for name in FIELDS:
        setattr(project, name, getattr(data, name))
    try:
        with transaction.atomic():
            project.save()
    except IntegrityError as exc:  # the same code given to another project at the same moment
        raise DomainError(_("Another project has this code."), code="code", field="code") from exc
    project.cash_flows.all().delete()
    CashFlow.objects.bulk_create(
        CashFlow(project=project, year=y, amount=a) for y, a in sorted(flows.items())
    )
    project.components.all().delete()
    Component.objects.bulk_create(
        Component(project=project, order=i, name=c.name, share=c.share, life_years=c.life_years)
        for i, c in enumerate(data.components, start=1)
    )
    after = {f: getattr(project, f) for f in FIELDS} | {
        "cash_flows": _flows_text(flows),
        "components": _components_text(data.components),
    }
    changes = {k: (before[k], after[k]) for k in after if str(before[k]) != str(after[k])}
    stored = InvestmentProject.objects.select_related("owner_body", "plan").get(pk=project.pk)
    if stored.owner_body.organisation_id != stored.plan.organisation_id or not can_edit_plan(
        by, stored.plan
    ):  # checked again as stored, in the same transaction: refused and rolled back
        raise DomainError(
            _("The owner body belongs to another organisation."), code="owner", field="owner_body"
        )
    record(project, action=action, by=by, changes=changes)
    InvestmentPlan.objects.filter(pk=plan.pk).update(version=plan.version + 1)
    revision.bump()
    return project
