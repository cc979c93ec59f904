"""Demo documents in the register: the 2022 cycle's planning prerequisites, each committee's
feedback report in a different state against 16 April 2021, and the minutes of the steering
dialogues. Registered and moved through the real services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from arshjul.accounts.roles import SYSTEM
from arshjul.documents import services
from arshjul.documents.models import Document, DocumentTransition, DocumentType
from arshjul.documents.services import change_status
from arshjul.feedback.models import FeedbackReport, FeedbackSummary
from arshjul.feedback.services import save_sections, save_summary, start_report, start_summary
from arshjul.organisation.models import Body, Organisation
from arshjul.process.models import Cycle, Step

PATH_TO = {
    "prepared": ("prepared",),
    "treated": ("prepared", "treated"),
    "decided": ("prepared", "treated", "decided"),
    "sent": ("prepared", "treated", "decided", "sent"),
    "published": ("prepared", "treated", "decided", "published"),
}

DOCUMENTS = [
    # owner body, type, title, status, decision (date, §), produced in step, used in steps
    (
        "rs",
        "planeringsforutsattningar",
        "Planeringsförutsättningar 2022–2025",
        "published",
        (dt.date(2021, 1, 29), "12"),
        "planeringsforutsattningar",
        ["kickoff", "underlag-till-namnd"],
    ),
    (
        "rsau",
        "protokoll",
        "Protokoll styrdialoger 20 april 2021",
        "draft",
        None,
        "styrdialoger",
        [],
    ),
]


# Each committee's feedback report for budget year 2022, in its own state against 16 April 2021:
# (status, decision, the day each status was reached, an answer under the first heading).
REPORTS = {
    "hsn": (
        "sent",
        (dt.date(2021, 4, 8), "45"),
        ["2021-03-15", "2021-04-08", "2021-04-08", "2021-04-12"],
        "<p>Nämnden bidrar till fullmäktiges mål genom en nära vård med fler besök i primärvården.</p>",
    ),
    "run": (
        "decided",
        (dt.date(2021, 4, 14), "31"),
        ["2021-03-17", "2021-04-14", "2021-04-14"],
        "<p>Regional utveckling prioriterar kollektivtrafik och kultur i hela länet.</p>",
    ),
    "pn": (
        "treated",
        None,
        ["2021-03-25", "2021-04-15"],
        "<p>Patientnämnden ser ett ökat antal ärenden om tillgänglighet.</p>",
    ),
}


def load_reports(org: Organisation) -> int:
    """Start each committee's feedback report for 2022 and move it to its demo state."""
    cycle = Cycle.objects.get(organisation=org, budget_year=2022)
    if FeedbackReport.objects.filter(cycle=cycle).exists():
        return 0
    dialogue = Step.objects.get(cycle=cycle, key="styrdialoger")
    for slug, (status, decision, days, answer) in REPORTS.items():
        body = Body.objects.get(organisation=org, slug=slug)
        report = start_report(cycle=cycle, body=body, by=SYSTEM)
        save_sections(report=report, texts={1: answer}, by=SYSTEM, version=None)
        report.document.used_by.set([dialogue])
        document = report.document
        for to, day in zip(PATH_TO[status], days, strict=True):
            extra = {}
            if to == "decided":
                extra = {"decision_date": decision[0], "decision_paragraph": decision[1]}
            document = change_status(document=document, to=to, by=SYSTEM, version=None, **extra)
            at = timezone.make_aware(dt.datetime.fromisoformat(day).replace(hour=10))
            DocumentTransition.objects.filter(document=document, to_status=to).update(at=at)
    return len(REPORTS)


SUMMARY_INTRODUCTION = (
    "<p>Tre nämnder har svarat på planeringsförutsättningarna. Hälso- och sjukvårdsnämnden "
    "skickade sin rapport i tid; regionala utvecklingsnämnden har beslutat men inte skickat sin, "
    "och patientnämnden har behandlat sin rapport efter att underlaget skulle vara nämnden "
    "tillhanda.</p>"
)
SUMMARY_FIRST = (
    "<p>Nämnderna ställer sig bakom fullmäktiges mål. Nära vård och kollektivtrafik i hela "
    "länet lyfts fram som de viktigaste bidragen.</p>"
)


def load_summary(org: Organisation) -> int:
    """The chief executive's summary of the 2022 answers, prepared for the preparation meeting."""
    cycle = Cycle.objects.get(organisation=org, budget_year=2022)
    if FeedbackSummary.objects.filter(cycle=cycle).exists():
        return 0
    summary = start_summary(cycle=cycle, by=SYSTEM)
    save_summary(
        summary=summary,
        introduction=SUMMARY_INTRODUCTION,
        texts=[SUMMARY_FIRST],
        by=SYSTEM,
        version=None,
    )
    change_status(document=summary.document, to="prepared", by=SYSTEM, version=None)
    return 1


def load_documents(org: Organisation) -> int:
    """Register the demo's documents once; returns how many were made."""
    if Document.objects.filter(organisation=org).exists():
        return 0
    bodies = {b.slug: b for b in Body.objects.filter(organisation=org)}
    types = {t.code: t for t in DocumentType.objects.all()}
    steps = {
        s.key: s for s in Step.objects.filter(cycle__organisation=org, cycle__budget_year=2022)
    }
    for body, kind, title, status, decision, produced_in, used_in in DOCUMENTS:
        document = services.register_document(
            owner_body=bodies[body],
            document_type=types[kind],
            title=title,
            by=SYSTEM,
            cycle=steps[produced_in].cycle,
            produced_by=steps[produced_in],
            year=2021,
        )
        document.used_by.set([steps[key] for key in used_in])
        for to in PATH_TO.get(status, ()):
            extra = {}
            if to == "decided":
                extra = {"decision_date": decision[0], "decision_paragraph": decision[1]}
            document = services.change_status(
                document=document, to=to, by=SYSTEM, version=None, **extra
            )
    return len(DOCUMENTS) + load_reports(org) + load_summary(org)
