"""`manage.py send_mail_outbox`: send the e-mail waiting in the outbox (run every minute from
cron; overlapping runs never send one e-mail twice)."""

from django.core.management.base import BaseCommand

from arshjul.notifications.outbox import drain


class Command(BaseCommand):
    help = "Send the queued e-mail (reminders, invitations); retry failures with back-off."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, help="send at most this many e-mails")

    def handle(self, *args, limit=None, **options):
        result = drain(limit=limit)
        self.stdout.write(
            f"{result.sent} e-mail(s) sent, {result.retrying} to retry, {result.failed} failed"
        )
        for error in result.errors:
            self.stderr.write(error)
