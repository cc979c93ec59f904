"""The permission matrix: (persona, URL, method, expected status), and what lists leave out."""

import pytest

from arshjul.process.models import Step

C = "/cycles/test-2022"
MOVE = {"start": "2021-02-11", "end": "", "version": "2"}  # made (1), then published (2)

MATRIX = [
    # persona, method, url, data, status
    ("anonymous", "get", "/", None, 200),
    ("anonymous", "get", "/cycles/", None, 200),
    ("anonymous", "get", f"{C}/", None, 200),
    ("anonymous", "get", "/wheel/?year=2021", None, 200),
    ("anonymous", "get", f"{C}/timeline/", None, 200),
    ("anonymous", "get", f"{C}/steps/kickoff/", None, 200),
    ("anonymous", "get", f"{C}/steps/beredning/", None, 404),  # internal
    ("anonymous", "get", f"{C}/steps/styrdialog/", None, 404),  # draft
    ("anonymous", "get", "/me/", None, 302),
    ("anonymous", "post", f"{C}/steps/kickoff/move/", MOVE, 403),
    ("anonymous", "post", "/cycles/", {"budget_year": "2023"}, 403),
    ("anonymous", "post", f"{C}/publish/", {}, 403),
    ("politician_majority", "get", f"{C}/steps/beredning/", None, 200),
    ("politician_majority", "get", f"{C}/steps/styrdialog/", None, 404),
    ("politician_majority", "get", "/me/", None, 200),
    ("politician_majority", "post", f"{C}/steps/kickoff/move/", MOVE, 403),
    ("politician_majority", "post", f"{C}/steps/kickoff/publish/", {"version": "1"}, 403),
    ("secretary_committee_a", "get", f"{C}/steps/beredning/", None, 200),
    ("secretary_committee_a", "get", f"{C}/steps/styrdialog/", None, 404),
    ("secretary_committee_a", "post", f"{C}/steps/kickoff/move/", MOVE, 403),
    (
        "secretary_committee_a",
        "post",
        f"{C}/steps/kickoff/rule/",
        {"rule": "date Y-1 02-11", "adjust": "none", "version": "1"},
        403,
    ),
    ("secretary_committee_a", "post", "/cycles/", {"budget_year": "2023"}, 403),
    ("secretary_committee_b", "post", f"{C}/publish/", {}, 403),
    ("outsider_finance", "get", f"{C}/steps/styrdialog/", None, 404),
    (
        "outsider_finance",
        "get",
        f"{C}/steps/beredning/",
        None,
        404,
    ),  # another region's internal step
    ("outsider_finance", "get", f"{C}/steps/kickoff/", None, 200),  # public
    ("outsider_finance", "get", "/api/v1/cycles/test-2022/steps/beredning", None, 404),
    ("outsider_finance", "post", f"{C}/steps/kickoff/move/", MOVE, 403),
    ("outsider_finance", "post", f"{C}/publish/", {}, 403),
    ("finance_officer", "get", f"{C}/steps/styrdialog/", None, 200),
    ("finance_officer", "get", f"{C}/steps/beredning/", None, 200),
    ("finance_officer", "post", f"{C}/steps/kickoff/move/", MOVE, 302),
    (
        "finance_officer",
        "post",
        f"{C}/steps/kickoff/rule/",
        {"rule": "date Y-1 02-11", "adjust": "none", "version": "2"},
        302,
    ),
    ("finance_officer", "post", f"{C}/steps/pf/unpublish/", {"version": "2"}, 302),
    ("finance_officer", "post", f"{C}/publish/", {}, 302),
    ("finance_officer", "get", "/me/", None, 200),
    ("finance_officer", "get", "/api/v1/cycles/test-2022/steps/styrdialog", None, 200),
    ("anonymous", "get", "/api/v1/cycles/test-2022/steps/styrdialog", None, 404),
    ("anonymous", "get", "/api/v1/cycles/test-2022/steps/beredning", None, 404),
    ("politician_majority", "get", "/api/v1/cycles/test-2022/steps/beredning", None, 200),
    ("anonymous", "get", "/healthz", None, 200),
]


@pytest.mark.parametrize(("persona", "method", "url", "data", "status"), MATRIX)
def test_permission_matrix(client_for, world, persona, method, url, data, status):
    client = client_for(persona)
    response = (
        getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
    )
    assert response.status_code == status, response.content[:300]


def test_finance_officer_may_create_a_cycle(client_for, world):
    response = client_for("finance_officer").post(
        "/cycles/", {"template": world.template.pk, "budget_year": "2023"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/cycles/test-2023/"


@pytest.mark.parametrize("persona", ["anonymous", "politician_majority", "secretary_committee_a"])
def test_drafts_absent_from_lists_and_feeds(client_for, world, persona):
    client = client_for(persona)
    for url in (
        "/",
        f"{C}/",
        f"{C}/timeline/",
        "/wheel/?year=2021",
        "/feeds/cycles/test-2022.ics",
        "/api/v1/cycles/test-2022/steps",
    ):
        assert "Styrdialog" not in client.get(url).content.decode(), url


@pytest.mark.parametrize(
    "url",
    [
        "/",
        f"{C}/",
        "/wheel/?year=2020",
        "/feeds/cycles/test-2022.ics",
        "/api/v1/cycles/test-2022/steps",
    ],
)
def test_internal_steps_absent_for_the_public(client_for, world, url):
    def text(persona):
        response = client_for(persona).get(url)
        return response.json() if url.startswith("/api/") else response.content.decode()

    assert "Lägesavstämning" not in str(text("anonymous"))
    assert "Lägesavstämning" in str(text("politician_majority"))


def test_finance_office_sees_drafts_in_lists(client_for, world):
    assert "Styrdialog" in client_for("finance_officer").get(f"{C}/").content.decode()


def test_chain_checks_only_for_the_finance_office(client_for, world):
    heading = 'id="checks-heading"'
    assert heading in client_for("finance_officer").get(f"{C}/").content.decode()
    assert heading not in client_for("secretary_committee_a").get(f"{C}/").content.decode()


def test_refused_change_saves_nothing(client_for, world):
    client_for("secretary_committee_a").post(f"{C}/steps/kickoff/move/", MOVE)
    assert not Step.objects.get(cycle=world.cycle, key="kickoff").moved_by_hand
