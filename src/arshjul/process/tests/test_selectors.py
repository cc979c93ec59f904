"""Reads: chain checks, steps per person on the step's date, live cycles."""

import datetime as dt

from django.utils import translation

from arshjul.accounts.roles import SYSTEM
from arshjul.organisation.models import Membership
from arshjul.organisation.tests.factories import MembershipFactory, PersonFactory
from arshjul.process import selectors
from arshjul.process.models import Cycle, Step


def problems_by_key(cycle):
    return {p.step.key: p for p in selectors.chain_problems(cycle)}


def test_world_chain_only_flags_the_incomplete_meeting(world):
    with translation.override("en"):
        problems = problems_by_key(world.cycle)
    assert set(problems) == {"styrdialog"}
    assert "purpose" in problems["styrdialog"].message


def test_document_needed_before_it_is_produced_is_flagged(world):
    Step.objects.filter(cycle=world.cycle, key="aterkoppling").update(
        start=dt.date(2021, 4, 26), end=dt.date(2021, 4, 26)
    )
    with translation.override("en"):
        problem = [p for p in selectors.chain_problems(world.cycle) if p.other is not None]
    assert len(problem) == 1
    assert problem[0].step.key == "styrdialog"
    assert problem[0].other.key == "aterkoppling"
    assert "Återkopplingsrapport" in problem[0].message and "2021-04-26" in problem[0].message


def test_steps_for_person_uses_seat_on_the_step_date(world):
    person = PersonFactory(organisation=world.org)
    seat = MembershipFactory(
        person=person, body=world.committee_a, start=dt.date(2018, 10, 15), end=dt.date(2021, 3, 31)
    )
    qs = Step.objects.filter(cycle=world.cycle)
    assert set(selectors.steps_for_person(qs, person).values_list("key", flat=True)) == {"kickoff"}
    Membership.objects.filter(pk=seat.pk).update(end=None)
    assert set(selectors.steps_for_person(qs, person).values_list("key", flat=True)) == {
        "kickoff",
        "aterkoppling",
    }


def test_steps_for_person_through_posts(world):
    qs = Step.objects.filter(cycle=world.cycle)
    assert list(
        selectors.steps_for_person(qs, world.finance_officer).values_list("key", flat=True)
    ) == ["beredning"]


def test_live_cycles_overlap(world):
    from arshjul.process.services import generate_cycle

    generate_cycle(template=world.template, budget_year=2023, by=SYSTEM)
    live = selectors.live_cycles(today=dt.date(2021, 6, 1))
    assert [c.budget_year for c in live] == [2022, 2023]
    assert [c.budget_year for c in selectors.live_cycles(today=dt.date(2020, 6, 1))] == [2022]
    assert Cycle.objects.count() == 2


def test_a_used_document_still_in_draft_is_flagged_once_the_step_has_come(world):
    from arshjul.documents import services as documents

    report = documents.register_document(
        owner_body=world.committee_a,
        document_type=world.docs["aterkopplingsrapport"],
        title="Återkopplingsrapport HSN",
        by=SYSTEM,
        year=2021,
    )
    dialog = Step.objects.get(cycle=world.cycle, key="styrdialog")
    report.used_by.add(dialog)
    with translation.override("en"):
        flagged = [p for p in selectors.chain_problems(world.cycle) if "still" in p.message]
    assert len(flagged) == 1 and report.case_number in flagged[0].message
    for to in ("prepared", "treated"):
        report = documents.change_status(document=report, to=to, by=SYSTEM, version=None)
    documents.change_status(
        document=report,
        to="decided",
        by=SYSTEM,
        decision_date=dt.date(2021, 4, 10),
        decision_paragraph="12",
        version=None,
    )
    assert not [p for p in selectors.chain_problems(world.cycle) if report.case_number in p.message]


def test_an_officials_memo_is_ready_once_prepared(world):
    from arshjul.documents import services as documents

    memo = documents.register_document(
        owner_body=world.rs,
        document_type=world.docs["tjansteskrivelse"],
        title="Regiondirektörens sammanfattning",
        by=SYSTEM,
        year=2021,
    )
    memo.used_by.add(Step.objects.get(cycle=world.cycle, key="styrdialog"))
    assert [p for p in selectors.chain_problems(world.cycle) if memo.case_number in p.message]
    documents.change_status(document=memo, to="prepared", by=SYSTEM, version=None)
    assert not [p for p in selectors.chain_problems(world.cycle) if memo.case_number in p.message]


def test_step_documents_hide_drafts_from_the_public(world):
    from django.contrib.auth.models import AnonymousUser

    from arshjul.documents import services as documents

    report = documents.register_document(
        owner_body=world.committee_a,
        document_type=world.docs["aterkopplingsrapport"],
        title="Rapport",
        by=SYSTEM,
        year=2021,
    )
    step = Step.objects.get(cycle=world.cycle, key="aterkoppling")
    report.produced_by = step
    report.save()
    assert selectors.step_documents(step=step, user=AnonymousUser()) == ([], [])
    assert selectors.step_documents(step=step, user=world.secretary_committee_a.user)[0] == [report]
