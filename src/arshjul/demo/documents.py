"""Demo documents in the register: the 2022 cycle's planning prerequisites, each committee's
feedback report in a different state against 16 April 2021, and the minutes of the steering
dialogues. Registered and moved through the real services."""

from __future__ import annotations

import datetime as dt

from arshjul.documents import services
from arshjul.documents.models import Document, DocumentType
from arshjul.organisation.models import Body, Organisation
from arshjul.process.models import Step

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
        "hsn",
        "aterkopplingsrapport",
        "Återkopplingsrapport hälso- och sjukvårdsnämnden",
        "sent",
        (dt.date(2021, 4, 8), "45"),
        "aterkopplingsrapport",
        ["styrdialoger"],
    ),
    (
        "run",
        "aterkopplingsrapport",
        "Återkopplingsrapport regionala utvecklingsnämnden",
        "decided",
        (dt.date(2021, 4, 14), "31"),
        "aterkopplingsrapport",
        ["styrdialoger"],
    ),
    (
        "pn",
        "aterkopplingsrapport",
        "Återkopplingsrapport patientnämnden",
        "treated",
        None,
        "aterkopplingsrapport",
        ["styrdialoger"],
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
            by=None,
            cycle=steps[produced_in].cycle,
            produced_by=steps[produced_in],
            year=2021,
        )
        document.used_by.set([steps[key] for key in used_in])
        for to in PATH_TO.get(status, ()):
            extra = {}
            if to == "decided":
                extra = {"decision_date": decision[0], "decision_paragraph": decision[1]}
            document = services.change_status(document=document, to=to, by=None, **extra)
    return len(DOCUMENTS)
