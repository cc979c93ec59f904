"""How an audit entry's changes are shown: labels, values, and when text becomes a difference.
No database: the entries are built in memory."""

from __future__ import annotations

import pytest
from django.utils import translation

from arshjul.core.history import HistoryItem, changes_of, shown
from arshjul.core.models import AuditEntry


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def entry(object_type: str, changes: dict) -> AuditEntry:
    return AuditEntry(object_type=object_type, object_id="1", action="x", changes=changes)


def test_a_status_is_shown_by_its_label_under_the_fields_name():
    (change,) = changes_of(entry("documents.document", {"status": ["draft", "prepared"]}))
    assert (change.label, change.before, change.after) == ("status", "Draft", "Prepared")
    assert change.difference is None and not change.is_new


def test_the_models_own_labels_name_what_is_not_its_field():
    rows = changes_of(
        entry("documents.document", {"version": [1, 2], "file_name": [None, "a.pdf"]})
    )
    assert [(r.label, r.before, r.after, r.is_new) for r in rows] == [
        ("version number", "1", "2", False),
        ("file name", "–", "a.pdf", True),
    ]


def test_a_reports_text_is_a_difference_under_its_heading():
    (change,) = changes_of(
        entry("feedback.feedbackreport", {"Mål": ["<p>Vi bidrar mycket</p>", "<p>Vi bidrar</p>"]})
    )
    assert change.label == "Mål"
    assert change.before == "Vi bidrar mycket"  # text, never markup
    assert (change.difference.added, change.difference.removed) == (0, 1)


def test_values_dates_and_booleans_read_as_words():
    assert shown("2021-04-16") == "16 April 2021"
    assert shown(True) == "yes" and shown(None) == "–" and shown(["a", "b"]) == "a, b"


def test_without_a_user_the_system_made_the_change():
    assert HistoryItem(entry=entry("documents.document", {})).who == ""
