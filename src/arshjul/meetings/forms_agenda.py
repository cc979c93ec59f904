"""Forms of the agenda, decisions, minutes and follow-up tasks on the meeting page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from arshjul.feedback.forms import WRITING_HELP
from arshjul.organisation.models import Person

from .choices import ItemState, Outcome
from .forms import VersionForm

MINUTES_TYPE_CHOICES = [
    ("protokoll", _("Protocol (protokoll)")),
    ("minnesanteckningar", _("Notes (minnesanteckningar)")),
]


class ItemForm(VersionForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )


class StateForm(VersionForm):
    state = forms.ChoiceField(label=_("Handled"), choices=ItemState.choices)


class DecisionForm(VersionForm):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices, required=False)
    decision_text = forms.CharField(
        label=_("Decision text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )


class MinutesForm(VersionForm):
    text = forms.CharField(
        label=_("Minutes"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=WRITING_HELP,
    )
    document_type = forms.ChoiceField(
        label=_("Kind of minutes"), choices=MINUTES_TYPE_CHOICES, required=False
    )


class MinutesUploadForm(VersionForm):
    file = forms.FileField(label=_("File (PDF, Word)"))
    document_type = forms.ChoiceField(
        label=_("Kind of minutes"), choices=MINUTES_TYPE_CHOICES, required=False
    )


class TaskForm(VersionForm):
    title = forms.CharField(label=_("Task"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Person.objects.none())
    due = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organisation_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(
            organisation_id=organisation_id
        ).order_by("last_name", "first_name")
