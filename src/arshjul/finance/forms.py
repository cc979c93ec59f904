"""Forms of the finance pages. Numbers are typed as people write them: a decimal comma or
point, spaces between thousands, a minus or a true minus sign; amounts in mnkr and rates in
percent, stored exactly as kronor and fractions (never through a float)."""

from __future__ import annotations

from decimal import Decimal, localcontext

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from arshjul.core.ranges import Range

from .models import Scenario
from .models.assumptions import ASSUMPTION_FIELDS, MAX_PLAN_YEARS, MIN_YEARS, ScenarioYear
from .models.ranges import AMOUNT, TAX_RATE
from .money import format_money, format_number, to_decimal

MILLION = Decimal(1_000_000)

LABELS = {
    "source": _("Source"),
    "population": _("Population (1 November the year before)"),
    "tax_rate": _("Tax rate (kr per 100 kr)"),
    "tax_base_growth": _("Tax-base growth (%)"),
    "tax_revenue": _("Tax revenue S (mnkr)"),
    "grants": _("General grants and equalisation B (mnkr)"),
    "financial_net": _("Net financial items FN (mnkr)"),
    "index": _("Wage and price index i (%)"),
    "internal_rate": _("Internal interest rate r (%)"),
    "po_surcharge": _("Payroll overhead PO (%)"),
    "goal": _("Financial goal: result as a share of S + B (%)"),
    "central_items": _("Central items CEN (mnkr)"),
    "capital_costs": _("Capital costs Σ KK (mnkr)"),
}

NOT_NEGATIVE = {"population", "tax_revenue", "grants", "capital_costs"}


class NumberField(forms.CharField):
    """A number typed in Swedish or English style, scaled to how it is stored."""

    def __init__(
        self, *, scale: Decimal = Decimal(1), places: int = 2, range: Range = AMOUNT, **kwargs
    ):
        self.scale, self.places, self.range = scale, places, range
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "size": 10})

    def to_python(self, value):
        if isinstance(value, Decimal):  # an initial value, already as stored (a disabled field)
            return value
        text = super().to_python(value)
        if text in ("", None):
            return None
        try:
            number = to_decimal(text)
        except ValueError:
            raise ValidationError(
                _("“%(value)s” is not a number. Write for example 3 240,5 or −1,25."),
                code="invalid",
                params={"value": text},
            ) from None
        with localcontext(prec=80):  # exact for any typed number (at most 30 digits)
            stored = number * self.scale
        # the range first: a huge number has more digits than quantize may give it
        if stored not in self.range:
            raise ValidationError(self.range.message, code="range")
        step = Decimal(1).scaleb(-self.places)
        if stored != stored.quantize(step):
            raise ValidationError(_("Too many decimals."), code="decimals")
        return stored.quantize(step)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            shown = (value / self.scale).normalize()
            places = max(0, -shown.as_tuple().exponent)
            return format_number(shown, places).replace("\u2212", "-")
        return value


def field_for(name: str, kind: str, *, label=None) -> forms.Field:
    """The form field of an assumption, with the model field's declared range."""
    label = label or LABELS[name]
    if kind == "text":
        return forms.CharField(label=label, required=False, max_length=200)
    rng = getattr(ScenarioYear._meta.get_field(name), "range", None)
    if kind == "count":
        return NumberField(label=label, scale=Decimal(1), places=0, range=rng)
    if kind == "tax_rate":
        return NumberField(label=label, places=2, range=TAX_RATE)
    if kind == "percent":
        return NumberField(label=label, scale=Decimal("0.01"), places=6, range=rng)
    return NumberField(label=label, scale=MILLION, places=2, range=rng)


