"""The notification tests' world: the shared one, plus a member of committee A, the board's
head of administration (who serves its working committee too) and committee A's."""

from types import SimpleNamespace

import pytest

from arshjul.organisation.models import Membership
from arshjul.organisation.tests.factories import (
    MembershipFactory,
    PersonFactory,
    PostFactory,
    PostHoldingFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _person(world, username, *, email=True):
    return PersonFactory(
        organisation=world.org,
        user=UserFactory(username=username),
        first_name=username.title(),
        email=f"{username}@example.se" if email else "",
    )


@pytest.fixture
def cast(world) -> SimpleNamespace:
    # The cast speaks for committee A's members: the shared world's two members give up their
    # seats here so that who is told stays countable.
    Membership.objects.filter(
        person__in=[world.member_majority_a, world.member_opposition_a]
    ).delete()
    member_a = _person(world, "member_a")
    MembershipFactory(person=member_a, body=world.committee_a, role="member")
    head_rs = _person(world, "head_rs")
    post = PostFactory(
        organisation=world.org, kind="head_of_administration", title="Regiondirektör", body=world.rs
    )
    PostHoldingFactory(post=post, person=head_rs)
    head_a = _person(world, "head_a")
    post = PostFactory(
        organisation=world.org,
        kind="head_of_administration",
        title="Förvaltningschef HSN",
        body=world.committee_a,
    )
    PostHoldingFactory(post=post, person=head_a)
    no_account = PersonFactory(organisation=world.org, user=None, email="utan@example.se")
    MembershipFactory(person=no_account, body=world.committee_a, role="member")
    return SimpleNamespace(member_a=member_a, head_rs=head_rs, head_a=head_a)
