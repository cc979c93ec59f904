"""Creating a party proposal from the frames page: the finance office for any party, a party's
own politicians for their own party only, nobody else; the politician then changes her party's
draft (and no other party's)."""

from __future__ import annotations

import pytest

from arshjul.core.models import AuditEntry
from arshjul.demo.finance import V1, V2, load_frames, load_space
from arshjul.finance.models import ChangeItem, FrameVersion, PartyProposal, Scenario
from arshjul.organisation.models import Party

EN = {"django_language": "en"}


@pytest.fixture
def frames(world):
    load_space(world.org)
    load_frames(world.org)
    scenario = Scenario.objects.get(cycle=world.cycle, name="Bas")
    opp = Party.objects.create(organisation=world.org, name="Oppositionen", abbreviation="OPP")
    maj = Party.objects.create(organisation=world.org, name="Majoriteten", abbreviation="MAJ")
    person = world.politician_majority
    person.party = opp
    person.save()
    url = f"/finance/cycles/test-2022/scenarios/{scenario.pk}/frames/"
    return {
        "scenario": scenario,
        "url": url,
        "new": f"{url}party/new/",
        "v1": FrameVersion.objects.get(scenario=scenario, name=V1),
        "v2": FrameVersion.objects.get(scenario=scenario, name=V2),
        "opp": opp,
        "maj": maj,
    }


def test_the_finance_office_creates_for_any_party(world, frames, client_for):
    client = client_for("finance_officer")
    client.cookies.load(EN)
    page = client.get(frames["url"]).content.decode()
    assert "New party proposal" in page and "Majoriteten" in page and "Oppositionen" in page
    response = client.post(
        frames["new"], {"party": frames["maj"].pk, "base": frames["v1"].pk, "name": ""}
    )
    assert response.status_code == 302
    proposal = PartyProposal.objects.get()
    assert (proposal.party, proposal.base) == (frames["maj"], frames["v1"])
    assert response["Location"].endswith(f"/frames/party/{proposal.pk}/")
    entry = AuditEntry.objects.get(action="finance.party.proposal_created")
    assert entry.by == world.finance_officer.user


def test_a_politician_creates_for_her_own_party_only(world, frames, client_for):
    client = client_for("politician_majority")
    client.cookies.load(EN)
    page = client.get(frames["url"]).content.decode()
    assert "New party proposal" in page and "Oppositionen" in page
    assert "Majoriteten" not in page
    response = client.post(frames["new"], {"party": frames["maj"].pk, "base": frames["v2"].pk})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not PartyProposal.objects.exists()
    response = client.post(
        frames["new"], {"party": frames["opp"].pk, "base": frames["v2"].pk, "name": "Vårt yrkande"}
    )
    assert response.status_code == 302
    proposal = PartyProposal.objects.get()
    assert proposal.frame_version.name == "Vårt yrkande"
    assert AuditEntry.objects.get(action="finance.party.proposal_created").by == (
        world.politician_majority.user
    )
    # a proposal is not a base for another
    response = client.post(
        frames["new"], {"party": frames["opp"].pk, "base": proposal.frame_version_id}
    )
    assert response.status_code == 400
    # she adds a change item to her party's draft
    url = response.wsgi_request.path.replace("party/new/", f"party/{proposal.pk}/items/")
    response = client.post(
        url,
        {
            "body": world.committee_a.pk,
            "year": 2023,
            "kind": "priority",
            "amount": "5",
            "text": "Fler vårdplatser",
            "expected": proposal.frame_version.version,
        },
    )
    assert response.status_code == 302
    assert ChangeItem.objects.filter(
        frame_version=proposal.frame_version, text="Fler vårdplatser"
    ).exists()
    # the other party's politician neither sees nor changes it
    person = world.politician_majority
    person.party = frames["maj"]
    person.save()
    assert client.post(url, {}).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("secretary_committee_a", 403),
        ("anonymous", 404),
        ("outsider_finance", 404),
    ],
)
def test_nobody_else_creates(world, frames, client_for, persona, status):
    client = client_for(persona)
    response = client.post(frames["new"], {"party": frames["opp"].pk, "base": frames["v2"].pk})
    assert response.status_code == status
    assert not PartyProposal.objects.exists()
    if persona == "secretary_committee_a":
        client.cookies.load(EN)
        assert "New party proposal" not in client.get(frames["url"]).content.decode()


def test_a_politician_without_a_party_creates_none(world, frames, client_for):
    person = world.politician_majority
    person.party = None
    person.save()
    client = client_for("politician_majority")
    assert client.post(frames["new"], {"party": frames["opp"].pk}).status_code == 403
