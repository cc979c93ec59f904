"""One FilterSet for step lists, shared by the overview page and the API's query parameters."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from arshjul.organisation.models import Body, Person

from .choices import StepKind, Track
from .models import Step
from .selectors import steps_for_person


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

    class Meta:
        model = Step
        fields = ["body", "kind", "track", "person"]

    def __init__(self, data=None, queryset=None, *, organisation_ids=(), user=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        ids = list(organisation_ids)
        self.filters["body"].queryset = Body.objects.filter(organisation_id__in=ids).order_by(
            "name"
        )
        if getattr(user, "is_authenticated", False):
            self.filters["person"].queryset = Person.objects.filter(
                organisation_id__in=ids
            ).order_by("last_name", "first_name")
        else:
            # The public filters by body and kind; who takes part is for signed-in users.
            del self.filters["person"]

    def filter_person(self, queryset, name, value):
        return steps_for_person(queryset, value) if value else queryset
