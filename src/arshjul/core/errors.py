"""The one error that services raise: a ValidationError with a code and a translatable message."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A refused change. Forms show it; the API maps it to one error shape."""

    def __init__(self, message, *, code: str, params: dict | None = None, field: str | None = None):
        self.field = field
        if field:
            super().__init__({field: ValidationError(message, code=code, params=params)})
        else:
            super().__init__(message, code=code, params=params)
        self.domain_code = code
