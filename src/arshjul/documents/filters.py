"""One FilterSet for the document register, shared by the register page's filter form and the
API's query parameters: type (its code), owner body (its short name in links), status and year.

Values are codes and slugs, never database ids, so that a link or an API call reads the same in
every installation. A body's slug is unique within its organisation; the bodies offered are
those of the organisations in view (the user's own, or all for the public), and a slug that no
body of theirs has matches nothing.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from arshjul.organisation.models import Body

from .choices import DocumentStatus
from .models import Document, DocumentType


class DocumentFilter(django_filters.FilterSet):
    type = django_filters.ModelChoiceFilter(
        label=_("Document type"),
        field_name="document_type",
        to_field_name="code",
        queryset=DocumentType.objects.all(),
        empty_label=_("All types"),
    )
    body = django_filters.CharFilter(
        label=_("Owner body"), field_name="owner_body__slug", max_length=50
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=DocumentStatus.choices, empty_label=_("All statuses")
    )
    year = django_filters.NumberFilter(
        label=_("Year"),
        field_name="case_year",
        min_value=1900,
        max_value=2100,
        widget=forms.NumberInput(attrs={"min": 1900, "max": 2100, "inputmode": "numeric"}),
    )

    class Meta:
        model = Document
        fields = ["type", "body", "status", "year"]

    def __init__(
        self,
        data=None,
        queryset: QuerySet[Document] | None = None,
        *,
        organisation_ids=None,
        **kwargs,
    ):
        super().__init__(data, queryset=queryset, **kwargs)
        self.organisation_ids = None if organisation_ids is None else list(organisation_ids)
        self.filters["body"].extra["widget"] = forms.Select(
            choices=_BodyChoices(self.organisation_ids)
        )


class _BodyChoices:
    """The bodies in view as (slug, name) options, read only when the page shows the list."""

    def __init__(self, organisation_ids: list[int] | None):
        self.organisation_ids = organisation_ids

    def __iter__(self):
        bodies = Body.objects.order_by("name").values_list("slug", "name")
        if self.organisation_ids is not None:
            bodies = bodies.filter(organisation_id__in=self.organisation_ids)
        seen: dict[str, str] = {}
        for slug, name in bodies:
            seen.setdefault(slug, name)
        yield ("", _("All bodies"))
        yield from seen.items()
