"""The admin: rules checked when a template is saved, edits of a cycle's step audited."""

import pytest
from django.core.exceptions import ValidationError

from arshjul.core.models import AuditEntry
from arshjul.process.models import Step, TemplateStep
from arshjul.process.tests.factories import TemplateStepFactory


def test_template_step_with_bad_rule_is_refused(world):
    ts = TemplateStep.objects.get(template=world.template, key="kickoff")
    ts.rule = "nth Y-1 02 9 wed"
    with pytest.raises(ValidationError) as exc:
        ts.full_clean()
    assert exc.value.error_dict["rule"][0].code == "bad_number"


def test_template_step_rule_is_normalised(world):
    ts = TemplateStepFactory(template=world.template, key="ny", rule="  date   Y-1 05-05 ")
    ts.full_clean()
    assert ts.rule == "date Y-1 05-05"


def _inline_data(world, overrides):
    steps = list(TemplateStep.objects.filter(template=world.template).order_by("order"))
    data = {
        "organisation": world.org.pk,
        "name": world.template.name,
        "description": "",
        "span_start_rule": world.template.span_start_rule,
        "span_end_rule": world.template.span_end_rule,
        "steps-TOTAL_FORMS": str(len(steps)),
        "steps-INITIAL_FORMS": str(len(steps)),
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }
    for i, ts in enumerate(steps):
        prefix = f"steps-{i}-"
        data.update(
            {
                prefix + "id": ts.pk,
                prefix + "template": world.template.pk,
                prefix + "key": ts.key,
                prefix + "order": ts.order,
                prefix + "kind": ts.kind,
                prefix + "track": ts.track,
                prefix + "title": ts.title,
                prefix + "visibility": ts.visibility,
                prefix + "rule": overrides.get(ts.key, ts.rule),
                prefix + "election_rule": ts.election_rule,
                prefix + "adjust": ts.adjust,
            }
        )
    return data


def test_loop_of_offsets_refused_in_the_template_admin(world, admin_client):
    url = f"/admin/process/processtemplate/{world.template.pk}/change/"
    response = admin_client.post(
        url, _inline_data(world, {"aterkoppling": "offset styrdialog -4d"})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "aterkoppling → styrdialog → aterkoppling" in html
        or "styrdialog → aterkoppling → styrdialog" in html
    )
    assert (
        TemplateStep.objects.get(template=world.template, key="aterkoppling").rule
        == "date Y-1 04-16"
    )


def test_editing_a_steps_text_in_the_admin_is_audited(world, admin_client):
    step = Step.objects.get(cycle=world.cycle, key="kickoff")
    url = f"/admin/process/step/{step.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) for name in form.fields}
    for name in (
        "participant_bodies",
        "presidium_only",
        "participant_posts",
        "produces",
        "consumes",
    ):
        data[name] = [o.pk for o in form.initial.get(name, [])]
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["purpose"] = "Nytt syfte"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    step.refresh_from_db()
    assert step.purpose == "Nytt syfte"
    entry = AuditEntry.objects.get(action="process.step.edited", object_id=str(step.pk))
    assert entry.changes["purpose"] == ["Informera", "Nytt syfte"]


def test_a_published_meeting_cannot_lose_its_purpose_in_the_admin(world, admin_client):
    step = Step.objects.get(cycle=world.cycle, key="kickoff")
    url = f"/admin/process/step/{step.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) for name in form.fields}
    for name in (
        "participant_bodies",
        "presidium_only",
        "participant_posts",
        "produces",
        "consumes",
    ):
        data[name] = [o.pk for o in form.initial.get(name, [])]
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["purpose"] = ""
    response = admin_client.post(url, data)
    assert response.status_code == 200
    step.refresh_from_db()
    assert step.purpose == "Informera"


def test_template_span_rule_is_checked(world):
    world.template.span_end_rule = "offset kickoff +1d"
    with pytest.raises(ValidationError) as exc:
        world.template.full_clean()
    assert exc.value.error_dict["span_end_rule"][0].code == "span_offset"


def test_template_admin_offers_only_the_organisations_bodies(world, admin_client):
    from arshjul.organisation.tests.factories import BodyFactory

    BodyFactory(organisation=world.other_org, name="Grannens nämnd")
    html = admin_client.get(
        f"/admin/process/processtemplate/{world.template.pk}/change/"
    ).content.decode()
    assert "Hälso- och sjukvårdsnämnden" in html
    assert "Grannens nämnd" not in html


def _step_form_data(admin_client, url):
    form = admin_client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) for name in form.fields}
    for name in ("participant_bodies", "presidium_only", "participant_posts", "produces"):
        data[name] = [o.pk for o in form.initial.get(name, [])]
    data["consumes"] = [o.pk for o in form.initial.get("consumes", [])]
    return {k: ("" if v is None else v) for k, v in data.items()}


@pytest.mark.parametrize("seen", ["", "stale"])
def test_the_admin_does_not_save_a_step_over_a_version_it_did_not_see(seen, world, admin_client):
    step = Step.objects.get(cycle=world.cycle, key="kickoff")
    url = f"/admin/process/step/{step.pk}/change/"
    data = _step_form_data(admin_client, url)
    if seen == "stale":  # the step's page moved it meanwhile
        Step.objects.filter(pk=step.pk).update(version=step.version + 1)
    else:
        data["seen_version"] = ""
    data["purpose"] = "Skrivet över"
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form again, with the refusal
    step.refresh_from_db()
    assert step.purpose == "Informera"
    assert not AuditEntry.objects.filter(action="process.step.edited").exists()


def test_a_cycle_is_read_only_in_the_admin(world, admin_client):
    url = f"/admin/process/cycle/{world.cycle.pk}/change/"
    assert admin_client.post(url, {"budget_year": 2040}).status_code == 403
    delete = f"/admin/process/cycle/{world.cycle.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    world.cycle.refresh_from_db()
    assert world.cycle.budget_year == 2022
