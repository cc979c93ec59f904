"""For tests that read what was e-mailed: run the outbox's drain (what `send_mail_outbox` does
from cron) and return Django's test outbox."""

from django.core import mail

from arshjul.notifications.outbox import drain


def sent() -> list:
    drain()
    return mail.outbox
