"""Who sees which documents: drafts are never public."""

import pytest

from arshjul.documents import services
from arshjul.documents.models import Document
from arshjul.documents.permissions import documents_visible_to


@pytest.fixture
def documents(world):
    def make(body, title):
        return services.register_document(
            owner_body=body,
            document_type=world.docs["aterkopplingsrapport"],
            title=title,
            by=None,
            year=2021,
        )

    draft_a = make(world.committee_a, "Utkast HSN")
    draft_b = make(world.committee_b, "Utkast RUN")
    published = make(world.committee_b, "Publicerad RUN")
    Document.objects.filter(pk=published.pk).update(
        status="published", decision_date="2021-04-01", decision_paragraph="§ 1"
    )
    return {"draft_a": draft_a, "draft_b": draft_b, "published": published}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", {"published"}),
        ("finance_officer", {"draft_a", "draft_b", "published"}),
        ("secretary_committee_a", {"draft_a", "published"}),
        ("secretary_committee_b", {"draft_b", "published"}),
        ("politician_majority", {"published"}),  # sits on the board, not on the committees
        ("outsider_finance", {"published"}),
    ],
)
def test_documents_visible_to(personas, documents, persona, expected):
    visible = set(
        documents_visible_to(personas[persona], Document.objects.all()).values_list(
            "title", flat=True
        )
    )
    names = {key for key, doc in documents.items() if doc.title in visible}
    assert names == expected
