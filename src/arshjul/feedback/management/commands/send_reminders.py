"""`manage.py send_reminders`: queue the feedback-report reminders that are due (run daily
from cron; running it twice, even at once, queues nothing twice). `send_mail_outbox` sends
them."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from arshjul.feedback.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail committees the reminders of feedback-report deadlines that are due today."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, help="act as if it were this day (YYYY-MM-DD)"
        )

    def handle(self, *args, today=None, **options):
        count = send_reminders(today=today or timezone.localdate())
        self.stdout.write(f"{count} reminder(s) queued")
