"""One FilterSet for step lists, shared by the overview page and the API's query parameters.

Who takes part is for signed-in users: pages search people by name (an organisation may have
thousands), the API also takes a person's id.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from arshjul.organisation.models import Body, Person

from .choices import StepKind, Track
from .models import Step
from .selectors import steps_for_people, steps_for_person


class StepFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(
        label=_("Body"),
        queryset=Body.objects.order_by("name"),
        field_name="participant_bodies",
        empty_label=_("All bodies"),
        distinct=True,
    )
    kind = django_filters.ChoiceFilter(
        label=pgettext_lazy("step", "Kind"), choices=StepKind.choices, empty_label=_("All kinds")
    )
    track = django_filters.ChoiceFilter(
        label=_("Track"), choices=Track.choices, empty_label=_("All tracks")
    )
    person = django_filters.ModelChoiceFilter(
        label=_("Person"),
        queryset=Person.objects.order_by("last_name", "first_name"),
        method="filter_person",
        empty_label=_("Everyone"),
    )

    name = django_filters.CharFilter(
        label=_("Person"),
        method="filter_name",
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "placeholder": _("Part of a name")}
        ),
    )

    class Meta:
        model = Step
        fields = ["body", "kind", "track", "person", "name"]

    def __init__(
        self,
        data=None,
        queryset=None,
        *,
        organisation_ids=(),
        user=None,
        for_page: bool = False,
        **kwargs,
    ):
        super().__init__(data, queryset=queryset, **kwargs)
        self.organisation_ids = list(organisation_ids)
        self.filters["body"].queryset = Body.objects.filter(
            organisation_id__in=self.organisation_ids
        ).order_by("name")
        if not getattr(user, "is_authenticated", False):
            del self.filters["person"], self.filters["name"]
        else:
            self.filters["person"].queryset = Person.objects.filter(
                organisation_id__in=self.organisation_ids
            ).order_by("last_name", "first_name")
            if for_page:
                del self.filters["person"]  # a list of every person does not fit a page

    def filter_person(self, queryset, name, value):
        return steps_for_person(queryset, value) if value else queryset

    def filter_name(self, queryset, name, value):
        words = value.split()
        if not words:
            return queryset
        people = Person.objects.filter(organisation_id__in=self.organisation_ids)
        for word in words:
            people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        return steps_for_people(queryset, people)
