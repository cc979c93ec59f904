"""Reads of the register: restricted to what the user may see, newest first, shaped for the pages."""

from __future__ import annotations

import pytest

from arshjul.documents import selectors

from .factories import make_document


@pytest.fixture
def documents(world):
    return {
        "old": make_document(world, title="Äldre", year=2020, status="published"),
        "draft": make_document(world, title="Utkast"),
        "new": make_document(world, title="Nyare", status="published"),
    }


def test_register_is_restricted_and_newest_first(personas, documents):
    titles = [d.title for d in selectors.register_for(user=personas["anonymous"])]
    assert titles == ["Nyare", "Äldre"]
    titles = [d.title for d in selectors.register_for(user=personas["finance_officer"])]
    assert titles == ["Nyare", "Utkast", "Äldre"]


def test_register_for_one_organisation(world, personas, documents):
    assert not selectors.register_for(
        user=personas["finance_officer"], organisation_id=world.other_org.pk
    ).exists()


def test_document_detail_is_none_when_hidden(personas, documents):
    pk = documents["draft"].pk
    assert selectors.document_detail(pk=pk, user=personas["anonymous"]) is None
    assert selectors.document_detail(pk=pk, user=personas["secretary_committee_b"]) is None
    assert selectors.document_detail(pk=pk, user=personas["secretary_committee_a"]).pk == pk


def test_decision_reference(documents):
    assert selectors.decision_reference(documents["new"]) == "HSN 2021-04-01 § 86"
    assert selectors.decision_reference(documents["draft"]) == ""


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", set()),
        ("politician_majority", set()),
        ("outsider_finance", set()),  # her organisation has no bodies in this world
        ("secretary_committee_a", {"hsn"}),
        ("finance_officer", {"rf", "rs", "rsau", "hsn", "run"}),
    ],
)
def test_bodies_for_registering(personas, persona, expected):
    bodies = selectors.bodies_for_registering(user=personas[persona])
    assert {b.slug for b in bodies} == expected
