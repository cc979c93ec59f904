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


def require_version(seen: int | None, by) -> int | None:
    """The lost-update check needs the version the user saw: a write without it (a form or a
    call that lost it) is refused, never applied over whatever is there now. Only the system
    actor (commands, the demo), which saw no page, may pass None and act on what is there."""
    from arshjul.accounts.roles import is_system

    if seen is None and not is_system(by):
        from django.utils.translation import gettext_lazy as _

        raise DomainError(
            _(
                "The form did not say which version you saw. Reload the page and make your "
                "change again."
            ),
            code="version_missing",
        )
    return seen
