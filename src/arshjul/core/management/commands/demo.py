"""`manage.py demo`: load the demo world (idempotent) and print the demo users."""

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from arshjul.demo.load import DEMO_PASSWORD, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Load Region Jämtland Härjedalen's demo data (safe to run again)."

    def handle(self, *args, **options):
        # The demo's invented people get no e-mail: invitations the demo's meetings send while
        # loading stay in memory instead of filling the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            lines = load_demo()
        for line in lines:
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(f"Demo users (password for all: {DEMO_PASSWORD}):")
        for username, role in DEMO_USERS:
            self.stdout.write(f"  {username:<22} {role}")
