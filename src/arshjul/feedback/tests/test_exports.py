"""The compilation opened back: Word with python-docx, PDF/A with pypdf."""

import datetime as dt
import io

import docx
import pypdf

from arshjul.accounts.roles import SYSTEM
from arshjul.documents import services as documents
from arshjul.feedback import services
from arshjul.feedback.models import DEFAULT_HEADINGS


def _world_with_answers(world):
    a = services.start_report(cycle=world.cycle, body=world.committee_a, by=SYSTEM)
    services.save_sections(
        report=a,
        texts={1: "Hälso- och sjukvårdens bidrag.", 6: "Utmaningar i länet."},
        by=SYSTEM,
        version=None,
    )
    b = services.start_report(cycle=world.cycle, body=world.committee_b, by=SYSTEM)
    services.save_sections(report=b, texts={1: "Utvecklingens bidrag."}, by=SYSTEM, version=None)
    for to in ("prepared", "treated"):
        documents.change_status(document=b.document, to=to, by=SYSTEM, version=None)
    documents.change_status(
        document=b.document,
        to="decided",
        by=SYSTEM,
        decision_date=dt.date(2021, 4, 14),
        decision_paragraph="31",
        version=None,
    )
    return a, b


def test_word_has_every_heading_committee_and_decision(client_for, world):
    _world_with_answers(world)
    response = client_for("finance_officer").get("/feedback/cycles/test-2022/compilation.docx")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    word = docx.Document(io.BytesIO(response.content))
    text = [p.text for p in word.paragraphs]
    for number, heading in enumerate(DEFAULT_HEADINGS, start=1):
        assert f"{number}. {heading}" in text
    assert text.count("Hälso- och sjukvårdsnämnden") == len(DEFAULT_HEADINGS)
    assert "Hälso- och sjukvårdens bidrag." in text and "Utmaningar i länet." in text
    assert any("RUN/1/2021" in t and "§ 31" in t for t in text)


def test_pdf_is_pdfa_with_every_heading_and_committee(client_for, world):
    _world_with_answers(world)
    response = client_for("finance_officer").get("/feedback/cycles/test-2022/compilation.pdf")
    assert response["Content-Type"] == "application/pdf"
    pdf = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in pdf.pages)
    for heading in DEFAULT_HEADINGS:
        assert heading.split(" – ")[0][:30] in text
    assert "Regionala utvecklingsnämnden" in text and "Utvecklingens bidrag." in text
    metadata = pdf.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in metadata and "2" in metadata


def test_the_public_gets_decided_answers_never_drafts_in_the_word_file(client_for, world):
    """A decided report is an allmän handling: public without a further "publish"; a draft
    never is."""
    _world_with_answers(world)
    response = client_for("anonymous").get("/feedback/cycles/test-2022/compilation.docx")
    text = " ".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Hälso- och sjukvårdens bidrag." not in text and "Utvecklingens bidrag." in text


def test_word_properties_say_what_the_document_is(client_for, world):
    import io

    from docx import Document as WordDocument

    word = WordDocument(
        io.BytesIO(
            client_for("finance_officer").get("/feedback/cycles/test-2022/compilation.docx").content
        )
    )
    props = word.core_properties
    assert props.author == world.org.name and "python-docx" not in (props.comments or "")
    assert props.language == "sv-SE" and props.created.year >= 2025
