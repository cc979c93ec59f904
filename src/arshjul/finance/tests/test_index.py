"""The money pages' index: each reader sees the links to what she may read, nothing more, in a
fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arshjul.demo.finance import load_frames, load_space
from arshjul.demo.investments import load_investments
from arshjul.finance.models import Scenario

EN = {"django_language": "en"}
URL = "/finance/"


@pytest.fixture
def demo(world):
    load_space(world.org)
    load_investments(world.org)
    load_frames(world.org)
    return Scenario.objects.get(cycle=world.cycle, name="Bas")


def page(client_for, persona) -> str:
    client = client_for(persona)
    client.cookies.load(EN)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_the_finance_office_sees_every_money_page(client_for, demo):
    html = page(client_for, "finance_officer")
    assert f"/finance/cycles/test-2022/scenarios/{demo.pk}/frames/" in html
    assert '/finance/cycles/test-2022/scenarios/"' in html  # the financial space
    assert "/finance/investments/" in html and "/finance/settings/" in html
    assert 'href="/finance/"' in html and 'aria-current="page"' in html  # the main menu


def test_a_committee_sees_its_frames_and_plan_not_the_space_or_settings(client_for, demo):
    html = page(client_for, "secretary_committee_a")
    assert f"/finance/cycles/test-2022/scenarios/{demo.pk}/frames/" in html
    assert '/finance/cycles/test-2022/scenarios/"' not in html
    assert "/finance/settings/" not in html
    assert "/finance/investments/" in html  # HSN owns projects of the plan


def test_another_organisation_sees_nothing_of_ours_and_anonymous_signs_in(client_for, demo):
    html = page(client_for, "outsider_finance")  # finance office of the neighbouring region
    assert "test-2022" not in html and "/finance/settings/" in html
    assert client_for("anonymous").get(URL).status_code == 302


def test_the_index_queries_do_not_grow(world, client_for, demo):
    client = client_for("finance_officer")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx)

    first = count()
    for n in range(5):
        Scenario.objects.create(cycle=world.cycle, name=f"Extra {n}", order=10 + n)
    assert count() == first


def test_someone_without_a_role_is_told_there_is_nothing_for_her(world, demo):
    from django.test import Client

    from arshjul.organisation.tests.factories import PersonFactory

    person = PersonFactory(organisation=world.org, user__username="inget")
    client = Client()
    client.force_login(person.user)
    client.cookies.load(EN)
    html = client.get(URL).content.decode()
    assert "There is nothing here for you" in html and "test-2022" not in html
