"""One shared world with named personas, composed from the apps' factories.

Personas: finance_officer (the budget chief), executive_staff (the chief executive's head of
staff), secretary_committee_a, secretary_committee_b, member_majority_a and member_opposition_a
(seats in committee A for the majority party and the opposition party), politician_opposition
(the opposition party's group leader, seated in the council only), politician_majority (the
board's chair), outsider_finance (finance office of another organisation), no_person (a user
account without a person) and anonymous.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import Client

from arshjul.accounts.roles import SYSTEM
from arshjul.demo.load import ensure_document_types
from arshjul.organisation.tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PartyFactory,
    PersonFactory,
    PostFactory,
    PostHoldingFactory,
    UserFactory,
)
from arshjul.process.services import generate_cycle, publish_step
from arshjul.process.tests.factories import ProcessTemplateFactory, TemplateStepFactory

PASSWORD = "secret-password"


def _persona(org, username, *, post_kind=None, body=None, seat=None, party=None):
    person = PersonFactory(
        organisation=org,
        user=UserFactory(username=username),
        first_name=username.title(),
        party=party,
    )
    if post_kind:
        post = PostFactory(
            organisation=org, kind=post_kind, title=f"{post_kind} {username}", body=body
        )
        PostHoldingFactory(post=post, person=person)
    if seat:
        MembershipFactory(
            person=person, body=seat[0], role=seat[1], party=party, start=dt.date(2019, 1, 1)
        )
    return person


def build_world(budget_year: int = 2022) -> SimpleNamespace:
    """A small region with a board, its working committee, two committees and one cycle."""
    # The documents app's data migration makes the standard types; a transactional test before
    # this one may have flushed them, so make sure they are there.
    docs = ensure_document_types()
    org = OrganisationFactory(name="Testregionen", slug="test")
    other_org = OrganisationFactory(name="Grannregionen", slug="granne")
    rs = BodyFactory(
        organisation=org, name="Regionstyrelsen", short_name="RS", slug="rs", kind="board"
    )
    rsau = BodyFactory(
        organisation=org,
        name="RS arbetsutskott",
        short_name="RS AU",
        slug="rsau",
        kind="working_committee",
        parent=rs,
    )
    committee_a = BodyFactory(
        organisation=org, name="Hälso- och sjukvårdsnämnden", short_name="HSN", slug="hsn"
    )
    committee_b = BodyFactory(
        organisation=org, name="Regionala utvecklingsnämnden", short_name="RUN", slug="run"
    )
    council = BodyFactory(
        organisation=org, name="Regionfullmäktige", short_name="RF", slug="rf", kind="council"
    )
    majority = PartyFactory(organisation=org, abbreviation="M1", name="Majoritetspartiet")
    opposition = PartyFactory(organisation=org, abbreviation="O1", name="Oppositionspartiet")
    w = SimpleNamespace(
        org=org,
        other_org=other_org,
        rs=rs,
        rsau=rsau,
        committee_a=committee_a,
        committee_b=committee_b,
        council=council,
        majority=majority,
        opposition=opposition,
        docs=docs,
    )
    w.finance_officer = _persona(org, "finance_officer", post_kind="budget_chief")
    w.secretary_committee_a = _persona(
        org, "secretary_committee_a", post_kind="committee_secretary", body=committee_a
    )
    w.secretary_committee_b = _persona(
        org, "secretary_committee_b", post_kind="committee_secretary", body=committee_b
    )
    w.politician_majority = _persona(org, "politician_majority", seat=(rs, "chair"), party=majority)
    w.outsider_finance = _persona(other_org, "outsider_finance", post_kind="budget_chief")
    w.executive_staff = _persona(org, "executive_staff", post_kind="staff_chief")
    w.member_majority_a = _persona(
        org, "member_majority_a", seat=(committee_a, "member"), party=majority
    )
    w.member_opposition_a = _persona(
        org, "member_opposition_a", seat=(committee_a, "member"), party=opposition
    )
    w.politician_opposition = _persona(
        org, "politician_opposition", seat=(council, "member"), party=opposition
    )
    w.no_person = UserFactory(username="no_person")
    w.budget_chief_post = w.finance_officer.post_holdings.get().post

    template = ProcessTemplateFactory(organisation=org, name="Standard")
    TemplateStepFactory(
        template=template,
        key="pf",
        kind="phase",
        track="preparation",
        title="Planeringsförutsättningar",
        rule="span month Y-2 08 .. offset kickoff -1d",
        produces=[docs["planeringsforutsattningar"]],
    )
    TemplateStepFactory(
        template=template,
        key="beredning",
        kind="meeting",
        track="preparation",
        title="Lägesavstämning",
        rule="nth Y-2 12 2 fri",
        visibility="internal",
        participants="RS ordförande",
        purpose="Dialog",
        goal="Klartecken",
        documentation="Minnesanteckningar",
        participant_posts=[w.budget_chief_post],
    )
    TemplateStepFactory(
        template=template,
        key="kickoff",
        kind="meeting",
        track="council_board",
        title="Kickoff",
        rule="nth Y-1 02 2 wed",
        participants="Presidier",
        purpose="Informera",
        goal="Samma förståelse",
        documentation="Utskick",
        participant_bodies=[committee_a, committee_b, rs],
        consumes=[docs["planeringsforutsattningar"]],
    )
    TemplateStepFactory(
        template=template,
        key="aterkoppling",
        kind="deadline",
        track="committees",
        title="Återkopplingsrapport",
        rule="date Y-1 04-16",
        adjust="before",
        participant_bodies=[committee_a, committee_b],
        produces=[docs["aterkopplingsrapport"]],
        consumes=[docs["planeringsforutsattningar"]],
    )
    TemplateStepFactory(
        template=template,
        key="styrdialog",
        kind="meeting",
        track="committees",
        title="Styrdialog",
        rule="offset aterkoppling +4d",
        adjust="after",
        participant_bodies=[rsau],
        consumes=[docs["aterkopplingsrapport"]],
    )
    TemplateStepFactory(
        template=template,
        key="regionplan",
        kind="phase",
        track="council_board",
        title="Regionplan",
        rule="span offset kickoff +1d .. month Y-1 06",
        election_rule="span offset kickoff +1d .. month Y-1 11",
    )
    w.template = template
    w.cycle = generate_cycle(template=template, budget_year=budget_year, by=SYSTEM)
    for step in w.cycle.steps.exclude(key="styrdialog"):
        publish_step(step=step, by=SYSTEM, version=None)
    return w


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the public page cache lives in the process."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db) -> SimpleNamespace:
    return build_world()


@pytest.fixture
def personas(world) -> dict:
    """Persona name -> user (AnonymousUser for anonymous)."""
    return {
        "finance_officer": world.finance_officer.user,
        "secretary_committee_a": world.secretary_committee_a.user,
        "secretary_committee_b": world.secretary_committee_b.user,
        "politician_majority": world.politician_majority.user,
        "outsider_finance": world.outsider_finance.user,
        "executive_staff": world.executive_staff.user,
        "member_majority_a": world.member_majority_a.user,
        "member_opposition_a": world.member_opposition_a.user,
        "politician_opposition": world.politician_opposition.user,
        "no_person": world.no_person,
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def client_for(personas):
    def make(persona: str) -> Client:
        client = Client()
        user = personas[persona]
        if user.is_authenticated:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def today() -> dt.date:
    return dt.date.today()
