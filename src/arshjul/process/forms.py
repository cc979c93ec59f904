"""Forms for the finance office's changes to a step."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from . import daterules
from .choices import Adjust
from .models import Cycle, ProcessTemplate


class CycleForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Template"), queryset=ProcessTemplate.objects.none())
    budget_year = forms.IntegerField(label=_("Budget year"), min_value=2000, max_value=2100)

    def __init__(self, *args, organisation_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = ProcessTemplate.objects.order_by("name")
        if organisation_id is not None:
            qs = qs.filter(organisation_id=organisation_id)
        self.fields["template"].queryset = qs
        templates = list(qs[:2])
        if len(templates) == 1:
            self.fields["template"].initial = templates[0].pk
        latest = (
            Cycle.objects.filter(organisation_id=organisation_id).order_by("-budget_year").first()
            if organisation_id is not None
            else None
        )
        if latest is not None:
            self.fields["budget_year"].initial = latest.budget_year + 1


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class MoveStepForm(VersionedForm):
    start = forms.DateField(label=_("New start"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(
        label=_("New end"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for a one-day step."),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end is before the start."))
        return data


class RuleForm(VersionedForm):
    rule = forms.CharField(
        label=_("Date rule"),
        max_length=200,
        help_text=_(
            "E.g. “date Y-1 04-16”, “nth Y-1 02 2 wed”, “month Y-1 10”, “offset kickoff -4w” "
            "or “span month Y-1 10 .. month Y-1 12”."
        ),
    )
    election_rule = forms.CharField(
        label=_("Date rule in an election year"), max_length=200, required=False
    )
    adjust = forms.ChoiceField(label=_("Days off"), choices=Adjust.choices)

    def _clean_rule_text(self, name: str) -> str:
        text = " ".join(self.cleaned_data.get(name, "").split())
        if text:
            try:
                daterules.parse(text)
            except daterules.RuleError as exc:
                raise forms.ValidationError(str(exc), code=exc.code) from exc
        return text

    def clean_rule(self):
        return self._clean_rule_text("rule")

    def clean_election_rule(self):
        return self._clean_rule_text("election_rule")
