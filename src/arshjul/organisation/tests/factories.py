"""Factories that build valid organisations: every row belongs to the same organisation."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from arshjul.organisation import models


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Party

    organisation = factory.SubFactory(OrganisationFactory)
    abbreviation = factory.Sequence(lambda n: f"P{n}")
    name = factory.LazyAttribute(lambda o: f"Partiet {o.abbreviation}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Body

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Nämnd {n}")
    short_name = factory.Sequence(lambda n: f"N{n}")
    slug = factory.Sequence(lambda n: f"namnd-{n}")
    kind = "committee"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("secret-password")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Sequence(lambda n: f"Förnamn{n}")
    last_name = factory.Sequence(lambda n: f"Efternamn{n}")
    email = factory.LazyAttribute(lambda o: f"{o.first_name.lower()}@example.se")
    user = factory.SubFactory(UserFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(
        BodyFactory, organisation=factory.SelfAttribute("..person.organisation")
    )
    role = "member"
    start = dt.date(2018, 10, 15)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Post

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "other"
    title = factory.Sequence(lambda n: f"Tjänst {n}")


class PostHoldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PostHolding

    post = factory.SubFactory(PostFactory)
    person = factory.SubFactory(
        PersonFactory, organisation=factory.SelfAttribute("..post.organisation")
    )
    start = dt.date(2019, 1, 1)
