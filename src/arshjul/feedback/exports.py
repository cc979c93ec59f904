"""The compilation of all committees' answers as Word (python-docx) and PDF/A-2b (WeasyPrint):
the input to the chief executive's summary. Renderers only: a selector's output in, bytes out."""

from __future__ import annotations

import io
import re

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document as WordDocument

PARAGRAPH_END = re.compile(r"</(p|li|h3|h4|blockquote)>|<br\s*/?>", re.IGNORECASE)


def paragraphs(html_text: str) -> list[str]:
    """The sanitised answer as plain paragraphs, for Word."""
    parts = PARAGRAPH_END.split(html_text or "")
    return [strip_tags(p).strip() for p in parts[::2] if strip_tags(p).strip()]


def decision_reference(report) -> str:
    doc = report.document
    if not doc.decision_paragraph:
        return _("not decided yet")
    return f"{doc.decision_body.short_name} {date_format(doc.decision_date, 'j F Y')} {doc.decision_paragraph}"


def _new_word(title: str, author: str):
    """A Word document whose properties say what it is: title, author, now, the UI's language
    (python-docx's template otherwise says "python-docx", 2013 and en-US)."""
    word = WordDocument()
    props = word.core_properties
    now = timezone.now().replace(microsecond=0)
    props.title, props.author, props.last_modified_by = title, author, author
    props.comments, props.keywords, props.subject = "", "", ""
    props.created = props.modified = now
    props.language = {"sv": "sv-SE", "en": "en-GB"}.get(get_language() or "sv", "sv-SE")
    return word


def compilation_docx(*, cycle, by_heading, reports) -> bytes:
    word = _new_word(
        _("The committees' answers: %(cycle)s") % {"cycle": cycle}, cycle.organisation.name
    )
    word.add_heading(_("The committees' answers: %(cycle)s") % {"cycle": cycle}, level=0)
    for report in reports:
        word.add_paragraph(
            f"{report.body.name}: {report.document.case_number}, {decision_reference(report)}"
        )
    for number, (heading, answers) in enumerate(by_heading, start=1):
        word.add_heading(f"{number}. {heading}", level=1)
        for report, section in answers:
            word.add_heading(report.body.name, level=2)
            texts = paragraphs(section.text) if section else []
            for text in texts or [_("Not answered.")]:
                word.add_paragraph(text)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def compilation_pdf(*, cycle, by_heading, reports, request) -> bytes:
    """PDF/A-2b for the archive. WeasyPrint needs Pango (Debian: libpango-1.0-0), so it is
    imported here: the rest of the site runs without it."""
    from weasyprint import HTML

    html = render_to_string(
        "feedback/compilation_print.html",
        {
            "cycle": cycle,
            "by_heading": by_heading,
            "reports": reports,
            "references": [decision_reference(r) for r in reports],
        },
        request=request,
    )
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        pdf_variant="pdf/a-2b"
    )


def summary_docx(*, summary) -> bytes:
    word = _new_word(summary.document.title, summary.cycle.organisation.name)
    word.add_heading(summary.document.title, level=0)
    word.add_paragraph(f"{summary.document.case_number} · {summary.document.get_status_display()}")
    for text in paragraphs(summary.introduction):
        word.add_paragraph(text)
    for number, section in enumerate(summary.sections, start=1):
        word.add_heading(f"{number}. {section['heading']}", level=1)
        for text in paragraphs(section["text"]) or [_("Not written yet.")]:
            word.add_paragraph(text)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def summary_pdf(*, summary, request) -> bytes:
    """The summary as PDF/A-2b, as filed in the register."""
    from weasyprint import HTML

    html = render_to_string("feedback/summary_print.html", {"summary": summary}, request=request)
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        pdf_variant="pdf/a-2b"
    )
