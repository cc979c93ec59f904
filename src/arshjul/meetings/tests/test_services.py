"""Meetings: made from a step with invitees resolved on the meeting day, the majority's
representatives, moving, cancelling and the lifecycle's refusals."""

import datetime as dt

import pytest
from django.utils import timezone

from arshjul.accounts.roles import SYSTEM
from arshjul.core.audit import history_for
from arshjul.core.errors import DomainError
from arshjul.core.tests.versions import seen
from arshjul.meetings import selectors, services
from arshjul.meetings.models import Meeting


def names(meeting):
    return sorted(
        f"{i.person.first_name}:{i.source}" for i in meeting.invitees.select_related("person")
    )


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_a_steering_dialogue_invites_the_working_committee_the_presidium_and_the_post_holder(
    world, mw
):
    meeting = services.create_for_step(step=mw.styrdialog, by=mw.secretary.user)
    assert meeting.body == world.rsau  # the working committee runs it
    assert meeting.step == mw.styrdialog and meeting.title == mw.styrdialog.title
    assert timezone.localtime(meeting.start).date() == mw.styrdialog.start
    # RS AU as a whole; of HSN only its chair (not the ordinary member); the head of
    # administration who holds the post on the day (2027-04-20: the new one).
    assert mw.styrdialog.start == dt.date(2027, 4, 20)
    assert names(meeting) == ["Anna:member", "Bo:member", "Cecilia:presidium", "Frida:post"]
    assert meeting.items.get().title == mw.styrdialog.title
    assert history_for(meeting).filter(action="meetings.invitees.changed").exists()


def test_a_post_that_changes_hands_between_two_meetings(world, mw):
    first = services.create_for_step(step=mw.styrdialog, by=SYSTEM)
    assert "Frida:post" in names(first) and "Erik:post" not in names(first)
    # A second meeting on the day before the post changed hands invites the one who held it then.
    Meeting.objects.filter(pk=first.pk).update(
        start=at(dt.date(2027, 4, 19)), end=at(dt.date(2027, 4, 19), 12)
    )
    first.refresh_from_db()
    services.refresh_invitees(meeting=first, by=SYSTEM)
    assert "Erik:post" in names(first) and "Frida:post" not in names(first)


def test_people_added_by_hand_stay_when_the_invitees_are_refreshed(world, mw):
    meeting = services.create_for_step(step=mw.styrdialog, by=SYSTEM)
    services.add_invitee(
        meeting=meeting, person=mw.hsn_member, by=mw.secretary.user, version=seen(meeting)
    )
    services.refresh_invitees(meeting=meeting, by=SYSTEM)
    assert "David:hand" in names(meeting)
    with pytest.raises(DomainError) as exc:
        services.add_invitee(meeting=meeting, person=mw.hsn_member, by=SYSTEM, version=None)
    assert exc.value.domain_code == "duplicate"


def test_the_chair_picks_the_majoritys_representatives(world, mw):
    meeting = services.create_for_step(step=mw.beredning, by=world.finance_officer.user)
    # The board's chair is invited by the step; the budget chief by her post.
    assert "Politician_Majority:chair" in names(meeting)
    candidates = {m.person for m in selectors.majority_candidates(meeting)}
    assert mw.au_chair in candidates and mw.hsn_chair in candidates and mw.hsn_member in candidates
    assert mw.au_member not in candidates  # Moderaterna are not in the majority
    with pytest.raises(DomainError) as exc:
        services.pick_majority(
            meeting=meeting,
            people=[mw.au_member],
            by=world.politician_majority.user,
            version=seen(meeting),
        )
    assert exc.value.domain_code == "not_majority"
    with pytest.raises(DomainError) as exc:
        services.pick_majority(
            meeting=meeting,
            people=[mw.au_chair],
            by=world.secretary_committee_a.user,
            version=seen(meeting),
        )
    assert exc.value.domain_code == "forbidden"
    services.pick_majority(
        meeting=meeting,
        people=[mw.au_chair, mw.hsn_chair],
        by=world.politician_majority.user,
        version=seen(meeting),
    )
    assert {"Anna:majority", "Cecilia:majority"} <= set(names(meeting))
    services.pick_majority(
        meeting=meeting,
        people=[mw.au_chair],
        by=world.politician_majority.user,
        version=seen(meeting),
    )
    assert "Cecilia:majority" not in names(meeting)
    entry = history_for(meeting).filter(action="meetings.majority.picked").first()
    assert entry.by == world.politician_majority.user


def test_only_the_bodys_secretary_or_the_finance_office_runs_it(world, mw):
    with pytest.raises(DomainError) as exc:
        services.create_for_step(step=mw.styrdialog, by=world.secretary_committee_a.user)
    assert exc.value.domain_code == "forbidden"
    assert not Meeting.objects.exists()
    meeting = services.create_for_step(step=mw.styrdialog, by=world.finance_officer.user)
    with pytest.raises(DomainError):
        services.change_status(
            meeting=meeting,
            to="invited",
            by=world.secretary_committee_b.user,
            version=seen(meeting),
        )


