"""The feedback report's form: one text per heading, and the version the writer started from."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import TEXT_MAX_LENGTH

WRITING_HELP = _(
    "An empty line between paragraphs; start a line with “- ” for a list item, and write "
    "**bold** for bold."
)


class ReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = list(sections)
        for section in self.sections:
            self.fields[f"section_{section.order}"] = forms.CharField(
                label=section.heading,
                required=False,
                max_length=TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=WRITING_HELP,
            )
            # The text as she first saw it: a save writes only the headings she changed, so a
            # colleague's text under another heading is never overwritten by an old copy.
            self.fields[f"seen_{section.order}"] = forms.CharField(
                required=False, max_length=TEXT_MAX_LENGTH, widget=forms.HiddenInput
            )

    def texts(self) -> dict[int, str]:
        return {s.order: self.cleaned_data.get(f"section_{s.order}", "") for s in self.sections}

    def seen(self) -> dict[int, str] | None:
        """The texts as she first saw them, or None where the form did not carry them."""
        if not all(f"seen_{s.order}" in self.data for s in self.sections):
            return None
        return {s.order: self.cleaned_data.get(f"seen_{s.order}", "") for s in self.sections}


class SummaryForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The chief executive's overall reading of the committees' answers."),
    )

    def __init__(self, *args, headings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.headings = list(headings)
        for number in range(1, len(self.headings) + 1):
            self.fields[f"section_{number}"] = forms.CharField(
                label=_("The summary under heading %(number)s") % {"number": number},
                required=False,
                max_length=TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=WRITING_HELP,
            )

    def texts(self) -> list[str]:
        return [self.cleaned_data.get(f"section_{n}", "") for n in range(1, len(self.headings) + 1)]
