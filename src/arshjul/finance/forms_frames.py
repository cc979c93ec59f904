"""Forms of the frames page. Money is typed in mnkr and stored in exact kronor."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import MILLION, NumberField
from .models import ChangeItem, FrameVersion, Scenario
from .selectors_frames import frame_bodies


class ExpectedMixin(forms.Form):
    expected = forms.IntegerField(widget=forms.HiddenInput, required=False)


class NewVersionForm(forms.Form):
    name = forms.CharField(label=_("Name of the version"), max_length=120)
    copy_from = forms.ModelChoiceField(
        label=_("Copy of"),
        queryset=FrameVersion.objects.none(),
        required=False,
        empty_label=_("(empty)"),
    )
    step = forms.ModelChoiceField(
        label=_("Step of the cycle"), queryset=FrameVersion.objects.none(), required=False
    )

    def __init__(self, *args, scenario: Scenario, **kwargs):
        kwargs.setdefault("auto_id", "new_%s")
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = scenario.frame_versions.filter(
            party_proposal__isnull=True
        )
        self.fields["step"].queryset = scenario.cycle.steps.all()


class ItemForm(ExpectedMixin):
    body = forms.ModelChoiceField(label=_("Committee"), queryset=FrameVersion.objects.none())
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    kind = forms.ChoiceField(label=_("Type"), choices=ChangeItem.Kind.choices)
    amount = NumberField(
        label=_("Amount (mnkr)"),
        scale=MILLION,
        places=2,
        required=True,
        help_text=_("A saving is written as a positive amount and deducted."),
    )
    text = forms.CharField(label=_("Text"), max_length=300)
    decision = forms.CharField(label=_("Decision reference"), max_length=200, required=False)
    one_off = forms.BooleanField(label=_("One-off (not carried into later years)"), required=False)

    def __init__(self, *args, scenario: Scenario, **kwargs):
        kwargs.setdefault("auto_id", "item_%s")
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = frame_bodies(scenario.cycle.organisation_id).order_by("name")
        self.fields["year"].choices = [(y, y) for y in scenario.years]

    ITEM_FIELDS = ("body", "year", "kind", "amount", "text", "decision", "one_off")

    def item(self) -> dict:
        """The change item as the services take it (keyword arguments)."""
        return {name: self.cleaned_data[name] for name in self.ITEM_FIELDS}


class BaseFramesForm(ExpectedMixin):
    def __init__(self, *args, bodies, current: dict[int, object], **kwargs):
        kwargs.setdefault("auto_id", "base_%s")
        super().__init__(*args, **kwargs)
        self.bodies = list(bodies)
        for body in self.bodies:
            self.fields[f"body_{body.pk}"] = NumberField(
                label=body.name, scale=MILLION, places=2, initial=current.get(body.pk)
            )

    def amounts(self) -> dict:
        return {b: self.cleaned_data[f"body_{b.pk}"] for b in self.bodies}


class NoteForm(ExpectedMixin):
    year = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Exceptional reasons (synnerliga skäl)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    restoration = forms.CharField(
        label=_("Plan to restore the deficit"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
