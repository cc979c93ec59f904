"""The notifications page's form: the language of one's e-mails."""

from django import forms
from django.utils.translation import gettext_lazy as _

from arshjul.organisation.choices import Language


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of your e-mails"), choices=Language.choices)
