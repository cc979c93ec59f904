"""The frames page: the demo's two 2022 versions (FINANCE.md 7.2) and 4.1's HSN 2023 frame on
screen, who reads what, frozen adopted versions, lost updates, the audit trail, the difference
view, the balance check's warnings and reasons, and bounded query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arshjul.accounts.roles import SYSTEM
from arshjul.core.errors import DomainError
from arshjul.core.models import AuditEntry
from arshjul.demo.finance import V1, V2, load_frames, load_space
from arshjul.finance import services_frames as services
from arshjul.finance.models import BaseFrame, ChangeItem, FrameVersion, Scenario
from arshjul.finance.selectors_frames import capital_costs_for_body, frames_of, scenario_for_frames
from arshjul.organisation.tests.factories import BodyFactory

M = Decimal(1_000_000)
EN = {"django_language": "en"}


@pytest.fixture
def demo(world):
    load_space(world.org)
    assert load_frames(world.org) == 2
    scenario = Scenario.objects.get(cycle=world.cycle, name="Bas")
    return {
        "scenario": scenario,
        "url": f"/finance/cycles/test-2022/scenarios/{scenario.pk}/frames/",
        "v1": FrameVersion.objects.get(scenario=scenario, name=V1),
        "v2": FrameVersion.objects.get(scenario=scenario, name=V2),
    }


def english(client):
    client.cookies.load(EN)
    return client


def test_demo_is_idempotent(world, demo):
    assert load_frames(world.org) == 0
    assert FrameVersion.objects.filter(scenario=demo["scenario"]).count() == 2


def test_hsn_2023_and_the_2022_versions_are_reproduced(world, demo):
    scenario = scenario_for_frames(demo["scenario"].pk)
    v2 = frames_of(demo["v2"], scenario)
    hsn = world.committee_a.pk
    assert v2.frames[hsn, 2022].value == Decimal("3955.6") * M
    assert v2.frames[hsn, 2023].value == Decimal("4063030500")
    assert capital_costs_for_body(scenario, world.committee_a, 2023) == Decimal("68.8625") * M
    [b2022, *_rest] = v2.balance
    assert b2022.frames == Decimal("4900.0") * M
    assert b2022.result == Decimal("68.0") * M
    v1 = frames_of(demo["v1"], scenario)
    assert v1.balance[0].frames == Decimal("4882.0") * M


def test_the_finance_office_reads_the_page(client_for, demo):
    html = english(client_for("finance_officer")).get(demo["url"]).content.decode()
    for shown in ("3,955.6", "4,063.0", "4,900.0", "68.0", V1, V2):
        assert shown in html
    assert "Balance check" in html and "Add a change item" in html
    assert "Index 3.0\u00a0%: 116.6" in html  # the build-up of HSN 2023
    v1 = english(client_for("finance_officer")).get(f"{demo['url']}?version={demo['v1'].pk}")
    assert "4,882.0" in v1.content.decode()
    assert "Add a change item" not in v1.content.decode()  # adopted: frozen


def test_a_committee_reads_every_committees_frames_of_a_prepared_version(client_for, demo):
    # Issue 11: everyone with a role in the process reads all committees' frames once a version
    # is prepared (it was: their own committee's rows of every version, drafts included).
    html = english(client_for("secretary_committee_a")).get(demo["url"]).content.decode()
    assert "Hälso- och sjukvårdsnämnden" in html and "4,063.0" in html
    assert "Regionala utvecklingsnämnden" in html
    assert "Balance check" not in html and "Add a change item" not in html


@pytest.mark.parametrize("persona", ["outsider_finance", "anonymous"])
def test_others_get_404(client_for, demo, persona):
    assert client_for(persona).get(demo["url"]).status_code == 404


def test_only_the_finance_office_changes(client_for, demo):
    url = f"{demo['url']}versions/{demo['v2'].pk}/items/"
    response = client_for("secretary_committee_a").post(url, {"text": "x"})
    assert response.status_code == 403
    assert client_for("outsider_finance").post(url, {"text": "x"}).status_code == 404


def item_post(world, version, **changes):
    return {
        "body": world.committee_b.pk,
        "year": 2024,
        "kind": "saving",
        "amount": "2,5",
        "text": "Färre lokaler",
        "decision": "RS 2022-03-01 § 12",
        "expected": version.version,
    } | changes


def test_adding_an_item_audits_and_changes_the_frame(world, client_for, demo):
    client = english(client_for("finance_officer"))
    v2 = demo["v2"]
    response = client.post(f"{demo['url']}versions/{v2.pk}/items/", item_post(world, v2))
    assert response.status_code == 302
    item = ChangeItem.objects.get(text="Färre lokaler")
    assert item.amount == Decimal("2500000.00") and item.kind == "saving"
    entry = AuditEntry.objects.filter(action="finance.frames.item_added").get()
    assert entry.changes == {"2024 RUN saving": [None, "2500000.00 Färre lokaler"]}
    frames = frames_of(v2, scenario_for_frames(v2.scenario_id))
    before = frames_of(demo["v1"], scenario_for_frames(v2.scenario_id))
    run = world.committee_b.pk
    # RUN's 2022 priority of 4,0 carries; the saving is deducted from 2024 on.
    assert frames.frames[run, 2024].base < before.frames[run, 2024].base + Decimal("4.0") * M * 2


def test_a_stale_form_is_refused_and_nothing_saved(world, client_for, demo):
    client = english(client_for("finance_officer"))
    v2 = demo["v2"]
    stale = item_post(world, v2)
    client.post(f"{demo['url']}versions/{v2.pk}/items/", item_post(world, v2, text="Först"))
    response = client.post(f"{demo['url']}versions/{v2.pk}/items/", stale)
    assert response.status_code == 400
    assert "Someone else changed this version" in response.content.decode()
    assert not ChangeItem.objects.filter(text="Färre lokaler").exists()


def test_an_adopted_version_is_frozen(world, client_for, demo):
    v1 = demo["v1"]
    with pytest.raises(DomainError) as exc:
        services.add_item(
            version=v1,
            body=world.committee_a,
            year=2023,
            kind="priority",
            amount=M,
            text="x",
            by=SYSTEM,
            expected=None,
        )
    assert exc.value.domain_code == "adopted"
    client = english(client_for("finance_officer"))
    response = client.post(
        f"{demo['url']}versions/{v1.pk}/items/", item_post(world, v1), follow=True
    )
    assert "is adopted and cannot be changed" in response.content.decode()
    assert not ChangeItem.objects.filter(frame_version=v1).exists()


def test_bad_input_is_explained(world, client_for, demo):
    client = english(client_for("finance_officer"))
    v2 = demo["v2"]
    response = client.post(
        f"{demo['url']}versions/{v2.pk}/items/", item_post(world, v2, amount="-3", kind="priority")
    )
    assert response.status_code == 400
    assert "positive amount" in response.content.decode()
    response = client.post(
        f"{demo['url']}versions/{v2.pk}/items/", item_post(world, v2, amount="tre")
    )
    assert "is not a number" in response.content.decode()
    assert ChangeItem.objects.filter(frame_version=v2).count() == 5


def test_copy_adopt_and_difference(world, client_for, demo):
    client = english(client_for("finance_officer"))
    response = client.post(
        f"{demo['url']}versions/new/", {"name": "Revidering 2", "copy_from": demo["v2"].pk}
    )
    assert response.status_code == 302
    v3 = FrameVersion.objects.get(name="Revidering 2")
    assert v3.items.count() == 5 and v3.base_frames.count() == 6 and v3.status == "draft"
    response = client.post(f"{demo['url']}versions/{v3.pk}/adopt/", {"expected": v3.version})
    v3.refresh_from_db()
    assert v3.status == "adopted" and v3.adopted_on is not None
    html = client.get(
        f"{demo['url']}difference/?a={demo['v1'].pk}&b={demo['v2'].pk}"
    ).content.decode()
    assert "80-90-100-modellen" in html and "5.6" in html and "Minskad inhyrd personal" in html
    assert "Patientnämnden" not in html  # unchanged committees are not listed


def test_a_deficit_warns_and_takes_reasons(world, client_for, demo):
    v2 = demo["v2"]
    services.add_item(
        version=v2,
        body=world.committee_a,
        year=2025,
        kind="priority",
        amount=Decimal(500) * M,
        text="Stor satsning",
        by=SYSTEM,
        expected=None,
    )
    client = english(client_for("finance_officer"))
    html = client.get(demo["url"]).content.decode()
    assert "the balance requirement is not met" in html
    v2.refresh_from_db()
    client.post(
        f"{demo['url']}versions/{v2.pk}/balance/",
        {
            "year": 2025,
            "reason": "Pandemins följder",
            "restoration": "Återställs 2026–2028",
            "expected": v2.version,
        },
    )
    html = client.get(demo["url"]).content.decode()
    assert "Pandemins följder" in html and "Återställs 2026–2028" in html


def test_the_page_queries_do_not_grow_with_the_committees(world, client_for, demo):
    client = client_for("finance_officer")
    client.get(demo["url"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(demo["url"]).status_code == 200
        return len(ctx.captured_queries)

    at_n = count()
    for n in range(54):
        body = BodyFactory(organisation=world.org, kind="committee", slug=f"n{n}")
        BaseFrame.objects.create(frame_version=demo["v2"], body=body, amount=n * M)
        ChangeItem.objects.create(
            frame_version=demo["v2"], body=body, year=2023, kind="priority", amount=M, text="x"
        )
    assert count() == at_n


def test_an_adopted_version_keeps_its_figures_when_the_assumptions_change(world, client_for, demo):
    from arshjul.finance.models import ScenarioYear

    scenario = demo["scenario"]
    v1, v2 = demo["v1"], demo["v2"]
    hsn = world.committee_a.pk
    # The council's version as adopted on the October forecast: a result of 68,0 (FINANCE.md 7.2)
    frozen = frames_of(v1, scenario_for_frames(scenario.pk))
    assert frozen.frozen and frozen.balance[0].result == Decimal("68.0") * M
    assert frames_of(v2, scenario_for_frames(scenario.pk)).balance[0].result == Decimal("68.0") * M
    services.adopt_version(version=v2, by=SYSTEM, expected=v2.version)
    v2.refresh_from_db()
    adopted_2023 = frames_of(v2, scenario_for_frames(scenario.pk)).frames[hsn, 2023].value
    assert adopted_2023 == Decimal("4063030500")
    ScenarioYear.objects.filter(scenario=scenario, year=2023).update(index=Decimal("0.05"))
    after = frames_of(v2, scenario_for_frames(scenario.pk))
    assert after.frames[hsn, 2023].value == Decimal("4063030500")  # frozen
    assert after.live.frames[hsn, 2023].value > adopted_2023 and after.differs
    copy = services.create_version(scenario=scenario, name="Kopia", copy_from=v2, by=SYSTEM)
    live = frames_of(copy, scenario_for_frames(scenario.pk))
    assert live.frames[hsn, 2023].value == after.live.frames[hsn, 2023].value
    html = english(client_for("finance_officer")).get(f"{demo['url']}?version={v2.pk}")
    assert "would give other figures for this version" in html.content.decode()
    assert "4,063.0" in html.content.decode()


def test_the_demo_ties_the_councils_version_to_its_step(db):
    from arshjul.demo.load import load_demo
    from arshjul.finance.models import FrameVersion as Version

    load_demo()
    v1 = Version.objects.get(name=V1)
    assert v1.step is not None and v1.step.title == "Regionplan med budget"
    assert v1.step.cycle_id == v1.scenario.cycle_id


@pytest.mark.parametrize("expected", [None, "", "tre"])
def test_a_form_without_the_version_seen_is_refused_and_nothing_saved(
    expected, world, client_for, demo
):
    v2 = demo["v2"]
    data = item_post(world, v2)
    if expected is None:
        del data["expected"]
    else:
        data["expected"] = expected
    response = client_for("finance_officer").post(f"{demo['url']}versions/{v2.pk}/items/", data)
    assert response.status_code == 400
    if expected is None:  # (a garbled one is the form's own error: "Ange ett heltal")
        assert "Formuläret angav inte vilken version du såg" in response.content.decode()
    assert not ChangeItem.objects.filter(text="Färre lokaler").exists()


def test_a_service_called_by_a_user_without_the_version_refuses(world, demo):
    with pytest.raises(DomainError) as exc:
        services.add_item(
            version=demo["v2"],
            body=world.committee_a,
            year=2023,
            kind="priority",
            amount=M,
            text="Utan version",
            by=world.finance_officer.user,
            expected=None,
        )
    assert exc.value.domain_code == "version_missing"
    assert not ChangeItem.objects.filter(text="Utan version").exists()
