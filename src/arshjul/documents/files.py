"""What an uploaded file really is, judged by its content, never by its name (pure logic)."""

from __future__ import annotations

import zipfile
from typing import IO

from .choices import FileKind

# The part each Office Open XML kind must contain.
OOXML_PARTS = {
    FileKind.DOCX: "word/document.xml",
    FileKind.XLSX: "xl/workbook.xml",
    FileKind.PPTX: "ppt/presentation.xml",
}


def detect_kind(stream: IO[bytes]) -> FileKind | None:
    """PDF, DOCX, XLSX or PPTX by content; None for anything else (an .exe renamed .pdf)."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(stream) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            stream.seek(0)
        if "[Content_Types].xml" not in names:
            return None
        for kind, part in OOXML_PARTS.items():
            if part in names:
                return kind
    return None
