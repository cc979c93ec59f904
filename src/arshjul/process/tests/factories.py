"""Factories for templates and their steps; cycles are made by the real service."""

from __future__ import annotations

import factory

from arshjul.organisation.tests.factories import OrganisationFactory
from arshjul.process import models


class ProcessTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ProcessTemplate

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Mall {n}")
    span_start_rule = "date Y-2 03-01"
    span_end_rule = "date Y-1 12-31"


class TemplateStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TemplateStep
        skip_postgeneration_save = True

    template = factory.SubFactory(ProcessTemplateFactory)
    key = factory.Sequence(lambda n: f"steg-{n}")
    order = factory.Sequence(lambda n: n * 10)
    kind = "deadline"
    track = "committees"
    title = factory.Sequence(lambda n: f"Steg {n}")
    rule = "date Y-1 04-16"
    visibility = "public"

    @factory.post_generation
    def participant_bodies(self, create, extracted, **kwargs):
        if create and extracted:
            self.participant_bodies.set(extracted)

    @factory.post_generation
    def participant_posts(self, create, extracted, **kwargs):
        if create and extracted:
            self.participant_posts.set(extracted)

    @factory.post_generation
    def produces(self, create, extracted, **kwargs):
        if create and extracted:
            self.produces.set(extracted)

    @factory.post_generation
    def consumes(self, create, extracted, **kwargs):
        if create and extracted:
            self.consumes.set(extracted)
