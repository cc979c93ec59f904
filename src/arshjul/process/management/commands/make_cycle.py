"""`manage.py make_cycle ORGANISATION YEAR [--template NAME]`: make a budget year's cycle."""

from django.core.management.base import BaseCommand, CommandError

from arshjul.accounts.roles import SYSTEM
from arshjul.core.errors import DomainError
from arshjul.organisation.models import Organisation
from arshjul.process.models import ProcessTemplate
from arshjul.process.services import generate_cycle


class Command(BaseCommand):
    help = "Make the cycle of a budget year from the organisation's process template."

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="the organisation's short name in links, e.g. rjh")
        parser.add_argument("budget_year", type=int)
        parser.add_argument("--template", help="the template's name when there are several")

    def handle(self, *args, organisation, budget_year, template=None, **options):
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(f"No organisation with the short name {organisation!r}.")
        templates = ProcessTemplate.objects.filter(organisation=org)
        if template:
            templates = templates.filter(name=template)
        found = list(templates[:2])
        if len(found) != 1:
            names = ", ".join(t.name for t in ProcessTemplate.objects.filter(organisation=org))
            raise CommandError(f"Name one template with --template (there are: {names or 'none'}).")
        try:
            cycle = generate_cycle(template=found[0], budget_year=budget_year, by=SYSTEM)
        except DomainError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"{cycle} ({cycle.slug}): {cycle.steps.count()} steps, drafts until published."
        )
