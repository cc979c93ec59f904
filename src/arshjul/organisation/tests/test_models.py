"""Every row belongs to one organisation: links across organisations are refused."""

import pytest
from django.core.exceptions import ValidationError

from arshjul.organisation.models import Membership, PostHolding
from arshjul.organisation.tests.factories import BodyFactory, PersonFactory, PostFactory


def test_membership_in_another_organisations_body_is_refused(world):
    stranger = PersonFactory(organisation=world.other_org)
    with pytest.raises(ValidationError) as exc:
        Membership(
            person=stranger, body=world.committee_a, role="member", start="2022-01-01"
        ).full_clean()
    assert exc.value.error_dict["person"][0].code == "other_organisation"


def test_post_holding_across_organisations_is_refused(world):
    post = PostFactory(organisation=world.org)
    with pytest.raises(ValidationError):
        PostHolding(post=post, person=world.outsider_finance, start="2022-01-01").full_clean()


def test_body_under_another_organisations_body_is_refused(world):
    body = BodyFactory.build(organisation=world.other_org, parent=world.rs, slug="x")
    with pytest.raises(ValidationError) as exc:
        body.full_clean()
    assert "parent" in exc.value.error_dict
