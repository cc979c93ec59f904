"""Forms for the deficits to restore. The amount is typed in mnkr and stored in exact kronor;
its sign and the source are checked by the service, so that the page and any other caller
refuse the same things with the same words."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import MILLION, NumberField


class DeficitForm(forms.Form):
    origin_year = forms.IntegerField(label=_("Year of the deficit"))
    amount = NumberField(label=_("Left to restore (mnkr)"), scale=MILLION, places=2)
    source = forms.CharField(
        label=_("Source (annual report, page)"), max_length=300, required=False
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "deficit_%s")
        super().__init__(*args, **kwargs)


class DeficitChangeForm(forms.Form):
    amount = NumberField(label=_("Left to restore (mnkr)"), scale=MILLION, places=2)
    source = forms.CharField(label=_("Source"), max_length=300, required=False)
    expected = forms.IntegerField(widget=forms.HiddenInput, required=False)
