"""The finance office's form for one investment project: its fields, its cash flow per year of
the horizon (mnkr, converted exactly to kronor) and its components (share in %, life in years)."""

from __future__ import annotations

import contextlib
from decimal import Decimal, localcontext

from django import forms
from django.utils.translation import gettext_lazy as _

from arshjul.organisation.models import Body

from .models import InvestmentPlan, InvestmentProject, ProjectCategory, ProjectStatus
from .models.ranges import AMOUNT, LIFE_YEARS, SHARE
from .money import to_decimal
from .services_investments import ComponentData, ProjectData

MILLION = Decimal(1_000_000)
CENT = Decimal("0.01")


def _number(text: str, *, field_label) -> Decimal:
    try:
        value = to_decimal(text)
    except (ValueError, TypeError):
        raise forms.ValidationError(
            _("%(field)s: enter a number such as 12,5."),
            code="number",
            params={"field": field_label},
        ) from None
    if not value.is_finite():
        raise forms.ValidationError(
            _("%(field)s: enter a number such as 12,5."),
            code="number",
            params={"field": field_label},
        )
    return value


class ProjectForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    code = forms.CharField(label=_("Code"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=ProjectCategory.choices)
    owner_body = forms.ModelChoiceField(label=_("Owner body"), queryset=Body.objects.none())
    status = forms.ChoiceField(label=_("Status"), choices=ProjectStatus.choices)
    activation = forms.DateField(
        label=_("Activation date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("When the asset is taken into use; depreciation starts that month."),
    )
    recurring = forms.BooleanField(
        label=_("Yearly envelope"),
        required=False,
        help_text=_(
            "Each year's cash flow is a new asset, taken into use in the activation month."
        ),
    )

    def __init__(self, *args, plan: InvestmentPlan, project: InvestmentProject | None, **kwargs):
        self.plan = plan
        flows = {c.year: c.amount for c in project.cash_flows.all()} if project else {}
        components = list(project.components.all()) if project else []
        data = args[0] if args else kwargs.get("data")
        rows = len(components) + 2
        if data:
            with contextlib.suppress(ValueError, TypeError):
                rows = max(1, min(20, int(data.get("component_rows", rows))))
        self.component_count = max(rows, 3)
        initial = kwargs.setdefault("initial", {})
        if project is not None:
            initial |= {
                "version": project.version,
                "code": project.code,
                "name": project.name,
                "category": project.category,
                "owner_body": project.owner_body_id,
                "status": project.status,
                "activation": project.activation,
                "recurring": project.recurring,
            }
        super().__init__(*args, **kwargs)
        self.fields["owner_body"].queryset = Body.objects.filter(
            organisation_id=plan.organisation_id
        ).order_by("name")
        for year in plan.years:
            amount = flows.get(year)
            self.fields[f"cf_{year}"] = forms.CharField(
                label=str(year),
                required=False,
                initial=_plain(amount / MILLION) if amount else "",
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 7}),
            )
        for i in range(self.component_count):
            c = components[i] if i < len(components) else None
            self.fields[f"comp_name_{i}"] = forms.CharField(
                label=_("Component %(n)s") % {"n": i + 1},
                required=False,
                max_length=100,
                initial=c.name if c else "",
            )
            self.fields[f"comp_share_{i}"] = forms.CharField(
                label=_("Share (%%) of component %(n)s") % {"n": i + 1},
                required=False,
                initial=_plain(c.share * 100) if c else "",
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
            )
            self.fields[f"comp_life_{i}"] = forms.CharField(
                label=_("Depreciation period (years) of component %(n)s") % {"n": i + 1},
                required=False,
                initial=str(c.life_years) if c else "",
                widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4}),
            )

    def main_fields(self):
        return [
            self[n]
            for n in ("code", "name", "category", "owner_body", "status", "activation", "recurring")
        ]

    def year_fields(self):
        return [self[f"cf_{y}"] for y in self.plan.years]

    def component_rows(self):
        return [
            (i + 1, self[f"comp_name_{i}"], self[f"comp_share_{i}"], self[f"comp_life_{i}"])
            for i in range(self.component_count)
        ]

    def clean(self):
        cleaned = super().clean()
        flows: dict[int, Decimal] = {}
        for year in self.plan.years:
            text = (cleaned.get(f"cf_{year}") or "").strip()
            if not text:
                continue
            try:
                mnkr = _number(text, field_label=year)
            except forms.ValidationError as e:
                self.add_error(f"cf_{year}", e)
                continue
            with localcontext(prec=80):
                kronor = mnkr * MILLION
            if kronor not in AMOUNT:
                self.add_error(f"cf_{year}", AMOUNT.message)
                continue
            if kronor != kronor.quantize(CENT):
                self.add_error(
                    f"cf_{year}", _("%(year)s: at most eight decimals of mnkr.") % {"year": year}
                )
                continue
            flows[year] = kronor.quantize(CENT)
        components: list[ComponentData] = []
        for i in range(self.component_count):
            name = (cleaned.get(f"comp_name_{i}") or "").strip()
            share = (cleaned.get(f"comp_share_{i}") or "").strip()
            life = (cleaned.get(f"comp_life_{i}") or "").strip()
            if not (name or share or life):
                continue
            label = name or _("Component %(n)s") % {"n": i + 1}
            try:
                share_value = _number(share or "x", field_label=label) / 100
            except forms.ValidationError as e:
                self.add_error(f"comp_share_{i}", e)
                continue
            if share_value not in SHARE:
                self.add_error(f"comp_share_{i}", SHARE.message)
                continue
            if life.isascii() and life.isdigit() and int(life) not in LIFE_YEARS:
                self.add_error(f"comp_life_{i}", LIFE_YEARS.message)
                continue
            if not (life.isascii() and life.isdigit()):
                self.add_error(
                    f"comp_life_{i}",
                    _("%(field)s: the depreciation period is a whole number of years, at least 1.")
                    % {"field": label},
                )
                continue
            components.append(ComponentData(str(label), share_value, int(life)))
        self.cash_flows = flows
        self.components = components
        return cleaned

    def project_data(self) -> ProjectData:
        c = self.cleaned_data
        return ProjectData(
            code=c["code"],
            name=c["name"],
            category=c["category"],
            owner_body=c["owner_body"],
            status=c["status"],
            activation=c["activation"],
            recurring=c["recurring"],
            cash_flows=self.cash_flows,
            components=self.components,
        )


def _plain(value: Decimal) -> str:
    """A Decimal for an input: no exponent, no trailing zeros, a decimal comma."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")
