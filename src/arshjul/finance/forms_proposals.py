"""Forms of committees' change proposals on the frames page (amounts in mnkr, stored in
kronor)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import MILLION, NumberField
from .forms_frames import ExpectedMixin
from .models import ChangeProposal, InvestmentProject, Scenario
from .selectors_frames import frame_bodies
from .selectors_proposals import own_projects


class ProposalForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Committee"), queryset=InvestmentProject.objects.none())
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    kind = forms.ChoiceField(label=_("Type"), choices=ChangeProposal.Kind.choices)
    amount = NumberField(
        label=_("Amount (mnkr)"),
        scale=MILLION,
        places=2,
        required=True,
        help_text=_("A saving is written as a positive amount and deducted."),
    )
    text = forms.CharField(label=_("Text"), max_length=300)
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    project = forms.ModelChoiceField(
        label=_("Investment project (optional)"),
        queryset=InvestmentProject.objects.none(),
        required=False,
        help_text=_(
            "To propose a change to one of the committee's projects, e.g. to move its cash flow."
        ),
    )

    def __init__(self, *args, scenario: Scenario, bodies: set[int], **kwargs):
        kwargs.setdefault("auto_id", "proposal_%s")
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = (
            frame_bodies(scenario.cycle.organisation_id).filter(pk__in=bodies).order_by("name")
        )
        self.fields["year"].choices = [(y, y) for y in scenario.years]
        self.fields["project"].queryset = own_projects(bodies)


class TakeInForm(ExpectedMixin):
    amount = NumberField(label=_("Amount (mnkr)"), scale=MILLION, places=2, required=True)
    decision = forms.CharField(label=_("Decision reference"), max_length=200, required=False)


class DeclineForm(ExpectedMixin):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
