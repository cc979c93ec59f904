"""Template context that every page needs: who the user is in the organisation."""

from __future__ import annotations

from django.http import HttpRequest

from arshjul.accounts.roles import is_finance_office


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {"is_finance_office": bool(user and is_finance_office(user))}
