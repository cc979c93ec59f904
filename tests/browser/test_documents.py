"""The document register in a real Chromium, with axe-core on every page: a committee's
secretary registers her committee's feedback report, uploads it as a PDF and moves it through
the committee's decision until it is sent."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import sv

pytestmark = pytest.mark.browser

# A small but real PDF, made here (never a file shipped with the tests).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def status_label(status: str) -> str:
    return sv(status.capitalize(), context="document status")


def test_secretary_registers_uploads_and_sends_a_feedback_report(page, demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"

    page.goto("/accounts/login/")
    page.audit.check()
    page.locator("#id_username").fill("sekreterare.hsn")
    page.locator("#id_password").fill("arshjul-demo")
    page.get_by_role("main").get_by_role("button", name=sv("Log in")).click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    page.audit.check()

    nav = page.get_by_role("banner").get_by_role("navigation")
    nav.get_by_role("link", name=sv("Documents"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/documents/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(sv("Document register"))
    page.audit.check()

    page.get_by_role("link", name=sv("Register a document")).click()
    expect(page).to_have_url(re.compile(r"/documents/new/$"))
    page.audit.check()
    owner = page.get_by_label(sv("Owner body"))
    expect(owner).to_have_value(re.compile(r"\d+"))  # her one committee, chosen for her
    expect(owner.locator("option:checked")).to_have_text("Hälso- och sjukvårdsnämnden")
    page.get_by_label(sv("Document type")).select_option(label="Återkopplingsrapport")
    page.get_by_label(sv("Title")).fill("Återkopplingsrapport HSN, webbtest")
    page.get_by_role("main").get_by_role("button", name=sv("Register"), exact=True).click()

    expect(page).to_have_url(re.compile(r"/documents/\d+/$"))
    case_number = page.locator("#case-number").inner_text()
    assert re.fullmatch(r"HSN/\d+/\d{4}", case_number), case_number
    expect(page.get_by_role("status")).to_have_text(
        sv(
            "The document was registered with case number %(case_number)s.",
            case_number=case_number,
        )
    )
    expect(page.locator("#document-status")).to_have_text(status_label("draft"))
    page.audit.check()

    page.get_by_label(sv("File")).set_input_files(
        {"name": "aterkoppling-hsn.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name=sv("Upload"), exact=True).click()
    expect(page.get_by_role("status")).to_have_text(
        sv("Version %(number)s (%(name)s) was uploaded.", number=1, name="aterkoppling-hsn.pdf")
    )
    expect(page.get_by_role("link", name="aterkoppling-hsn.pdf")).to_be_visible()
    page.audit.check()

    for to, button in [("prepared", "Mark as prepared"), ("treated", "Mark as treated")]:
        page.get_by_role("button", name=sv(button), exact=True).click()
        expect(page.locator("#document-status")).to_have_text(status_label(to))
        page.audit.check()

    decide = page.locator("form", has=page.get_by_role("button", name=sv("Record the decision")))
    decide.get_by_label(sv("Decision date")).fill("2021-04-01")
    decide.get_by_label(sv("Paragraph (§)")).fill("86")
    decide.get_by_role("button", name=sv("Record the decision")).click()
    expect(page.locator("#document-status")).to_have_text(status_label("decided"))
    expect(page.locator("#decision-reference")).to_have_text("HSN 2021-04-01 § 86")
    # A decided document takes no new file.
    expect(page.get_by_label(sv("File"))).to_have_count(0)
    page.audit.check()

    page.get_by_role("button", name=sv("Mark as sent"), exact=True).click()
    expect(page.locator("#document-status")).to_have_text(status_label("sent"))
    expect(page.locator("#case-number")).to_have_text(case_number)
    history = page.get_by_role("table", name=sv("History"))
    expect(history.locator("tbody tr td:nth-child(4)")).to_have_text(
        [status_label(s) for s in ("draft", "prepared", "treated", "decided", "sent")]
    )
    expect(history.locator("tbody tr td:nth-child(2)").first).to_have_text("Maria Forsberg")
    page.audit.check()

    nav.get_by_role("link", name=sv("Documents"), exact=True).click()
    row = page.locator("table.documents tbody tr", has_text=case_number)
    expect(row).to_contain_text("HSN 2021-04-01 § 86")
    expect(row).to_contain_text(status_label("sent"))
    page.audit.check()
