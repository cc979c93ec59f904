"""The go-ahead a step needs, as each reader may see it: an internal meeting's title and its
decisions never reach the public, neither on the first request nor from the public page cache."""

import pytest

from arshjul.accounts.roles import SYSTEM
from arshjul.meetings import selectors, services
from arshjul.meetings.models import AgendaItem
from arshjul.process.models import Step

DECISION = "Klartecken under förutsättning av budgetdialogen"


@pytest.fixture
def internal_go_ahead(world):
    """Kickoff (public) needs the go-ahead of Lägesavstämning (internal), which gave it."""
    Step.objects.filter(cycle=world.cycle, key="kickoff").update(go_ahead_from="beredning")
    beredning = Step.objects.get(cycle=world.cycle, key="beredning")
    meeting = services.create_for_step(step=beredning, by=SYSTEM)
    AgendaItem.objects.filter(meeting=meeting).update(outcome="given", decision_text=DECISION)
    return meeting


URL = "/cycles/test-2022/steps/kickoff/"


def test_the_public_never_sees_an_internal_meetings_go_ahead(client_for, internal_go_ahead):
    client = client_for("anonymous")
    first = client.get(URL)
    second = client.get(URL)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    for response in (first, second):
        text = response.content.decode()
        assert DECISION not in text
        assert "Lägesavstämning" not in text
        assert internal_go_ahead.get_absolute_url() not in text
        assert "Go-ahead given" not in text and "Klartecken given" not in text


def test_a_signed_in_reader_does_not_fill_the_public_cache(client_for, internal_go_ahead):
    officer = client_for("finance_officer").get(URL).content.decode()
    assert DECISION in officer and "Lägesavstämning" in officer
    public = client_for("anonymous").get(URL)
    assert public["X-Cache"] == "miss"
    assert DECISION not in public.content.decode()


def test_a_member_who_may_not_read_the_meeting_sees_the_step_but_not_the_decision(
    client_for, internal_go_ahead
):
    # Committee A's member sees the organisation's internal steps, but is neither invited to
    # the meeting nor a member of its body.
    text = client_for("member_majority_a").get(URL).content.decode()
    assert "Lägesavstämning" in text
    assert DECISION not in text


def test_go_ahead_for_applies_the_readers_rule(world, personas, internal_go_ahead):
    kickoff = Step.objects.get(cycle=world.cycle, key="kickoff")
    public = selectors.go_ahead_for(kickoff, user=personas["anonymous"])
    assert public.step is None and public.meeting is None and public.items == []
    assert public.given is None
    officer = selectors.go_ahead_for(kickoff, user=personas["finance_officer"])
    assert officer.given is True and officer.meeting == internal_go_ahead
    assert [i.decision_text for i in officer.items] == [DECISION]
