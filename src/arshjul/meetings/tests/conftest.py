"""A meeting world on top of the shared test world: a future cycle (budget year 2028, so its
meetings lie ahead), the working committee's secretary, members of RS AU, presidia of the
committees, a head of administration, parties and a term with its majority."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client

from arshjul.accounts.roles import SYSTEM
from arshjul.organisation.models import Term
from arshjul.organisation.tests.factories import (
    MembershipFactory,
    PartyFactory,
    PersonFactory,
    PostFactory,
    PostHoldingFactory,
)
from arshjul.process.models import Step, TemplateStep
from arshjul.process.services import generate_cycle


@pytest.fixture
def mw(world) -> SimpleNamespace:
    org = world.org
    s, m, c = (
        PartyFactory(organisation=org, name=n, abbreviation=a)
        for n, a in (("Socialdemokraterna", "S"), ("Moderaterna", "M"), ("Centerpartiet", "C"))
    )
    term = Term.objects.create(
        organisation=org, start=dt.date(2022, 10, 15), end=dt.date(2030, 10, 14)
    )
    term.majority_parties.set([s, c])
    styrdialog = TemplateStep.objects.get(template=world.template, key="styrdialog")
    styrdialog.participant_bodies.add(world.committee_a)
    styrdialog.presidium_only.set([world.committee_a])
    head_post = PostFactory(
        organisation=org,
        kind="head_of_administration",
        title="Förvaltningschef HSN",
        body=world.committee_a,
    )
    styrdialog.participant_posts.set([head_post])
    beredning = TemplateStep.objects.get(template=world.template, key="beredning")
    beredning.chair_picks_majority = True
    beredning.save()
    cycle = generate_cycle(template=world.template, budget_year=2028, by=SYSTEM)
    secretary_post = PostFactory(
        organisation=org, kind="committee_secretary", title="Sekreterare RS AU", body=world.rsau
    )
    secretary = PersonFactory(
        organisation=org,
        first_name="Sara",
        last_name="Sekreterare",
        user__username="secretary_rsau",
    )
    PostHoldingFactory(post=secretary_post, person=secretary)
    au_chair = MembershipFactory(
        person=PersonFactory(organisation=org, first_name="Anna", last_name="Ordförande"),
        body=world.rsau,
        role="chair",
        party=s,
    )
    au_member = MembershipFactory(
        person=PersonFactory(organisation=org, first_name="Bo", last_name="Ledamot", user=None),
        body=world.rsau,
        role="member",
        party=m,
    )
    hsn_chair = MembershipFactory(
        person=PersonFactory(organisation=org, first_name="Cecilia", last_name="Presidie"),
        body=world.committee_a,
        role="chair",
        party=c,
    )
    hsn_member = MembershipFactory(
        person=PersonFactory(organisation=org, first_name="David", last_name="Vanlig"),
        body=world.committee_a,
        role="member",
        party=s,
    )
    head_old = PostHoldingFactory(
        post=head_post,
        person=PersonFactory(organisation=org, first_name="Erik", last_name="Förre"),
        start=dt.date(2019, 1, 1),
        end=dt.date(2027, 4, 19),
    )
    head_new = PostHoldingFactory(
        post=head_post,
        person=PersonFactory(organisation=org, first_name="Frida", last_name="Nästa"),
        start=dt.date(2027, 4, 20),
    )
    # The board's chair (the politician persona) sits for S.
    world.politician_majority.memberships.update(party=s)
    return SimpleNamespace(
        cycle=cycle,
        styrdialog=Step.objects.get(cycle=cycle, key="styrdialog"),
        beredning=Step.objects.get(cycle=cycle, key="beredning"),
        kickoff=Step.objects.get(cycle=cycle, key="kickoff"),
        secretary=secretary,
        au_chair=au_chair.person,
        au_member=au_member.person,
        hsn_chair=hsn_chair.person,
        hsn_member=hsn_member.person,
        head_old=head_old.person,
        head_new=head_new.person,
        head_post=head_post,
        parties=SimpleNamespace(s=s, m=m, c=c),
    )


@pytest.fixture
def client_of():
    def make(person) -> Client:
        client = Client()
        if person is not None:
            client.force_login(person.user)
        return client

    return make
