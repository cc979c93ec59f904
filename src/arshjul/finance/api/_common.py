"""What the finance API's modules share: their tag and operation ids, the decimal strings in
and out, and the one error shape for a model's validation error."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from ninja import Schema

from arshjul.core.errors import DomainError

TAGS = ["finance"]


def operation_id(name: str) -> str:
    """The operation's id in the OpenAPI schema, as it was when the API was one module
    (arshjul.finance.api): clients generated from the schema keep their method names."""
    return f"arshjul_finance_api_{name}"


DECIMAL = r"^-?\d+(\.\d+)?$"
AMOUNT = "An exact amount in kronor as a decimal string, e.g. “3369600000.00”."


def _s(value) -> str | None:
    return None if value is None else str(value)


CENT = Decimal("0.01")


def _kr(value: Decimal) -> str:
    """An exact amount as a decimal string: two decimals, more only where the exact value has
    them (a computed figure keeps every digit; nothing is rounded)."""
    if value == value.quantize(CENT):
        return str(value.quantize(CENT))
    return format(value.normalize(), "f")


def _decimal(text: str | None, field: str) -> Decimal | None:
    """A decimal string as the schema promises it (no NaN, no exponent); its range is the
    service's to check, with the range's message."""
    if text is None or text == "":
        return None
    try:
        if not re.match(DECIMAL, str(text)):
            raise InvalidOperation
        number = Decimal(text)
        return number.copy_abs() if number.is_zero() else number
    except (InvalidOperation, TypeError):
        raise DomainError(
            _("Write a number such as 1234.50 (a decimal string)."), code="invalid", field=field
        ) from None


def _domain(exc: ValidationError) -> DomainError:
    """A model validation error raised by a service's full_clean, in the one error shape."""
    if isinstance(exc, DomainError):
        return exc
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        message = " ".join(errors[0].messages)
        field = None if field == "__all__" else field
        return DomainError(message, code="invalid", field=field)
    return DomainError(" ".join(exc.messages), code="invalid")


class CommitteeOut(Schema):
    slug: str
    name: str
    short_name: str