class AssumptionsForm(forms.Form):
    """A scenario's name, its frames in the budget year and every assumption for every year."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=80)
    base_frames = NumberField(
        label=_("Frames excluding capital costs in the budget year, Σ Base (mnkr)"),
        scale=MILLION,
        places=2,
        range=AMOUNT,
    )

    def __init__(
        self, *args, scenario: Scenario, computed_kk: dict[int, Decimal] | None = None, **kwargs
    ):
        rows = {row.year: row for row in scenario.rows.all()}
        self.computed_kk = computed_kk  # Σ KK per year where computed (shown, not typed)
        self.years = scenario.years
        initial = {
            "version": scenario.version,
            "name": scenario.name,
            "base_frames": scenario.base_frames,
        }
        for year in self.years:
            row = rows.get(year) or ScenarioYear(year=year)
            for name, _kind in ASSUMPTION_FIELDS:
                initial[f"y{year}_{name}"] = getattr(row, name)
        super().__init__(*args, initial=initial, **kwargs)
        for year in self.years:
            for name, kind in ASSUMPTION_FIELDS:
                self.fields[f"y{year}_{name}"] = field_for(name, kind)
                if name == "capital_costs" and computed_kk:
                    # Σ KK comes from the committees' existing assets and the investment plan.
                    self.fields[f"y{year}_{name}"].disabled = True

    def clean(self):
        data = super().clean()
        if data.get("base_frames") is not None and data["base_frames"] < 0:
            self.add_error("base_frames", _("The frames cannot be negative."))
        for year in self.years:
            for name in NOT_NEGATIVE:
                value = data.get(f"y{year}_{name}")
                if value is not None and value < 0:
                    self.add_error(f"y{year}_{name}", _("This cannot be negative."))
        return data

    def grid(self) -> list[dict]:
        """One row per assumption: its label and, per year, the input (labelled with the
        assumption and the year for screen readers) and its errors."""
        rows = []
        for name, _kind in ASSUMPTION_FIELDS:
            cells = []
            for year in self.years:
                bound = self[f"y{year}_{name}"]
                if name == "capital_costs" and self.computed_kk:
                    shown = format_money(self.computed_kk.get(year, Decimal(0)))
                    cells.append({"year": year, "input": shown, "field": bound})
                    continue
                attrs = {"aria-label": f"{LABELS[name]}, {year}"}
                if bound.errors:
                    attrs |= {"aria-invalid": "true", "aria-describedby": f"{bound.auto_id}-error"}
                cells.append({"year": year, "input": bound.as_widget(attrs=attrs), "field": bound})
            note = ""
            if name == "capital_costs" and self.computed_kk:
                note = _(
                    "Computed from the committees' existing assets and the investment plan; "
                    "not typed here."
                )
            if name == "central_items" and self.computed_kk:
                note = _(
                    "Before the internal interest on the investment plan's projects, which the "
                    "treasury receives: the financial space deducts it as computed."
                )
            rows.append({"name": name, "label": LABELS[name], "cells": cells, "note": note})
        return rows

    def values(self) -> dict[int, dict]:
        values = {
            year: {name: self.cleaned_data.get(f"y{year}_{name}") for name, _ in ASSUMPTION_FIELDS}
            for year in self.years
        }
        for row in values.values():
            if row["population"] is not None:
                row["population"] = int(row["population"])
        return values


class NewScenarioForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    copy_from = forms.ModelChoiceField(
        label=_("Copy the assumptions of"),
        queryset=Scenario.objects.none(),
        required=False,
        empty_label=_("(start empty)"),
    )
    plan_years = forms.IntegerField(
        label=_("Plan years after the budget year"),
        initial=3,
        help_text=_(
            "At least two, so that the plan covers three years in all; three is the default. "
            "Years beyond the copied scenario's repeat its last year."
        ),
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = Scenario.objects.filter(cycle=cycle)
        self.fields["copy_from"].label_from_instance = lambda scenario: scenario.name

    def clean_plan_years(self):
        value = self.cleaned_data["plan_years"]
        if value < MIN_YEARS - 1:
            raise ValidationError(
                _(
                    "The plan must cover at least three years in all: the budget year and at "
                    "least two plan years (kommunallagen 11 kap.)."
                ),
                code="horizon",
            )
        if value > MAX_PLAN_YEARS:
            raise ValidationError(
                _("At most %(n)s plan years.") % {"n": MAX_PLAN_YEARS}, code="horizon"
            )
        return value
