"""Declared ranges of numbers. Each app declares one Range per kind of amount, percentage or
count in its models module; the form, the API, the Excel import and the database (a check
constraint, which SQLite enforces too) all apply that one Range, with its one message.

A ranged model field refuses to write a value out of its range (a DomainError naming the field,
so a service's caller shows the message) and reads a row stored out of range before the
constraint existed without crashing, so the page can show it with a warning and take a
correction.
"""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import models
from django.db.models import Q
from django.utils.functional import Promise, cached_property

from arshjul.core.errors import DomainError

# Digits a typed number may have at most, before and after the decimal sign together: more is
# never a budget figure, and a Decimal of a thousand digits is slow to compare.
MAX_TYPED_DIGITS = 30
_TYPED = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_SPACES = str.maketrans("", "", " \xa0\u202f\u2009")


def parse_typed(value) -> Decimal:
    """A number as people type it: a decimal comma or point (one), spaces between thousands, a
    minus or a true minus sign. ValueError for anything else: NaN, Infinity, an exponent
    (`1e30`), two decimal signs (`1,5.3`), more than MAX_TYPED_DIGITS digits. `−0` is zero."""
    text = str(value).strip().translate(_SPACES).replace("\u2212", "-")
    if not _TYPED.match(text) or sum(c.isdigit() for c in text) > MAX_TYPED_DIGITS:
        raise ValueError(f"not a number: {str(value)[:50]!r}")
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
        raise ValueError(f"not a number: {str(value)[:50]!r}") from exc
    return number.copy_abs() if number.is_zero() else number  # −0 is 0


@dataclass(frozen=True)
class Range:
    """Inclusive bounds of a stored value and the message that says them to a person."""

    rule: str
    low: Decimal
    high: Decimal
    message: str | Promise

    def __contains__(self, value) -> bool:
        try:
            number = Decimal(value) if not isinstance(value, Decimal) else value
        except (InvalidOperation, TypeError, ValueError):
            return False
        return number.is_finite() and self.low <= number <= self.high

    def error(self, field: str | None = None) -> DomainError:
        return DomainError(self.message, code="range", field=field)

    def check(self, value, *, field: str | None = None) -> None:
        """Raise the range's DomainError when value (None passes) is outside the range."""
        if value is not None and value not in self:
            raise self.error(field)

    def validate(self, value) -> None:
        """A form validator: the range's ValidationError when value is out of the range."""
        self.check(value)

    def constraint(self, field: str, *, nullable: bool = False) -> models.CheckConstraint:
        """The database's side: `<app>_<model>_<field>_<rule>`."""
        condition = Q(**{f"{field}__gte": self.low, f"{field}__lte": self.high})
        if nullable:
            condition = Q(**{f"{field}__isnull": True}) | condition
        return models.CheckConstraint(
            condition=condition, name=f"%(app_label)s_%(class)s_{field}_{self.rule}"
        )


class _Ranged:
    """Refuses to write a value outside the field's Range (every save, create, bulk_create and
    update passes here), naming the field in the DomainError."""

    def __init__(self, *args, range: Range | None = None, **kwargs):
        self.range = range
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        """A ModelForm's field (the admin's) refuses out-of-range values with the message."""
        field = super().formfield(**kwargs)
        if self.range is not None and field is not None:
            field.validators.append(self.range.validate)
        return field

    def get_db_prep_save(self, value, connection):
        if self.range is not None and value is not None and not hasattr(value, "as_sql"):
            self.range.check(value, field=self.name)
        return super().get_db_prep_save(value, connection)


class RangedDecimalField(_Ranged, models.DecimalField):
    @cached_property
    def context(self):
        # SQLite keeps what it is given: a row saved out of range before the constraint existed
        # must still read (for the warning and the correction), so reading rounds to the field's
        # places with room for any digits instead of failing at max_digits.
        return decimal.Context(prec=max(self.max_digits, 60))


class RangedIntegerField(_Ranged, models.IntegerField):
    pass


class RangedPositiveIntegerField(_Ranged, models.PositiveIntegerField):
    pass


class RangedPositiveSmallIntegerField(_Ranged, models.PositiveSmallIntegerField):
    pass


def check_ranges(instance: models.Model) -> None:
    """Raise the first ranged field's DomainError (named by the field) whose value is out of
    its range: a service calls it before it saves, with the range's own message."""
    for field in instance._meta.concrete_fields:
        rng = getattr(field, "range", None)
        if rng is not None:
            rng.check(getattr(instance, field.attname), field=field.name)


def out_of_range(instance: models.Model) -> list[str]:
    """The names of the instance's ranged fields whose stored value lies outside their range
    (a row from before the constraint): the page warns and offers the correction."""
    names = []
    for field in instance._meta.concrete_fields:
        rng = getattr(field, "range", None)
        value = getattr(instance, field.attname, None)
        if rng is not None and value is not None and value not in rng:
            names.append(field.name)
    return names
