"""Party budgets: a party's proposal side by side with the majority's frames, its own balance
check, the appendix of its items, who reads a draft, tabling, lost updates, query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arshjul.core.errors import DomainError
from arshjul.core.models import AuditEntry
from arshjul.core.tests.versions import seen
from arshjul.demo.finance import V1, load_frames, load_space
from arshjul.finance import services_party as services
from arshjul.finance.models import FrameVersion, PartyProposal, Scenario
from arshjul.finance.selectors_frames import scenario_for_frames
from arshjul.finance.selectors_party import side_by_side
from arshjul.organisation.models import Party

M = Decimal(1_000_000)
EN = {"django_language": "en"}


@pytest.fixture
def party(world):
    load_space(world.org)
    load_frames(world.org)
    scenario = Scenario.objects.get(cycle=world.cycle, name="Bas")
    base = FrameVersion.objects.get(scenario=scenario, name=V1)
    opposition = Party.objects.create(
        organisation=world.org, name="Oppositionen", abbreviation="OPP"
    )
    officer = world.finance_officer.user
    proposal = services.create_proposal(base=base, party=opposition, by=officer)
    services.add_item(
        proposal=proposal,
        body=world.committee_a,
        year=2023,
        kind="priority",
        amount=Decimal("20.0") * M,
        text="Fler vårdplatser",
        by=officer,
        expected=seen(proposal.frame_version),
    )
    return {
        "scenario": scenario,
        "base": base,
        "proposal": proposal,
        "party": opposition,
        "url": f"/finance/cycles/test-2022/scenarios/{scenario.pk}/frames/party/{proposal.pk}/",
    }


def test_side_by_side_and_the_balance_check(world, party):
    data = side_by_side(party["proposal"], scenario_for_frames(party["scenario"].pk))
    hsn = world.committee_a.pk
    assert data.majority.frames[hsn, 2022].value == data.party.frames[hsn, 2022].value
    diff = data.party.frames[hsn, 2023].value - data.majority.frames[hsn, 2023].value
    assert diff == Decimal("20.0") * M
    m = {b.year: b.result for b in data.majority.balance}
    p = {b.year: b.result for b in data.party.balance}
    assert m[2022] == p[2022]
    assert m[2023] - p[2023] == Decimal("20.0") * M
    # carried into 2024 and indexed
    assert m[2024] - p[2024] > Decimal("20.0") * M


def test_on_an_adopted_version_the_party_builds_on_its_figures_as_adopted(world, party):
    from arshjul.finance.models import ScenarioYear

    ScenarioYear.objects.filter(scenario=party["scenario"], year=2023).update(index=Decimal("0.06"))
    data = side_by_side(party["proposal"], scenario_for_frames(party["scenario"].pk))
    assert data.majority.frozen and data.majority.differs
    run = world.committee_b.pk  # no item of the party's: the same frame on both sides
    assert data.party.frames[run, 2023].value == data.majority.frames[run, 2023].value
    hsn = world.committee_a.pk
    diff = data.party.frames[hsn, 2023].value - data.majority.frames[hsn, 2023].value
    assert diff == Decimal("20.0") * M


def test_the_finance_office_reads_the_page_and_the_appendix(client_for, party):
    client = client_for("finance_officer")
    client.cookies.load(EN)
    html = client.get(party["url"]).content.decode()
    assert "Oppositionen" in html and "Fler vårdplatser" in html
    assert "Appendix" in html and "Balance check" in html and "Table the proposal" in html
    frames = client.get(f"/finance/cycles/test-2022/scenarios/{party['scenario'].pk}/frames/")
    assert party["url"] in frames.content.decode()


def _person(user):
    return user.person


def test_who_reads_a_draft(world, client_for, party):
    majority = world.politician_majority.user
    assert client_for("politician_majority").get(party["url"]).status_code == 404
    assert client_for("anonymous").get(party["url"]).status_code in (302, 404)
    person = _person(majority)
    person.party = party["party"]
    person.save()
    assert client_for("politician_majority").get(party["url"]).status_code == 200
    person.party = None
    person.save()
    services.table_proposal(
        proposal=party["proposal"],
        by=world.finance_officer.user,
        expected=seen(party["proposal"].frame_version),
    )
    assert client_for("politician_majority").get(party["url"]).status_code == 200
    assert client_for("outsider_finance").get(party["url"]).status_code == 404


def test_the_finance_office_and_the_partys_own_politicians_edit(world, client_for, party):
    url = party["url"] + "table/"
    assert client_for("politician_majority").post(url).status_code == 404
    other = Party.objects.create(organisation=world.org, name="Majoriteten", abbreviation="MAJ")
    person = _person(world.politician_majority.user)
    person.party = other
    person.save()
    assert client_for("politician_majority").post(url).status_code == 404  # a draft: hidden
    services.table_proposal(
        proposal=party["proposal"],
        by=world.finance_officer.user,
        expected=seen(party["proposal"].frame_version),
    )
    assert client_for("politician_majority").post(url).status_code == 403  # tabled: read only
    with pytest.raises(DomainError):
        services.table_proposal(
            proposal=party["proposal"],
            by=world.politician_majority.user,
            expected=seen(party["proposal"].frame_version),
        )


def test_a_partys_politician_tables_her_partys_proposal(world, client_for, party):
    person = _person(world.politician_majority.user)
    person.party = party["party"]
    person.save()
    version = FrameVersion.objects.get(pk=party["proposal"].frame_version_id).version
    response = client_for("politician_majority").post(
        party["url"] + "table/", {"expected": version}
    )
    assert response.status_code == 302
    party["proposal"].refresh_from_db()
    assert party["proposal"].is_tabled
    entry = AuditEntry.objects.get(action="finance.party.proposal_tabled")
    assert entry.by == world.politician_majority.user


def test_lost_update_tabled_frozen_and_audit(world, party):
    officer = world.finance_officer.user
    proposal = party["proposal"]
    stale = proposal.frame_version.version - 1
    with pytest.raises(DomainError) as exc:
        services.table_proposal(proposal=proposal, by=officer, expected=stale)
    assert exc.value.domain_code == "stale"
    services.table_proposal(proposal=proposal, by=officer, expected=seen(proposal.frame_version))
    with pytest.raises(DomainError) as exc:
        services.add_item(
            proposal=proposal,
            body=world.committee_a,
            year=2023,
            kind="saving",
            amount=M,
            text="x",
            by=officer,
            expected=seen(proposal.frame_version),
        )
    assert exc.value.domain_code == "tabled"
    actions = set(
        AuditEntry.objects.filter(object_id=str(proposal.frame_version_id)).values_list(
            "action", flat=True
        )
    )
    assert {"finance.party.proposal_created", "finance.party.proposal_tabled"} <= actions
    assert "finance.frames.item_added" in actions


def test_query_count_does_not_grow_with_items(world, client_for, party):
    client = client_for("finance_officer")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(party["url"]).status_code == 200
        return len(ctx)

    first = count()
    assert first <= 17  # capital costs: existing assets, the plan, rates and settings
    for n in range(9):
        services.add_item(
            proposal=party["proposal"],
            body=world.committee_b,
            year=2024,
            kind="saving",
            amount=M + n,
            text=f"Besparing {n}",
            by=world.finance_officer.user,
            expected=seen(party["proposal"].frame_version),
        )
    assert count() == first


def test_demo(world):
    import datetime as dt

    from arshjul.demo.finance import load_party
    from arshjul.organisation.models import Term

    load_space(world.org)
    load_frames(world.org)
    ours = Party.objects.create(organisation=world.org, name="A-partiet", abbreviation="A")
    Party.objects.create(organisation=world.org, name="B-partiet", abbreviation="B")
    term = Term.objects.create(
        organisation=world.org, start=dt.date(2022, 10, 15), end=dt.date(2026, 10, 14)
    )
    term.majority_parties.set([ours])
    assert load_party(world.org) == 1
    assert load_party(world.org) == 0
    proposal = PartyProposal.objects.get()
    assert proposal.party.abbreviation == "B" and proposal.base.name == V1
    assert proposal.frame_version.items.count() == 3
