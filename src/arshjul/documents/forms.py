"""Forms of the document register: registering a document, uploading a version and moving its
status. Each change form carries the document's version as the user saw it, so that a change
made meanwhile by someone else is refused instead of overwritten."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from arshjul.organisation.models import Body, Person
from arshjul.process.models import Cycle

from .choices import DocumentStatus
from .models import DocumentType


class RegisterDocumentForm(forms.Form):
    owner_body = forms.ModelChoiceField(label=_("Owner body"), queryset=Body.objects.none())
    document_type = forms.ModelChoiceField(
        label=_("Document type"), queryset=DocumentType.objects.all()
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    cycle = forms.ModelChoiceField(
        label=pgettext_lazy("process", "Cycle"),
        queryset=Cycle.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_("The budget year's process the document belongs to, if any."),
    )

    def __init__(self, *args, bodies: QuerySet[Body], cycles: QuerySet[Cycle], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_body"].queryset = bodies
        self.fields["cycle"].queryset = cycles
        first_two = list(bodies[:2])
        if len(first_two) == 1:
            self.fields["owner_body"].initial = first_two[0].pk

    def clean(self):
        data = super().clean()
        body, cycle = data.get("owner_body"), data.get("cycle")
        if body and cycle and cycle.organisation_id != body.organisation_id:
            self.add_error("cycle", _("The cycle belongs to another organisation."))
        return data


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class UploadVersionForm(VersionedForm):
    file = forms.FileField(label=_("File"), allow_empty_file=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = round(settings.DOCUMENT_MAX_BYTES / 1_000_000, 1)
        self.fields["file"].help_text = _(
            "PDF, Word, Excel or PowerPoint, at most %(limit)s MB."
        ) % {"limit": number_format(int(limit) if limit.is_integer() else limit)}
        self.fields["file"].widget.attrs["accept"] = ".pdf,.docx,.xlsx,.pptx"


class StatusForm(VersionedForm):
    to = forms.ChoiceField(choices=DocumentStatus.choices, widget=forms.HiddenInput)
    decision_date = forms.DateField(
        label=_("Decision date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    decision_paragraph = forms.CharField(
        label=_("Paragraph (§)"),
        max_length=20,
        required=False,
        help_text=_("The paragraph of the minutes, e.g. § 86."),
    )


class AccessForm(VersionedForm):
    """Who reads the document besides the register's rule: secrecy and co-authors."""

    secret = forms.BooleanField(
        label=_("Secret"),
        required=False,
        help_text=_("Covered by secrecy: never public, whatever its status."),
    )
    secrecy_paragraph = forms.CharField(
        label=_("Secrecy paragraph"),
        max_length=100,
        required=False,
        help_text=_("The paragraph of the secrecy law (OSL), e.g. OSL 19 kap. 1 §."),
    )
    co_authors = forms.ModelMultipleChoiceField(
        label=_("Co-authors"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("They read and follow the draft with the owner body's officials."),
    )

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_authors"].queryset = Person.objects.filter(
            organisation_id=organisation_id
        ).order_by("last_name", "first_name")
