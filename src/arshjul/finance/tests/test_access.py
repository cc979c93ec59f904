"""Issue 11's points 1, 2 and 14 for frames and party proposals, and the prepared state:
one rule for who reads which frame version on every channel, a tabled proposal frozen and never
adopted as the region's frame, one figure per frame whoever reads it."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from arshjul.accounts.roles import SYSTEM
from arshjul.core.errors import DomainError
from arshjul.core.models import AuditEntry
from arshjul.demo.finance import load_space
from arshjul.finance import services_frames, services_party
from arshjul.finance.models import BaseFrame, ChangeItem, FrameVersion, PartyProposal, Scenario

EN = {"django_language": "en"}
API = "/api/v1"


@pytest.fixture
def setup(world):
    load_space(world.org)
    scenario = Scenario.objects.get(cycle=world.cycle, name="Bas")
    url = f"/finance/cycles/{world.cycle.slug}/scenarios/{scenario.pk}/frames/"

    def version(name, amounts):
        made = services_frames.create_version(scenario=scenario, name=name, by=SYSTEM)
        BaseFrame.objects.bulk_create(
            BaseFrame(frame_version=made, body=body, amount=Decimal(amount))
            for body, amount in amounts.items()
        )
        return made

    return {
        "scenario": scenario,
        "url": url,
        "api": f"{API}/scenarios/{scenario.pk}",
        "version": version,
    }


def english(client):
    client.cookies.load(EN)
    return client


def _adopted(setup, world, name="Fastslagen"):
    made = setup["version"](
        name,
        {world.committee_a: "587039500", world.committee_b: "100030000", world.rs: "100030000"},
    )
    return services_frames.adopt_version(version=made, by=SYSTEM, expected=made.version)


# --- point 1: another party's draft proposal, through the API ---------------------------------


@pytest.mark.parametrize("persona", ["secretary_committee_a", "member_majority_a"])
def test_point_1_the_api_does_not_give_another_partys_draft(world, setup, client_for, persona):
    base = _adopted(setup, world)
    proposal = services_party.create_proposal(
        base=base, party=world.opposition, name="O1 draft", by=SYSTEM
    )
    url = f"{setup['api']}/frame-versions/{proposal.frame_version_id}"
    page = f"{setup['url']}party/{proposal.pk}/"
    client = client_for(persona)
    assert client.get(page).status_code == 404
    assert client.get(url).status_code == 404
    assert "O1 draft" not in client.get(f"{setup['api']}/frame-versions").content.decode()
    own = client_for("politician_opposition")
    assert own.get(url).status_code == 200 and own.get(page).status_code == 200


def test_a_draft_frame_version_is_the_finance_offices(world, setup, client_for):
    draft = setup["version"]("Utkast", {world.committee_a: "1000000"})
    url = f"{setup['api']}/frame-versions/{draft.pk}"
    excel = f"{setup['url']}versions/{draft.pk}/excel/"
    assert client_for("finance_officer").get(url).status_code == 200
    for persona in ("secretary_committee_a", "executive_staff", "politician_opposition"):
        client = client_for(persona)
        assert client.get(url).status_code == 404, persona
        assert client.get(f"{setup['url']}?version={draft.pk}").status_code == 404, persona
        assert client.get(excel).status_code == 404, persona


# --- point 2: a tabled proposal is frozen; a party's proposal is never the region's frame ------


@pytest.fixture
def tabled(world, setup):
    base = _adopted(setup, world)
    proposal = services_party.create_proposal(
        base=base, party=world.opposition, name="O1 tabled", by=SYSTEM
    )
    services_party.table_proposal(
        proposal=proposal, by=SYSTEM, expected=proposal.frame_version.version
    )
    proposal.refresh_from_db()
    return proposal


def _item(world, version) -> dict:
    return {
        "version": version.version,
        "committee": world.committee_a.slug,
        "year": 2023,
        "kind": "priority",
        "amount": "1000000",
        "text": "Efteråt",
    }


def test_point_2_a_tabled_proposal_gets_no_item_through_the_api(world, setup, client_for, tabled):
    version = tabled.frame_version
    client = client_for("finance_officer")
    response = client.post(
        f"{setup['api']}/frame-versions/{version.pk}/items",
        _item(world, version),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "tabled" and response.json()["message"]
    assert not ChangeItem.objects.filter(frame_version=version).exists()


def test_point_2_a_tabled_proposal_gets_no_item_through_the_page(world, setup, client_for, tabled):
    version = tabled.frame_version
    client = english(client_for("finance_officer"))
    response = client.post(
        f"{setup['url']}versions/{version.pk}/items/",
        {
            "body": world.committee_a.pk,
            "year": 2023,
            "kind": "priority",
            "amount": "1",
            "text": "Efteråt",
            "expected": version.version,
        },
    )
    assert response.status_code == 400
    assert "is tabled and cannot be changed" in response.content.decode()
    assert not ChangeItem.objects.filter(frame_version=version).exists()
    with pytest.raises(DomainError) as refused:
        services_frames.add_item(
            version=version,
            body=world.committee_a,
            year=2023,
            kind="priority",
            amount=Decimal(1),
            text="Efteråt",
            by=SYSTEM,
            expected=version.version,
        )
    assert refused.value.domain_code == "tabled"


@pytest.mark.parametrize("state", ["draft", "tabled"])
def test_point_2_a_party_proposal_is_never_adopted(world, setup, client_for, state):
    base = _adopted(setup, world)
    proposal = services_party.create_proposal(
        base=base, party=world.opposition, name="O1", by=SYSTEM
    )
    if state == "tabled":
        services_party.table_proposal(
            proposal=proposal, by=SYSTEM, expected=proposal.frame_version.version
        )
    version = FrameVersion.objects.get(pk=proposal.frame_version_id)
    client = english(client_for("finance_officer"))
    response = client.post(
        f"{setup['api']}/frame-versions/{version.pk}/adopt",
        {"version": version.version},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] in ("party", "tabled")
    response = client.post(
        f"{setup['url']}versions/{version.pk}/adopt/", {"expected": version.version}, follow=True
    )
    assert response.status_code == 200
    assert "proposal" in response.content.decode()  # the message says why
    version.refresh_from_db()
    assert version.status == "draft" and version.adopted_on is None
    assert not AuditEntry.objects.filter(
        action="finance.frames.version_adopted", object_id=version.pk
    ).exists()


# --- point 14: one figure per frame, whoever reads it, and no draft through a proposal ---------


def _page_figure(html: str, name: str) -> str:
    match = re.search(
        re.escape(name) + r"</th>\s*<td[^>]*>\s*(?:<details[^>]*><summary>)?([^<]+)<", html
    )
    assert match, name
    return match.group(1).strip()


READERS = (
    "finance_officer",
    "executive_staff",
    "secretary_committee_a",
    "member_majority_a",
    "member_opposition_a",
    "politician_opposition",
)


def test_point_14_a_frame_shows_one_figure_everywhere_for_everyone(world, setup, client_for):
    version = _adopted(setup, world)
    proposal = services_party.create_proposal(
        base=version, party=world.opposition, name="O1 yrkande", by=SYSTEM
    )
    services_party.table_proposal(
        proposal=proposal, by=SYSTEM, expected=proposal.frame_version.version
    )
    name = world.committee_a.name
    year = world.cycle.budget_year
    figures = set()
    for persona in READERS:
        client = english(client_for(persona))
        page = client.get(f"{setup['url']}?version={version.pk}")
        assert page.status_code == 200, persona
        figures.add(_page_figure(page.content.decode(), name))
        party = client.get(f"{setup['url']}party/{proposal.pk}/")
        assert party.status_code == 200, persona
        figures.add(_page_figure(party.content.decode(), name))
        data = client.get(f"{setup['api']}/frame-versions/{version.pk}").json()
        [frame] = [
            f
            for f in data["frames"]
            if f["committee"] == world.committee_a.slug and f["year"] == year
        ]
        assert frame["value"] == "587039500.00", persona
        excel = client.get(f"{setup['url']}versions/{version.pk}/excel/")
        sheet = load_workbook(BytesIO(excel.content))["Frames"]
        row = next(r for r in sheet.iter_rows(values_only=True) if r[1] == name)
        assert Decimal(str(row[2])) == Decimal("587039500"), persona
    # rounded once over the whole table (587.0 + 100.0 + 100.0 → Σ 787.1): every reader, every
    # page the same figure
    assert figures == {"587.1"}


def test_point_14_a_politician_builds_no_proposal_on_a_draft(world, setup, client_for):
    draft = setup["version"]("Utkast", {world.committee_a: "587039500"})
    adopted = _adopted(setup, world)
    client = english(client_for("politician_opposition"))
    page = client.get(setup["url"]).content.decode()
    assert "Who reads which frames" in page
    assert f'value="{adopted.pk}"' in page and f'value="{draft.pk}"' not in page
    response = client.post(
        f"{setup['url']}party/new/", {"party": world.opposition.pk, "base": draft.pk}
    )
    assert response.status_code == 400
    assert not PartyProposal.objects.exists()
    with pytest.raises(DomainError) as refused:
        services_party.create_proposal(base=draft, party=world.opposition, by=SYSTEM)
    assert refused.value.domain_code == "base"


# --- the prepared state ---------------------------------------------------------------------


def test_the_finance_office_marks_a_draft_prepared_and_the_process_reads_it(
    world, setup, client_for
):
    draft = setup["version"]("Beredning", {world.committee_a: "1000000"})
    url = f"{setup['api']}/frame-versions/{draft.pk}"
    secretary = client_for("secretary_committee_a")
    assert secretary.get(url).status_code == 404
    prepare = f"{setup['url']}versions/{draft.pk}/prepare/"
    assert secretary.post(prepare, {"expected": draft.version}).status_code == 404
    officer = client_for("finance_officer")
    assert officer.post(prepare, {"expected": draft.version}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "prepared"
    entry = AuditEntry.objects.get(action="finance.frames.version_prepared")
    assert entry.by == world.finance_officer.user
    assert secretary.get(url).status_code == 200
    assert secretary.post(prepare, {"expected": draft.version}).status_code == 403
    # still the finance office's to change, and adopted from prepared
    services_frames.add_item(
        version=draft,
        body=world.committee_a,
        year=2023,
        kind="priority",
        amount=Decimal(1),
        text="Mer",
        by=world.finance_officer.user,
        expected=draft.version,
    )
    draft.refresh_from_db()
    services_frames.adopt_version(version=draft, by=SYSTEM, expected=draft.version)
    assert FrameVersion.objects.get(pk=draft.pk).is_adopted


def test_prepare_refuses_a_stale_form_and_a_second_time(world, setup, client_for):
    draft = setup["version"]("Beredning", {world.committee_a: "1000000"})
    client = client_for("finance_officer")
    api = f"{setup['api']}/frame-versions/{draft.pk}/prepare"
    stale = client.post(api, {"version": draft.version + 5}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    done = client.post(api, {"version": draft.version}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "prepared"
    again = client.post(api, {"version": done.json()["version"]}, content_type="application/json")
    assert again.status_code == 400 and again.json()["code"] == "prepared"
    assert AuditEntry.objects.filter(action="finance.frames.version_prepared").count() == 1
