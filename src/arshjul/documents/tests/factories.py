"""Documents for tests, made by the register's own services, and files of each kind."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from arshjul.core.tests.versions import seen
from arshjul.documents import services
from arshjul.documents.models import Document

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"
EXE = b"MZ\x90\x00" + b"\x00" * 100


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def pdf_upload(name: str = "rapport.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


PATH_TO = {
    "draft": (),
    "prepared": ("prepared",),
    "treated": ("prepared", "treated"),
    "decided": ("prepared", "treated", "decided"),
    "sent": ("prepared", "treated", "decided", "sent"),
    "published": ("prepared", "treated", "decided", "published"),
}


def make_document(
    world,
    *,
    body=None,
    title: str = "Återkopplingsrapport",
    type_code: str = "aterkopplingsrapport",
    status: str = "draft",
    with_file: bool = True,
    year: int = 2021,
    decision: tuple[dt.date, str] = (dt.date(2021, 4, 1), "86"),
) -> Document:
    """A document registered, given a PDF and moved to `status` by the finance office."""
    by = world.finance_officer.user
    document = services.register_document(
        owner_body=body or world.committee_a,
        document_type=world.docs[type_code],
        title=title,
        by=by,
        year=year,
    )
    if with_file:
        services.add_version(document=document, upload=pdf_upload(), by=by, version=seen(document))
    for to in PATH_TO[status]:
        extra = {}
        if to == "decided":
            extra = {"decision_date": decision[0], "decision_paragraph": decision[1]}
        document = services.change_status(
            document=document, to=to, by=by, version=seen(document), **extra
        )
    return Document.objects.get(pk=document.pk)
