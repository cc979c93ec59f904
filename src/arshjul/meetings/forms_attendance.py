"""Forms of attendance and fees: one row per invitee (attendance, arrived, left), and the
meeting's fee rule. Times are the organisation's local time."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .attendance import Entry, Group
from .choices import Attendance
from .forms import VersionForm
from .models import FeeRule


class AttendanceForm(VersionForm):
    """A row per invitee: what she did (present, part of the meeting, absent) and, for part of
    it, when she arrived and left. Each field is labelled with the person's name."""

    def __init__(self, *args, groups: list[Group], **kwargs):
        kwargs.setdefault("auto_id", "att_%s")
        super().__init__(*args, **kwargs)
        self.groups = groups
        for group in groups:
            for row in group.rows:
                invitee, name = row.invitee, str(row.person)
                self.fields[f"attendance-{invitee.pk}"] = forms.ChoiceField(
                    label=_("Attendance, %(name)s") % {"name": name},
                    choices=Attendance.choices,
                    initial=invitee.attendance,
                )
                self.fields[f"arrived-{invitee.pk}"] = forms.TimeField(
                    label=_("Arrived, %(name)s") % {"name": name},
                    required=False,
                    initial=invitee.arrived,
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                )
                self.fields[f"left-{invitee.pk}"] = forms.TimeField(
                    label=_("Left, %(name)s") % {"name": name},
                    required=False,
                    initial=invitee.left,
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                )

    def table(self) -> list[tuple[Group, list[tuple]]]:
        """For the template: each group with its rows as (row, attendance, arrived, left); a
        field in error points to its message."""
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-errors"
        return [
            (
                group,
                [
                    (
                        row,
                        self[f"attendance-{row.invitee.pk}"],
                        self[f"arrived-{row.invitee.pk}"],
                        self[f"left-{row.invitee.pk}"],
                    )
                    for row in group.rows
                ],
            )
            for group in self.groups
        ]

    def entries(self) -> list[Entry]:
        data = self.cleaned_data
        return [
            Entry(
                invitee_id=row.invitee.pk,
                attendance=data[f"attendance-{row.invitee.pk}"],
                arrived=data.get(f"arrived-{row.invitee.pk}"),
                left=data.get(f"left-{row.invitee.pk}"),
            )
            for group in self.groups
            for row in group.rows
        ]


class FeeRuleForm(VersionForm):
    fee_rule = forms.ChoiceField(label=_("Fees"), choices=FeeRule.choices)
