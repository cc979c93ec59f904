"""The public page cache: hits for the public, never stale after a change, never for users."""

import datetime as dt

import pytest

from arshjul.core.tests.versions import seen
from arshjul.process import services
from arshjul.process.models import Step

PAGES = [
    "/",
    "/cycles/test-2022/",
    "/wheel/?year=2021",
    "/cycles/test-2022/timeline/",
    "/cycles/test-2022/steps/kickoff/",
    "/feeds/cycles/test-2022.ics",
    "/api/v1/cycles/test-2022/steps",
    "/api/v1/cycles/test-2022/steps/kickoff",
]


@pytest.mark.parametrize("url", PAGES)
def test_second_public_request_is_a_hit(client_for, world, url):
    client = client_for("anonymous")
    first = client.get(url)
    second = client.get(url)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("url", PAGES)
def test_a_moved_step_is_never_served_stale(client_for, world, url):
    client = client_for("anonymous")
    client.get(url)
    kickoff = Step.objects.get(cycle=world.cycle, key="kickoff")
    services.move_step(
        step=kickoff,
        start=dt.date(2021, 2, 12),
        end=None,
        by=world.finance_officer.user,
        version=kickoff.version,
    )
    response = client.get(url)
    assert response["X-Cache"] == "miss"


def test_published_step_shows_at_once(client_for, world):
    client = client_for("anonymous")
    assert "Styrdialog" not in client.get("/cycles/test-2022/").content.decode()
    Step.objects.filter(cycle=world.cycle, key="styrdialog").update(
        purpose="P", goal="G", documentation="D"
    )
    services.publish_step(
        step=Step.objects.get(cycle=world.cycle, key="styrdialog"),
        by=world.finance_officer.user,
        version=seen(Step.objects.get(cycle=world.cycle, key="styrdialog")),
    )
    assert "Styrdialog" in client.get("/cycles/test-2022/").content.decode()


def test_languages_are_cached_apart(client_for, world):
    client = client_for("anonymous")
    swedish = client.get("/wheel/?year=2021").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/wheel/?year=2021").content.decode()
    assert '<html lang="sv">' in swedish and '<html lang="en">' in english


def test_signed_in_users_bypass_the_cache(client_for, world):
    client = client_for("finance_officer")
    client.get("/cycles/test-2022/")
    response = client.get("/cycles/test-2022/")
    assert "X-Cache" not in response
    assert "Styrdialog" in response.content.decode()  # the draft she may see


def test_a_draft_seen_by_the_finance_office_never_reaches_the_public(client_for, world):
    client_for("finance_officer").get("/cycles/test-2022/")
    assert "Styrdialog" not in client_for("anonymous").get("/cycles/test-2022/").content.decode()


def test_language_link_switches_and_returns(client_for, world):
    client = client_for("anonymous")
    response = client.get("/language/en/?next=/wheel/%3Fyear%3D2021")
    assert response.status_code == 302 and response["Location"] == "/wheel/?year=2021"
    assert '<html lang="en">' in client.get("/wheel/?year=2021").content.decode()
    assert client.get("/language/en/?next=https://evil.example/").headers["Location"] == "/"
    assert client.get("/language/xx/").status_code == 404


def test_an_admin_edit_of_a_body_name_shows_at_once(client_for, world, admin_client):
    client = client_for("anonymous")
    assert "HSN" in client.get("/cycles/test-2022/").content.decode()
    url = f"/admin/organisation/body/{world.committee_a.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update({"organisation": world.org.pk, "short_name": "HSNX", "parent": ""})
    data.update({"memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:500]
    assert "HSNX" in client.get("/cycles/test-2022/").content.decode()


def test_a_page_with_a_csrf_token_is_not_cached(rf, world):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from arshjul.process.cache import public_cache

    @public_cache
    def view(request):
        return HttpResponse(get_token(request))

    request = rf.get("/x")
    request.user = AnonymousUser()
    assert view(request)["X-Cache"] == "bypass"


@pytest.mark.parametrize(
    ("url", "draft", "internal"),
    [
        ("/cycles/test-2022/", "Styrdialog", "Lägesavstämning"),
        ("/cycles/test-2022/timeline/", "Styrdialog", "Lägesavstämning"),
        ("/wheel/?year=2021", "Styrdialog", None),
        ("/wheel/?year=2020", None, "Lägesavstämning"),
    ],
)
def test_signed_in_fragments_are_kept_apart_by_what_each_may_see(
    client_for, world, url, draft, internal
):
    finance = client_for("finance_officer").get(url).content.decode()
    politician = client_for("politician_majority").get(url).content.decode()
    outsider = client_for("outsider_finance").get(url).content.decode()
    if draft:
        assert draft in finance  # her draft
        assert draft not in politician and draft not in outsider
    if internal:
        assert internal in politician  # an internal step of his own region
        assert internal not in outsider


def test_signed_in_fragment_follows_a_change(client_for, world):
    client = client_for("politician_majority")
    assert "10 februari" in client.get("/cycles/test-2022/").content.decode()
    kickoff = Step.objects.get(cycle=world.cycle, key="kickoff")
    services.move_step(
        step=kickoff,
        start=dt.date(2021, 2, 12),
        end=None,
        by=world.finance_officer.user,
        version=kickoff.version,
    )
    html = client.get("/cycles/test-2022/").content.decode()
    assert "12 februari" in html and "10 februari" not in html.split('id="month-list"')[1]
