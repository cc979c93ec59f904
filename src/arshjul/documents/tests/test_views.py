"""The register's pages: what each persona sees, registering, uploading, moving the status, the
file download, bad input, and query counts that do not grow with the register."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from arshjul.accounts.roles import SYSTEM
from arshjul.core.tests.versions import seen
from arshjul.documents import services
from arshjul.documents.models import Document, DocumentVersion

from .factories import EXE, PDF, docx_bytes, make_document, pdf_upload


def sv(message: str, **params) -> str:
    """What the Swedish UI says, read from the catalogue."""
    with translation.override("sv"):
        text = translation.gettext(message)
    return text % params if params else text


def page(document) -> str:
    return f"/documents/{document.pk}/"


@pytest.fixture
def published_a(world):
    return make_document(world, title="Återkopplingsrapport HSN 2022", status="published")


@pytest.fixture
def draft_a(world):
    return make_document(world, title="Utkast till återkoppling HSN")


# --- the register ---------------------------------------------------------------------------


def test_register_shows_case_number_decision_reference_and_latest_version(client_for, published_a):
    html = client_for("anonymous").get("/documents/").content.decode()
    assert published_a.case_number in html
    assert "HSN 2021-04-01 § 86" in html
    assert f"/documents/{published_a.pk}/versions/1/download/" in html


def test_public_register_holds_no_draft(client_for, published_a, draft_a):
    for persona in ("anonymous", "outsider_finance", "secretary_committee_b"):
        html = client_for(persona).get("/documents/").content.decode()
        assert published_a.title in html, persona
        assert draft_a.title not in html, persona
        assert draft_a.case_number not in html, persona


def test_own_body_sees_its_drafts_in_the_register(client_for, published_a, draft_a):
    for persona in ("secretary_committee_a", "finance_officer"):
        html = client_for(persona).get("/documents/").content.decode()
        assert draft_a.title in html and published_a.title in html, persona


def test_register_filters_by_type_body_status_and_year(world, client_for):
    report = make_document(world, title="Rapport HSN 2021")
    minutes = make_document(
        world, body=world.committee_b, title="Protokoll RUN", type_code="protokoll"
    )
    old = make_document(world, title="Rapport HSN 2020", year=2020)
    client = client_for("finance_officer")

    def titles(**query) -> set[str]:
        html = client.get("/documents/", query).content.decode()
        return {d.title for d in (report, minutes, old) if d.title in html}

    assert titles(type="protokoll") == {"Protokoll RUN"}
    assert titles(body="hsn") == {"Rapport HSN 2021", "Rapport HSN 2020"}
    assert titles(year=2020) == {"Rapport HSN 2020"}
    assert titles(status="draft", body="run") == {"Protokoll RUN"}
    assert titles(status="published") == set()


def test_register_filter_fragment_for_htmx(world, client_for, published_a):
    response = client_for("anonymous").get(
        "/documents/", {"status": "published"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert published_a.case_number in html
    assert "<html" not in html


def test_register_button_only_for_those_who_may_register(world, client_for):
    for persona, shown in [
        ("anonymous", False),
        ("politician_majority", False),
        ("secretary_committee_a", True),
        ("finance_officer", True),
    ]:
        html = client_for(persona).get("/documents/").content.decode()
        assert ('href="/documents/new/"' in html) is shown, persona


# --- registering ------------------------------------------------------------------------------


def test_secretary_is_offered_only_her_own_body(world, client_for):
    html = client_for("secretary_committee_a").get("/documents/new/").content.decode()
    assert world.committee_a.name in html
    assert world.committee_b.name not in html


def test_registering_redirects_to_the_document_with_its_case_number(world, client_for):
    response = client_for("secretary_committee_a").post(
        "/documents/new/",
        {
            "owner_body": world.committee_a.pk,
            "document_type": world.docs["aterkopplingsrapport"].pk,
            "title": "  Återkopplingsrapport   HSN ",
            "cycle": world.cycle.pk,
        },
        follow=True,
    )
    document = Document.objects.get(title="Återkopplingsrapport HSN")
    assert response.redirect_chain[-1][0] == page(document)
    assert (document.status, document.cycle, document.owner_body) == (
        "draft",
        world.cycle,
        world.committee_a,
    )
    html = response.content.decode()
    assert (
        sv(
            "The document was registered with case number %(case_number)s.",
            case_number=document.case_number,
        )
        in html
    )


def test_registering_without_a_title_is_refused_on_the_form(world, client_for):
    response = client_for("secretary_committee_a").post(
        "/documents/new/",
        {
            "owner_body": world.committee_a.pk,
            "document_type": world.docs["protokoll"].pk,
            "title": " ",
        },
    )
    assert response.status_code == 400
    assert not Document.objects.exists()


# --- the document page ------------------------------------------------------------------------


def test_document_page_shows_history_decision_and_versions(world, client_for, published_a):
    html = client_for("anonymous").get(page(published_a)).content.decode()
    assert published_a.case_number in html
    assert "HSN 2021-04-01 § 86" in html
    assert "rapport.pdf" in html
    assert html.count("<tr><td>") >= 6  # one version, five moves: registered … published
    with translation.override("sv"):
        assert str(published_a.get_status_display()) in html
    assert 'action="/documents/' not in html  # the public changes nothing


def test_editor_sees_upload_form_and_allowed_moves_only(world, client_for, draft_a):
    html = client_for("secretary_committee_a").get(page(draft_a)).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'name="to" value="prepared"' in html
    assert 'value="treated"' not in html and 'value="decided"' not in html


def test_reader_who_may_not_change_sees_no_forms(world, client_for):
    draft_rs = make_document(world, body=world.rs, title="Utkast RS", status="prepared")
    html = client_for("politician_majority").get(page(draft_rs)).content.decode()
    assert draft_rs.title in html
    assert "multipart" not in html and 'name="to"' not in html


def test_upload_adds_a_version(world, client_for, draft_a):
    response = client_for("secretary_committee_a").post(
        f"{page(draft_a)}versions/",
        {"version": draft_a.version, "file": SimpleUploadedFile("v2.docx", docx_bytes())},
    )
    assert response.status_code == 302
    assert list(draft_a.versions.values_list("number", "kind")) == [(2, "docx"), (1, "pdf")]


def test_upload_refuses_an_exe_renamed_pdf_with_a_message(world, client_for, draft_a):
    response = client_for("secretary_committee_a").post(
        f"{page(draft_a)}versions/",
        {"version": draft_a.version, "file": SimpleUploadedFile("rapport.pdf", EXE)},
    )
    assert response.status_code == 400
    message = sv(
        "“%(name)s” is not a PDF, Word, Excel or PowerPoint file (whatever its name says).",
        name="rapport.pdf",
    )
    assert message in response.content.decode()
    assert draft_a.versions.count() == 1


def test_upload_of_an_oversized_file_is_refused(world, client_for, draft_a, settings):
    settings.DOCUMENT_MAX_BYTES = 10
    response = client_for("secretary_committee_a").post(
        f"{page(draft_a)}versions/", {"version": draft_a.version, "file": pdf_upload()}
    )
    assert response.status_code == 400
    assert 'class="field-errors"' in response.content.decode()
    assert draft_a.versions.count() == 1


def test_status_moves_with_who_and_when(world, client_for, draft_a):
    client = client_for("secretary_committee_a")
    response = client.post(
        f"{page(draft_a)}status/", {"to": "prepared", "version": draft_a.version}
    )
    assert response.status_code == 302
    draft_a.refresh_from_db()
    assert draft_a.status == "prepared"
    last = draft_a.transitions.order_by("-at", "-id").first()
    assert (last.from_status, last.to_status, last.by) == (
        "draft",
        "prepared",
        world.secretary_committee_a.user,
    )


def test_deciding_takes_date_and_paragraph(world, client_for):
    treated = make_document(world, status="treated")
    response = client_for("secretary_committee_a").post(
        f"{page(treated)}status/",
        {
            "to": "decided",
            "version": treated.version,
            "decision_date": "2021-03-25",
            "decision_paragraph": "§42",
        },
        follow=True,
    )
    assert "HSN 2021-03-25 § 42" in response.content.decode()


def test_deciding_without_a_paragraph_keeps_the_date_and_says_why(world, client_for):
    treated = make_document(world, status="treated")
    response = client_for("secretary_committee_a").post(
        f"{page(treated)}status/",
        {"to": "decided", "version": treated.version, "decision_date": "2021-03-25"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert sv("Write the decision's paragraph as a number, e.g. § 86.") in html
    assert 'value="2021-03-25"' in html
    treated.refresh_from_db()
    assert treated.status == "treated"


def test_a_stale_status_form_is_refused(world, client_for, draft_a):
    opened = draft_a.version  # the secretary opens the page …
    services.change_status(
        document=draft_a, to="prepared", by=world.finance_officer.user, version=seen(draft_a)
    )
    services.change_status(
        document=draft_a, to="draft", by=world.finance_officer.user, version=seen(draft_a)
    )
    # … and sends her form after the finance office moved it there and back.
    response = client_for("secretary_committee_a").post(
        f"{page(draft_a)}status/", {"to": "prepared", "version": opened}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        sv(
            "Someone else changed this document while you were working on it. Nothing was "
            "saved: reload the page to see their change, then try again."
        )
        in html
    )
    draft_a.refresh_from_db()
    assert draft_a.status == "draft"


def test_a_status_form_without_version_is_refused(world, client_for, draft_a):
    response = client_for("secretary_committee_a").post(
        f"{page(draft_a)}status/", {"to": "prepared"}
    )
    assert response.status_code == 400
    assert (
        sv("The form was out of date. Reload the page and try again.") in response.content.decode()
    )


# --- the download -----------------------------------------------------------------------------


def test_download_is_an_attachment_of_its_own_type(world, client_for, published_a):
    response = client_for("anonymous").get(f"{page(published_a)}versions/1/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="rapport.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_download_of_a_draft_is_private(world, client_for, draft_a):
    services.add_version(
        document=draft_a,
        upload=SimpleUploadedFile("Rapport HSN.docx", docx_bytes()),
        by=world.finance_officer.user,
        version=seen(draft_a),
    )
    response = client_for("secretary_committee_a").get(f"{page(draft_a)}versions/2/download/")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert "attachment" in response["Content-Disposition"]
    assert "private" in response["Cache-Control"]


# --- query counts -----------------------------------------------------------------------------


def grow(world, factor: int) -> None:
    """(factor - 1) more documents like each one (same body, type and status), and
    (factor - 1) more versions of each; drafts also get a longer history."""
    originals = list(Document.objects.select_related("owner_body", "document_type"))
    for document in originals:
        for i in range(1, factor):
            number = document.versions.count() + 1
            DocumentVersion.objects.create(
                document=document,
                number=number,
                file=ContentFile(PDF, name=f"v{number}.pdf"),
                original_name=f"v{number}.pdf",
                kind="pdf",
                size=len(PDF),
                uploaded_by=world.finance_officer.user,
            )
            if document.status == "draft":  # a longer history: there and back again
                for to in ("prepared", "draft"):
                    services.change_status(document=document, to=to, by=SYSTEM, version=None)
            make_document(
                world,
                body=document.owner_body,
                type_code=document.document_type.code,
                title=f"{document.title} {i}",
                status=document.status,
                year=document.case_year,
            )


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


PAGES = [
    ("anonymous", "/documents/"),
    ("finance_officer", "/documents/"),
    ("secretary_committee_a", "/documents/?type=aterkopplingsrapport&body=hsn&year=2021"),
    ("politician_majority", "/documents/?status=published"),
    ("secretary_committee_a", "/documents/new/"),
    ("anonymous", "__published__"),
    ("finance_officer", "__draft__"),
    ("secretary_committee_a", "__draft__"),
    ("anonymous", "/api/v1/documents"),
    ("finance_officer", "/api/v1/documents?body=hsn"),
    ("secretary_committee_a", "/api/v1__draft__"),
]


@pytest.mark.parametrize(("persona", "url"), PAGES)
def test_query_count_same_at_n_and_10n(world, client_for, persona, url, settings):
    settings.PUBLIC_CACHE_SECONDS = 0  # count the work of building the page, not a cache hit
    published = make_document(world, title="Publicerad", status="published")
    draft = make_document(world, title="Utkast")
    make_document(world, body=world.committee_b, title="RUN", status="decided")
    url = url.replace("__published__", page(published)).replace("__draft__", page(draft))
    if url.startswith("/api/v1"):
        url = url.rstrip("/")
    client = client_for(persona)
    client.get(url)  # warm per-process caches (content types, sessions)
    at_n = count_queries(client, url)
    grow(world, 10)
    at_10n = count_queries(client, url)
    assert at_n == at_10n, f"{url}: {at_n} queries at n, {at_10n} at 10·n"


def test_register_pages_past_fifty(world, client_for):
    for i in range(52):
        services.register_document(
            owner_body=world.committee_a,
            document_type=world.docs["protokoll"],
            title=f"Protokoll {i}",
            by=SYSTEM,
            year=2021,
        )
    client = client_for("finance_officer")
    first = client.get("/documents/").content.decode()
    second = client.get("/documents/", {"page": 2}).content.decode()
    assert "Protokoll 51" in first and "Protokoll 0<" not in first
    assert "Protokoll 0<" in second
    assert 'href="?page=2"' in first


# --- the document's history -------------------------------------------------------------------


def test_a_status_move_shows_from_and_to_in_the_history(world, client_for, draft_a):
    services.change_status(
        document=draft_a, to="prepared", by=world.secretary_committee_a.user, version=seen(draft_a)
    )
    client = client_for("finance_officer")
    client.cookies["django_language"] = "en"
    html = client.get(page(draft_a)).content.decode()
    history = html[html.index('id="history-heading"') :]
    assert "Document status changed" in history
    assert (
        '<span class="diff-field">Status</span>: <span class="history-before">Draft</span>'
        in history
    )
    assert '<span class="history-after">Prepared</span>' in history
    assert "secretary_committee_a" in history  # who (her user has no full name in the tests)
    assert "Version number" in history and "rapport.pdf" in history  # the upload
    assert "Document registered" in history and draft_a.case_number in history


def test_the_history_is_for_those_who_may_read_drafts(world, client_for, published_a, draft_a):
    for persona in ("anonymous", "secretary_committee_b", "outsider_finance"):
        html = client_for(persona).get(page(published_a)).content.decode()
        assert "history-heading" not in html, persona
        assert client_for(persona).get(page(draft_a)).status_code == 404, persona
    for persona in ("finance_officer", "secretary_committee_a"):
        html = client_for(persona).get(page(published_a)).content.decode()
        assert "history-heading" in html, persona


@pytest.mark.parametrize("persona", ["finance_officer", "secretary_committee_a"])
def test_document_page_query_count_does_not_grow_with_its_history(
    world, client_for, draft_a, persona
):
    client = client_for(persona)
    by = [world.finance_officer.user, world.secretary_committee_a.user, SYSTEM]

    def moves(times: int) -> None:
        for i in range(times):
            for to in ("prepared", "draft"):
                services.change_status(document=draft_a, to=to, by=by[i % 3], version=seen(draft_a))

    moves(2)
    client.get(page(draft_a))  # warm per-process caches
    at_n = count_queries(client, page(draft_a))
    moves(18)
    assert count_queries(client, page(draft_a)) == at_n