def test_lifecycle_refusals(world, mw):
    meeting = services.create_for_step(step=mw.styrdialog, by=SYSTEM)
    with pytest.raises(DomainError) as exc:
        services.change_status(meeting=meeting, to="held", by=SYSTEM, version=None)
    assert exc.value.domain_code == "bad_transition"
    services.change_status(meeting=meeting, to="invited", by=SYSTEM, version=None)
    with pytest.raises(DomainError) as exc:
        services.change_status(meeting=meeting, to="held", by=SYSTEM, version=None)
    assert exc.value.domain_code == "not_yet"  # 2027 is ahead
    Meeting.objects.filter(pk=meeting.pk).update(
        start=at(dt.date(2021, 4, 20)), end=at(dt.date(2021, 4, 20), 12)
    )
    meeting.refresh_from_db()
    services.change_status(meeting=meeting, to="held", by=SYSTEM, version=None)
    with pytest.raises(DomainError) as exc:
        services.change_status(meeting=meeting, to="documented", by=SYSTEM, version=None)
    assert exc.value.domain_code == "no_minutes"
    with pytest.raises(DomainError) as exc:
        services.move(
            meeting=meeting,
            start=at(dt.date(2027, 5, 1)),
            end=at(dt.date(2027, 5, 1), 12),
            by=SYSTEM,
            version=None,
        )
    assert exc.value.domain_code == "held"
    with pytest.raises(DomainError) as exc:
        services.cancel(meeting=meeting, reason="", by=SYSTEM, version=None)
    assert exc.value.domain_code == "held"


def test_no_invitations_without_invitees(world, mw):
    meeting = services.create_meeting(
        body=world.rsau,
        title="Extra",
        start=at(dt.date(2027, 6, 1)),
        end=at(dt.date(2027, 6, 1), 11),
        by=SYSTEM,
    )
    with pytest.raises(DomainError) as exc:
        services.change_status(meeting=meeting, to="invited", by=SYSTEM, version=None)
    assert exc.value.domain_code == "no_invitees"
    meeting.refresh_from_db()
    assert meeting.status == "planned"


def test_moving_raises_the_sequence_once_invited_and_never_into_the_past(world, mw):
    meeting = services.create_for_step(step=mw.styrdialog, by=SYSTEM)
    services.move(
        meeting=meeting,
        start=at(dt.date(2027, 4, 21)),
        end=at(dt.date(2027, 4, 21), 12),
        by=SYSTEM,
        version=None,
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 0  # nobody has an invitation to update yet
    services.change_status(meeting=meeting, to="invited", by=SYSTEM, version=None)
    services.move(
        meeting=meeting,
        start=at(dt.date(2027, 4, 22)),
        end=at(dt.date(2027, 4, 22), 12),
        by=SYSTEM,
        location="Sal A",
        version=None,
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 1 and meeting.location == "Sal A"
    with pytest.raises(DomainError) as exc:
        services.move(
            meeting=meeting,
            start=at(dt.date(2020, 1, 1)),
            end=at(dt.date(2020, 1, 1), 12),
            by=SYSTEM,
            version=None,
        )
    assert exc.value.domain_code == "in_the_past"
    with pytest.raises(DomainError) as exc:
        services.move(
            meeting=meeting,
            start=at(dt.date(2027, 5, 1), 12),
            end=at(dt.date(2027, 5, 1), 9),
            by=SYSTEM,
            version=None,
        )
    assert exc.value.domain_code == "end_before_start"
    services.cancel(meeting=meeting, reason="Krockar", by=SYSTEM, version=None)
    meeting.refresh_from_db()
    assert meeting.status == "cancelled" and meeting.sequence == 2


def test_a_stale_version_is_refused(world, mw):
    meeting = services.create_for_step(step=mw.styrdialog, by=SYSTEM)
    with pytest.raises(DomainError) as exc:
        services.change_status(
            meeting=meeting, to="invited", by=SYSTEM, version=meeting.version - 1
        )
    assert exc.value.domain_code == "stale"


def test_a_later_step_shows_the_go_ahead(world, mw):
    from arshjul.meetings.models import AgendaItem
    from arshjul.process.models import Step

    kickoff = mw.kickoff
    Step.objects.filter(pk=kickoff.pk).update(go_ahead_from="beredning")
    kickoff.refresh_from_db()
    assert selectors.go_ahead_for(kickoff, user=SYSTEM).given is None
    meeting = services.create_for_step(step=mw.beredning, by=SYSTEM)
    assert selectors.go_ahead_for(kickoff, user=SYSTEM).given is None
    AgendaItem.objects.filter(meeting=meeting).update(outcome="given", decision_text="Klartecken")
    ahead = selectors.go_ahead_for(kickoff, user=SYSTEM)
    assert ahead.given is True and ahead.meeting == meeting
    AgendaItem.objects.filter(meeting=meeting).update(outcome="not_given")
    assert selectors.go_ahead_for(kickoff, user=SYSTEM).given is False
