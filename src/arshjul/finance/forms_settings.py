"""Forms of the finance settings page and the capital costs page."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .forms import MILLION, NumberField
from .models.assumptions import MAX_PLAN_YEARS, MIN_YEARS
from .models.ranges import SELF_FINANCING
from .models.settings import ActivationConvention, Compensation


class SettingsForm(forms.Form):
    expected = forms.IntegerField(widget=forms.HiddenInput, required=False)
    default_plan_years = forms.IntegerField(
        label=_("Plan years after the budget year, for new scenarios"),
        help_text=_("At least two (three years in all, kommunallagen 11 kap.), at most nine."),
    )
    activation_convention = forms.ChoiceField(
        label=_("Depreciation starts"),
        choices=ActivationConvention.choices,
        widget=forms.RadioSelect,
    )
    compensation = forms.ChoiceField(
        label=_("Capital-cost compensation in the frames"),
        choices=Compensation.choices,
        widget=forms.RadioSelect,
    )
    self_financing_goal = NumberField(
        label=_("Self-financing goal (%)"),
        scale=Decimal("0.01"),
        places=6,
        range=SELF_FINANCING,
        help_text=_("Leave empty for none; for example 70."),
    )

    def clean_default_plan_years(self):
        value = self.cleaned_data["default_plan_years"]
        if not MIN_YEARS - 1 <= value <= MAX_PLAN_YEARS:
            raise ValidationError(
                _(
                    "Between %(low)s and %(high)s plan years: the plan covers at least three "
                    "years in all (kommunallagen 11 kap.)."
                ),
                code="horizon",
                params={"low": MIN_YEARS - 1, "high": MAX_PLAN_YEARS},
            )
        return value


class ExistingAssetsForm(forms.Form):
    """The capital costs of existing assets per committee and year, typed in mnkr."""

    expected = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, bodies, years: list[int], current: dict, **kwargs):
        kwargs.setdefault("auto_id", "kk_%s")
        initial = {f"b{b.pk}_{y}": current.get((b.pk, y)) for b in bodies for y in years}
        super().__init__(*args, initial=initial | kwargs.pop("initial", {}), **kwargs)
        self.bodies, self.years = list(bodies), years
        for body in self.bodies:
            for year in years:
                self.fields[f"b{body.pk}_{year}"] = NumberField(
                    label=f"{body.name}, {year}", scale=MILLION, places=2
                )

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if name.startswith("b") and value is not None and value < 0:
                self.add_error(name, _("Capital costs cannot be negative."))
        return data

    def amounts(self) -> dict[tuple[int, int], Decimal | None]:
        return {
            (body.pk, year): self.cleaned_data.get(f"b{body.pk}_{year}")
            for body in self.bodies
            for year in self.years
        }

    def bound(self, body, year):
        return self[f"b{body.pk}_{year}"]
