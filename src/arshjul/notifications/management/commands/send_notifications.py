"""`manage.py send_notifications`: e-mail each person one digest of her notifications not yet
e-mailed, in her language (run from cron; running it twice sends nothing twice)."""

from django.core.management.base import BaseCommand

from arshjul.notifications.services import send_digests


class Command(BaseCommand):
    help = "E-mail each person a digest of her new notifications, once each."

    def handle(self, *args, **options):
        result = send_digests()
        self.stdout.write(
            f"{result.sent} digest(s) sent with {result.notifications} notification(s)"
        )
        if result.without_email:
            names = ", ".join(str(p) for p in result.without_email)
            self.stdout.write(
                f"{len(result.without_email)} person(s) skipped, no e-mail address: {names}"
            )
