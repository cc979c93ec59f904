"""`manage.py demo`: load the demo world (idempotent) and print the demo users."""

from django.core.management.base import BaseCommand

from arshjul.demo.load import DEMO_PASSWORD, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Load Region Jämtland Härjedalen's demo data (safe to run again)."

    def handle(self, *args, **options):
        for line in load_demo():
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(f"Demo users (password for all: {DEMO_PASSWORD}):")
        for username, role in DEMO_USERS:
            self.stdout.write(f"  {username:<22} {role}")
