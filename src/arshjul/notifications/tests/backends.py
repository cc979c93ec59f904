"""A mail server that refuses some addresses, as an e-mail backend: what leaves the process is
SMTP, so this stands in for the server (Django's locmem outbox for what it accepts)."""

from __future__ import annotations

import smtplib

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

REFUSED: set[str] = set()
"""Addresses the server refuses (tests set and clear it)."""


class RefusingBackend(LocmemBackend):
    def send_messages(self, messages):
        for message in messages:
            refused = [to for to in message.to if to in REFUSED]
            if refused:
                raise smtplib.SMTPRecipientsRefused(
                    {to: (550, b"5.1.1 Mailbox unavailable") for to in refused}
                )
        return super().send_messages(messages)
