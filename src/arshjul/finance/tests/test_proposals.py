"""Committees' change proposals: a committee proposes for its own frame on a draft version,
the finance office takes it in as a change item (amount changed first) or declines it with a
reason, the committee withdraws; who sees and does what, adopted versions and stale forms
refused, the audit trail, and the frames page's query count with many proposals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arshjul.core.errors import DomainError
from arshjul.core.models import AuditEntry
from arshjul.core.tests.versions import seen
from arshjul.demo.finance import V1, V2, load_frames, load_space
from arshjul.finance import services_proposals as services
from arshjul.finance.models import ChangeItem, ChangeProposal, FrameVersion, Scenario

M = Decimal(1_000_000)
EN = {"django_language": "en"}


@pytest.fixture
def demo(world):
    load_space(world.org)
    load_frames(world.org)
    scenario = Scenario.objects.get(cycle=world.cycle, name="Bas")
    base = f"/finance/cycles/test-2022/scenarios/{scenario.pk}/frames/"
    v2 = FrameVersion.objects.get(scenario=scenario, name=V2)
    return {
        "scenario": scenario,
        "url": base,
        "v1": FrameVersion.objects.get(scenario=scenario, name=V1),
        "v2": v2,
        "new": f"{base}versions/{v2.pk}/proposals/",
        "act": lambda p, what: f"{base}proposals/{p.pk}/{what}/",
    }


def propose(world, demo, **kw) -> ChangeProposal:
    args = {
        "version": demo["v2"],
        "body": world.committee_a,
        "year": 2023,
        "kind": "priority",
        "amount": Decimal("4.5") * M,
        "text": "Fler barnmorskor",
        "justification": "Väntetiderna i förlossningsvården",
        "by": world.secretary_committee_a.user,
    }
    return services.propose_change(**{**args, **kw})


def entries(obj, action):
    return AuditEntry.objects.filter(
        object_type="finance.changeproposal", object_id=str(obj.pk), action=action
    )


def test_a_committee_proposes_and_the_finance_office_takes_it_in(world, demo):
    proposal = propose(world, demo)
    assert proposal.status == "proposed"
    assert entries(proposal, "finance.proposal.proposed").get().by == (
        world.secretary_committee_a.user
    )
    before = demo["v2"].items.count()
    item = services.take_in(
        proposal=proposal,
        by=world.finance_officer.user,
        expected=proposal.version,
        amount=Decimal("4.0") * M,
        decision="RS 2022-02-15 § 12",
    )
    proposal.refresh_from_db()
    assert proposal.status == "taken_in" and proposal.item == item
    assert proposal.amount == Decimal("4.0") * M and proposal.decided is not None
    assert demo["v2"].items.count() == before + 1
    assert (item.body, item.year, item.kind, item.amount, item.text, item.decision) == (
        world.committee_a,
        2023,
        "priority",
        Decimal("4.0") * M,
        "Fler barnmorskor",
        "RS 2022-02-15 § 12",
    )
    entry = entries(proposal, "finance.proposal.taken_in").get()
    assert [Decimal(v) for v in entry.changes["amount"]] == [Decimal("4.5") * M, Decimal("4") * M]
    with pytest.raises(DomainError) as exc:
        services.take_in(proposal=proposal, by=world.finance_officer.user, expected=seen(proposal))
    assert exc.value.domain_code == "closed"


def test_decline_needs_a_reason_and_withdraw_is_the_committees(world, demo):
    a = propose(world, demo)
    with pytest.raises(DomainError) as exc:
        services.decline(proposal=a, by=world.finance_officer.user, expected=1, reason=" ")
    assert exc.value.domain_code == "reason"
    services.decline(proposal=a, by=world.finance_officer.user, expected=1, reason="Ryms inte")
    a.refresh_from_db()
    assert (a.status, a.reason) == ("declined", "Ryms inte")
    assert entries(a, "finance.proposal.declined").exists()

    b = propose(world, demo, text="Annat")
    with pytest.raises(DomainError) as exc:
        services.withdraw(proposal=b, by=world.secretary_committee_b.user, expected=1)
    assert exc.value.domain_code == "forbidden"
    services.withdraw(proposal=b, by=world.secretary_committee_a.user, expected=1)
    b.refresh_from_db()
    assert b.status == "withdrawn"
    assert entries(b, "finance.proposal.withdrawn").exists()


def test_refusals(world, demo):
    with pytest.raises(DomainError) as exc:
        propose(world, demo, body=world.committee_b)
    assert exc.value.domain_code == "forbidden"
    with pytest.raises(DomainError) as exc:
        propose(world, demo, version=demo["v1"])
    assert exc.value.domain_code == "adopted"
    with pytest.raises(DomainError) as exc:
        propose(world, demo, kind="saving", amount=-M)
    assert exc.value.domain_code == "sign"
    with pytest.raises(DomainError) as exc:
        propose(world, demo, year=2040)
    assert exc.value.domain_code == "year"
    with pytest.raises(DomainError) as exc:
        propose(world, demo, by=world.finance_officer.user)
    assert exc.value.domain_code == "forbidden"
    p = propose(world, demo)
    with pytest.raises(DomainError) as exc:
        services.take_in(proposal=p, by=world.secretary_committee_a.user, expected=1)
    assert exc.value.domain_code == "forbidden"
    services.withdraw(proposal=p, by=world.secretary_committee_a.user, expected=1)
    with pytest.raises(DomainError) as exc:  # the form was for version 1
        services.take_in(proposal=p, by=world.finance_officer.user, expected=1)
    assert exc.value.domain_code == "stale"
    assert not ChangeItem.objects.filter(text="Fler barnmorskor").exists()


def test_taking_in_on_a_version_adopted_since_is_refused(world, demo):
    p = propose(world, demo)
    FrameVersion.objects.filter(pk=demo["v2"].pk).update(status="adopted", adopted_on="2022-03-01")
    with pytest.raises(DomainError) as exc:
        services.take_in(proposal=p, by=world.finance_officer.user, expected=1)
    assert exc.value.domain_code == "adopted"
    p.refresh_from_db()
    assert p.status == "proposed"


def test_the_pages_show_each_their_own(world, demo, client_for):
    mine = propose(world, demo, text="Proposal of A")

    officer = client_for("finance_officer")
    officer.cookies.load(EN)
    page = officer.get(f"{demo['url']}?version={demo['v2'].pk}").content.decode()
    assert "Proposal of A" in page and "Take in" in page and "Propose a change" not in page

    a = client_for("secretary_committee_a")
    a.cookies.load(EN)
    page = a.get(f"{demo['url']}?version={demo['v2'].pk}").content.decode()
    assert "Proposal of A" in page and "Withdraw" in page and "Take in" not in page
    assert "Propose a change" in page
    page = a.get(f"{demo['url']}?version={demo['v1'].pk}").content.decode()
    assert "Propose a change" not in page  # adopted

    b = client_for("secretary_committee_b")
    page = b.get(f"{demo['url']}?version={demo['v2'].pk}").content.decode()
    assert "Proposal of A" not in page
    for what in ("withdraw", "take-in", "decline"):
        assert b.post(demo["act"](mine, what), {"expected": 1}).status_code == 404
    assert a.post(demo["act"](mine, "take-in"), {"amount": "1"}).status_code == 403
    assert a.post(demo["act"](mine, "decline"), {"reason": "x"}).status_code == 403
    assert client_for("anonymous").get(demo["url"]).status_code == 404
    assert client_for("outsider_finance").get(demo["url"]).status_code == 404
    assert client_for("anonymous").post(demo["new"], {}).status_code == 404
    mine.refresh_from_db()
    assert mine.status == "proposed"


def test_propose_take_in_and_decline_through_the_page(world, demo, client_for):
    a = client_for("secretary_committee_a")
    a.cookies.load(EN)
    form = {"body": world.committee_a.pk, "year": 2024, "kind": "saving", "text": "Färre lokaler"}
    response = a.post(demo["new"], {**form, "amount": "tre"})
    assert response.status_code == 400
    assert "is not a number" in response.content.decode()
    assert not ChangeProposal.objects.exists()
    response = a.post(demo["new"], {**form, "body": world.committee_b.pk, "amount": "2"})
    assert response.status_code == 400  # not a choice for her
    assert a.post(demo["new"], {**form, "amount": "2,5"}).status_code == 302
    p = ChangeProposal.objects.get()
    assert (p.body, p.amount, p.proposed_by) == (
        world.committee_a,
        Decimal("2.5") * M,
        world.secretary_committee_a.user,
    )
    officer = client_for("finance_officer")
    officer.cookies.load(EN)
    response = officer.post(
        demo["act"](p, "take-in"), {"expected": p.version, "amount": "2"}, follow=True
    )
    assert "was taken in" in response.content.decode()
    p.refresh_from_db()
    assert p.item.amount == Decimal("2") * M and p.item.kind == "saving"
    page = a.get(f"{demo['url']}?version={demo['v2'].pk}").content.decode()
    assert "taken in" in page

    q = propose(world, demo, text="Andra")
    response = officer.post(demo["act"](q, "decline"), {"expected": 1, "reason": ""}, follow=True)
    assert "Say why" in response.content.decode()
    officer.post(demo["act"](q, "decline"), {"expected": 1, "reason": "Ryms inte i ramen"})
    page = a.get(f"{demo['url']}?version={demo['v2'].pk}").content.decode()
    assert "Ryms inte i ramen" in page


def test_frames_page_queries_do_not_grow_with_proposals(world, demo, client_for):
    for persona in ("finance_officer", "secretary_committee_a"):
        client = client_for(persona)

        def count(client=client):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(f"{demo['url']}?version={demo['v2'].pk}").status_code == 200
            return len(ctx.captured_queries)

        propose(world, demo, text="first")
        at_n = count()
        for n in range(9):
            propose(world, demo, text=f"p{n}")
        assert count() == at_n


def test_the_demo_has_one_open_proposal_of_hsns_and_is_idempotent(world):
    from arshjul.demo.finance import load_frames, load_proposals, load_space
    from arshjul.finance.models import ChangeProposal

    load_space(world.org)
    load_frames(world.org)
    assert load_proposals(world.org) == 1
    assert load_proposals(world.org) == 0
    proposal = ChangeProposal.objects.get()
    assert (proposal.body, proposal.status, proposal.year) == (world.committee_a, "proposed", 2024)
