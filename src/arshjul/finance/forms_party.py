"""The form for a new party proposal (yrkande) on the frames page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from arshjul.organisation.models import Party

from .models import FrameVersion, Scenario
from .selectors_frames import region_versions


class NewPartyProposalForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.none())
    base = forms.ModelChoiceField(
        label=_("Based on the version"), queryset=FrameVersion.objects.none()
    )
    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=120,
        required=False,
        help_text=_("Left empty: “party: proposal on version”."),
    )

    def __init__(self, *args, scenario: Scenario, parties, user, **kwargs):
        kwargs.setdefault("auto_id", "party_%s")
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties
        self.fields["party"].label_from_instance = lambda party: party.name
        # The majority's versions this user reads, drafts left out: a party's proposal shows
        # its base to every reader of the proposal (finance.services_party.create_proposal).
        self.fields["base"].queryset = (
            region_versions(scenario, user=user).exclude(status="draft").order_by("-created", "-pk")
        )
        if len(parties) == 1:
            self.fields["party"].initial = parties[0].pk
            self.fields["party"].empty_label = None
