"""The permission matrix across apps: the pages that gather other apps' objects for a person
(notifications of the register's documents, the mail outbox, the money index, the personal
pages) answer each persona exactly as the owning app's rule says (tests/matrix.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from arshjul.documents import services as documents
from tests.matrix import HIDDEN, SHOWN, Row, answers, assert_channels_agree, cells, check, get

SIGNED_IN = (
    "no_person",
    "finance_officer",
    "executive_staff",
    "secretary_committee_a",
    "member_majority_a",
    "member_opposition_a",
    "politician_opposition",
    "outsider_finance",
)


@pytest.fixture
def subjects(world, personas) -> SimpleNamespace:
    """A draft and a prepared document of committee A, registered by its secretary: the
    register tells their readers (notifications), nobody else."""
    secretary = personas["secretary_committee_a"]
    draft = documents.register_document(
        owner_body=world.committee_a,
        document_type=world.docs["tjansteskrivelse"],
        title="Utkast om vårdplatser",
        by=secretary,
        year=2021,
    )
    prepared = documents.register_document(
        owner_body=world.committee_a,
        document_type=world.docs["tjansteskrivelse"],
        title="Berett underlag om vårdplatser",
        by=secretary,
        year=2021,
    )
    prepared = documents.change_status(
        document=prepared, to="prepared", by=secretary, version=prepared.version
    )
    return SimpleNamespace(world=world, draft=draft, prepared=prepared)


def _everyone_signed_in(answer, **overrides):
    return answers(302, **{p: overrides.get(p, answer) for p in SIGNED_IN})


ROWS = [
    Row(
        "notification of a register document",
        "draft",
        "list",
        "page",
        lambda s: get("/me/notifications/"),
        # Told: the body's people who may read the draft; its registrar wrote it, and its
        # members may not read it yet.
        _everyone_signed_in(HIDDEN),
        marker=lambda s: s.draft.title,
    ),
    Row(
        "notification of a register document",
        "prepared",
        "list",
        "page",
        lambda s: get("/me/notifications/"),
        # From prepared on the body's members are told (the central offices read it but are
        # told of a committee's documents only when a report is sent).
        _everyone_signed_in(HIDDEN, member_majority_a=SHOWN, member_opposition_a=SHOWN),
        marker=lambda s: s.prepared.title,
    ),
    Row(
        "register document",
        "draft",
        "list",
        "page",
        lambda s: get("/documents/"),
        answers(HIDDEN, finance_officer=SHOWN, secretary_committee_a=SHOWN),
        marker=lambda s: s.draft.title,
    ),
    Row(
        "register document",
        "draft",
        "list",
        "api",
        lambda s: get("/api/v1/documents"),
        answers(HIDDEN, finance_officer=SHOWN, secretary_committee_a=SHOWN),
        marker=lambda s: s.draft.title,
    ),
    Row(
        "mail outbox",
        "failed mail",
        "list",
        "page",
        lambda s: get("/me/notifications/outbox/"),
        _everyone_signed_in(404, finance_officer=200, outsider_finance=200),
    ),
    Row(
        "money pages' index",
        "organisation's",
        "list",
        "page",
        lambda s: get("/finance/"),
        _everyone_signed_in(200),
    ),
    Row(
        "my next steps",
        "own",
        "read",
        "page",
        lambda s: get("/me/"),
        _everyone_signed_in(200),
    ),
]


@pytest.mark.parametrize("cell", cells(ROWS))
def test_cell(cell, client_for, subjects):
    check(cell, client_for(cell.persona), subjects)


def test_page_and_api_agree():
    assert_channels_agree(ROWS)
