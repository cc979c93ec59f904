"""Reads of meetings: who is invited as of the meeting day, the majority's candidates, and the
go-ahead a later step needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.organisation.choices import PRESIDIUM_ROLES, BodyKind, MembershipRole
from arshjul.organisation.models import Membership, Person, PostHolding, Term
from arshjul.process.models import Step

from .choices import GO_AHEAD, InviteeSource
from .models import AgendaItem, Meeting

# When one person is invited for several reasons, the first of these names her.
SOURCE_ORDER = (
    InviteeSource.CHAIR,
    InviteeSource.PRESIDIUM,
    InviteeSource.MEMBER,
    InviteeSource.POST,
)
DERIVED = SOURCE_ORDER


@dataclass(frozen=True)
class Candidate:
    person: Person
    source: str
    reason: str


def meeting_day(meeting: Meeting) -> dt.date:
    return timezone.localtime(meeting.start).date()


def board_chair(organisation_id: int, day: dt.date) -> Membership | None:
    return (
        Membership.objects.on(day)
        .filter(
            body__organisation_id=organisation_id,
            body__kind=BodyKind.BOARD,
            role=MembershipRole.CHAIR,
        )
        .select_related("person", "body")
        .order_by("body__name")
        .first()
    )


def resolve_invitees(meeting: Meeting) -> list[Candidate]:
    """Who the meeting's step invites on the meeting day: the members (and substitutes) of its
    bodies, only the presidium of those represented by it, the holders of its posts (acting
    included), and the board's chair where she picks the majority's representatives. A fixed
    number of queries, whatever the number of people."""
    step = meeting.step
    if step is None:
        return []
    day = meeting_day(meeting)
    step = (
        Step.objects.filter(pk=step.pk)
        .prefetch_related("participant_bodies", "presidium_only", "participant_posts")
        .get()
    )
    presidium_bodies = {b.pk for b in step.presidium_only.all()}
    all_bodies = {b.pk for b in step.participant_bodies.all()}
    found: dict[int, Candidate] = {}

    def add(person: Person, source: str, reason: str) -> None:
        current = found.get(person.pk)
        if current is None or SOURCE_ORDER.index(source) < SOURCE_ORDER.index(current.source):
            found[person.pk] = Candidate(person, source, reason)

    if step.chair_picks_majority:
        chair = board_chair(meeting.organisation_id, day)
        if chair is not None:
            add(
                chair.person,
                InviteeSource.CHAIR,
                f"{chair.get_role_display()}, {chair.body.short_name}",
            )
    seats = (
        Membership.objects.on(day)
        .filter(body_id__in=all_bodies)
        .select_related("person", "body")
        .order_by("body__name", "role", "person__last_name")
    )
    for seat in seats:
        if seat.body_id in presidium_bodies:
            if seat.role in PRESIDIUM_ROLES:
                add(
                    seat.person,
                    InviteeSource.PRESIDIUM,
                    f"{seat.get_role_display()}, {seat.body.short_name}",
                )
        else:
            add(
                seat.person,
                InviteeSource.MEMBER,
                f"{seat.get_role_display()}, {seat.body.short_name}",
            )
    holdings = (
        PostHolding.objects.on(day)
        .filter(post__in=step.participant_posts.all())
        .select_related("person", "post")
        .order_by("post__title")
    )
    for holding in holdings:
        title = holding.post.title + (" (tf.)" if holding.acting else "")
        add(holding.person, InviteeSource.POST, title)
    return sorted(
        found.values(),
        key=lambda c: (SOURCE_ORDER.index(c.source), c.person.last_name, c.person.first_name),
    )


def majority_candidates(meeting: Meeting) -> list[Membership]:
    """The seats held on the meeting day by members of the term's majority parties, in any
    body of the organisation: those the board's chair may pick as the majority's representatives."""
    day = meeting_day(meeting)
    term = (
        Term.objects.filter(organisation_id=meeting.organisation_id, start__lte=day, end__gte=day)
        .prefetch_related("majority_parties")
        .first()
    )
    if term is None:
        return []
    parties = [p.pk for p in term.majority_parties.all()]
    seats = (
        Membership.objects.on(day)
        .filter(body__organisation_id=meeting.organisation_id, party_id__in=parties)
        .select_related("person", "party", "body")
        .order_by("person__last_name", "person__first_name", "body__name")
    )
    first: dict[int, Membership] = {}
    for seat in seats:
        first.setdefault(seat.person_id, seat)
    return list(first.values())


@dataclass(frozen=True)
class GoAhead:
    """The go-ahead a step needs, as far as one user may see it: the earlier step's title (or
    "another step"), its meeting and the decisions only where she may read them."""

    step: Step | None
    meeting: Meeting | None
    items: list[AgendaItem]
    outcomes: tuple[str, ...] = ()
    hidden: bool = False  # the earlier step or its meeting is there but not for this user

    @property
    def title(self) -> str:
        return self.step.title if self.step is not None else str(_("another step"))

    @property
    def given(self) -> bool | None:
        """True when an item gave the go-ahead, False when one refused it, None while open (or
        where the user may not see the meeting that decides it)."""
        if any(o in GO_AHEAD for o in self.outcomes):
            return True
        if any(o == "not_given" for o in self.outcomes):
            return False
        return None


def go_ahead_for(step: Step, *, user) -> GoAhead | None:
    """The go-ahead the step needs from an earlier meeting of its cycle, and whether it was
    given there, as `user` may see it: the earlier step's title where she may see that step,
    its meeting where she may read it or it is public, and its decisions where she may read
    the meeting in full (meetings' read rule)."""
    from arshjul.process.permissions import steps_visible_to

    from .permissions import can_read_meeting, is_public

    if not step.go_ahead_from:
        return None
    source = (
        Step.objects.filter(cycle_id=step.cycle_id, key=step.go_ahead_from)
        .select_related("meeting")
        .first()
    )
    if source is None:
        return None
    visible = steps_visible_to(user, Step.objects.filter(pk=source.pk)).exists()
    try:
        meeting = source.meeting
    except Meeting.DoesNotExist:
        meeting = None
    had_meeting = meeting is not None
    readable = meeting is not None and can_read_meeting(user, meeting)
    if meeting is not None and not (readable or (visible and is_public(meeting))):
        meeting = None
    decided = (
        list(AgendaItem.objects.filter(meeting=meeting).exclude(outcome="").order_by("order"))
        if meeting is not None
        else []
    )
    # Whether a public meeting gave the go-ahead is public; its decisions' text is for those
    # who read the meeting in full, as on the meeting's page.
    return GoAhead(
        step=source if visible else None,
        meeting=meeting,
        items=decided if readable else [],
        outcomes=tuple(i.outcome for i in decided),
        hidden=not visible or (meeting is None and had_meeting),
    )
