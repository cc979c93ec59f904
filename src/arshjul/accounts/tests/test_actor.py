"""Every service names its actor: a missing one (`by=None`) is a programming error and is
refused, never treated as the system; the system actor passes and is recorded as the system."""

from __future__ import annotations

import pytest

from arshjul.accounts.roles import SYSTEM, MissingActor
from arshjul.core.audit import history_for, record
from arshjul.documents.models import Document, DocumentType
from arshjul.documents.services import register_document
from arshjul.feedback.services import start_report
from arshjul.finance.models import Scenario
from arshjul.finance.services import create_scenario
from arshjul.notifications.services import set_language
from arshjul.process.models import Cycle
from arshjul.process.services import generate_cycle, publish_cycle


def _register(world, by):
    return register_document(
        owner_body=world.committee_a,
        document_type=DocumentType.objects.order_by("pk").first(),
        title="Budgetunderlag",
        by=by,
        cycle=world.cycle,
    )


SERVICES = {
    "process.generate_cycle": lambda w, by: generate_cycle(
        template=w.template, budget_year=2031, by=by
    ),
    "process.publish_cycle": lambda w, by: publish_cycle(cycle=w.cycle, by=by),
    "documents.register_document": _register,
    "feedback.start_report": lambda w, by: start_report(cycle=w.cycle, body=w.committee_a, by=by),
    "finance.create_scenario": lambda w, by: create_scenario(cycle=w.cycle, name="Bas", by=by),
    "notifications.set_language": lambda w, by: set_language(
        person=w.finance_officer, language="en", by=by
    ),
}


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_a_service_called_without_an_actor_is_refused(name, world):
    before = (Cycle.objects.count(), Document.objects.count(), Scenario.objects.count())
    with pytest.raises(MissingActor):
        SERVICES[name](world, None)
    assert (Cycle.objects.count(), Document.objects.count(), Scenario.objects.count()) == before
    world.finance_officer.refresh_from_db()
    assert world.finance_officer.language != "en"


def test_the_audit_trail_refuses_an_entry_without_an_actor(world):
    with pytest.raises(MissingActor):
        record(world.cycle, action="process.cycle.created", by=None)


def test_the_system_actor_passes_and_is_recorded_as_the_system(world):
    document = _register(world, SYSTEM)
    entry = history_for(document).get()
    assert entry.by is None
    assert entry.action == "documents.document.registered"
