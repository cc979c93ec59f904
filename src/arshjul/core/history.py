"""The history of objects as their pages show it (templates/partials/history.html): who, when,
what, and for each changed field its before → after, with a word-level difference for text.

Read from the audit trail in one query with the users joined, however long the history is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .diff import Difference, difference, is_html, plain_text
from .models import AuditEntry

# Text of more words than this is shown as a difference, not as before → after on one line.
SHORT_WORDS = 6


@dataclass(frozen=True)
class FieldChange:
    """One field of an entry: its name in the user's language, its values as shown, and for
    longer text the difference (None for short values)."""

    label: str
    before: str
    after: str
    difference: Difference | None = None

    @property
    def is_new(self) -> bool:
        """The field had no value before (a registration, a first version)."""
        return self.before == "–"


@dataclass(frozen=True)
class HistoryItem:
    entry: AuditEntry
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def who(self) -> str:
        """The user's name; empty when the system made the change."""
        user = self.entry.by
        if user is None:
            return ""
        return user.get_full_name() or user.get_username()


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def label_for(model: type[models.Model] | None, name: str) -> str:
    """A changed field's name: the model's `audit_labels`, else the field's verbose name, else
    the key itself (a feedback report's changes are keyed by their headings)."""
    own = getattr(model, "audit_labels", {}) if model is not None else {}
    if name in own:
        return str(own[name])
    hook = getattr(model, "audit_label", None) if model is not None else None
    if hook is not None and (found := hook(name)):
        return str(found)
    model_field = _field(model, name)
    return str(model_field.verbose_name) if model_field is not None else name


def shown(value: Any, model_field: models.Field | None = None) -> str:
    """A stored value as the page shows it: a choice by its label, a date in words, yes/no,
    formatted text as its plain text, nothing as a dash."""
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if value in (None, "", []):
        return "–"
    if model_field is not None and model_field.choices:
        choices = {str(k): v for k, v in model_field.flatchoices}
        if str(value) in choices:
            return str(choices[str(value)])
    if isinstance(value, list):
        return ", ".join(shown(v) for v in value)
    if isinstance(value, str) and len(value) == 10:
        try:
            return date_format(dt.date.fromisoformat(value), "j F Y")
        except ValueError:
            pass
    return plain_text(value) if isinstance(value, str) else str(value)


def _is_long(value: Any) -> bool:
    return is_html(value) or (isinstance(value, str) and len(value.split()) > SHORT_WORDS)


def changes_of(entry: AuditEntry) -> list[FieldChange]:
    """An entry's changes, in the order they were recorded."""
    model = _model(entry.object_type)
    rows = []
    for name, pair in (entry.changes or {}).items():
        before, after = (
            (pair[0], pair[1]) if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        )
        model_field = _field(model, name)
        diff = difference(before, after) if _is_long(before) or _is_long(after) else None
        # A model may show its own values (amounts in mnkr, fractions as percent).
        show = getattr(model, "audit_shown", None) if model is not None else None
        rows.append(
            FieldChange(
                label=label_for(model, name),
                before=(show and show(name, before)) or shown(before, model_field),
                after=(show and show(name, after)) or shown(after, model_field),
                difference=diff,
            )
        )
    return rows


def history_of(*objs: models.Model, limit: int | None = None) -> list[HistoryItem]:
    """The audit entries of one or more objects together, newest first, with their changes."""
    where = Q()
    for obj in objs:
        where |= Q(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    qs = AuditEntry.objects.filter(where).select_related("by").order_by("-at", "-id")
    if limit is not None:
        qs = qs[:limit]
    return [HistoryItem(entry=entry, changes=changes_of(entry)) for entry in qs]
