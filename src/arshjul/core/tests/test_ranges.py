"""Declared ranges outside finance (issue 11, numbers in range): a meeting's fee rate, the
longest half day of the fee rules and a cycle's budget year each have one Range that the
admin's form, the model and the database apply with the same message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.forms import modelform_factory

from arshjul.core.errors import DomainError
from arshjul.meetings.models import FeeRate
from arshjul.organisation.models import Organisation
from arshjul.process.models import Cycle


def test_the_admin_form_of_a_fee_rate_says_the_range(world):
    form_class = modelform_factory(FeeRate, fields=["amount"])
    for typed in ("1e30", "NaN", "9" * 40):
        assert not form_class(data={"amount": typed}).is_valid()
    form = form_class(data={"amount": "500000"})
    assert not form.is_valid()
    assert form.errors["amount"] == ["Ett arvode är mellan 0 och 100 000 kr."]  # in Swedish
    assert form_class(data={"amount": "1900"}).is_valid()


def test_a_fee_rate_out_of_range_is_refused_by_the_model_and_the_database(world):
    with pytest.raises(DomainError), transaction.atomic():
        FeeRate.objects.create(
            organisation=world.org,
            kind="half_day",
            amount=Decimal(10**8),
            valid_from=dt.date.today(),
        )
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO meetings_feerate (organisation_id, kind, amount, valid_from) "
            "VALUES (%s, 'half_day', 500000, '2024-01-01')",
            [world.org.pk],
        )
    assert not FeeRate.objects.exists()


def test_the_longest_half_day_and_the_budget_year_have_their_ranges(world):
    form = modelform_factory(Organisation, fields=["fee_half_day_hours"])(
        data={"fee_half_day_hours": "25"}
    )
    assert form.errors["fee_half_day_hours"] == [
        "Den längsta halvdagen är mellan 0,5 och 24 timmar."
    ]
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE organisation_organisation SET fee_half_day_hours = 30 WHERE id = %s",
            [world.org.pk],
        )
    with pytest.raises(DomainError), transaction.atomic():
        Cycle.objects.filter(pk=world.cycle.pk).update(budget_year=30000)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE process_cycle SET budget_year = 1 WHERE id = %s", [world.cycle.pk])
    world.cycle.refresh_from_db()
    assert world.cycle.budget_year == 2022
