"""Demo data: Region Jämtland Härjedalen with its real bodies and invented people, the standard
template from the seeds, and the cycles of budget years 2022–2028. Idempotent.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.contrib.auth import get_user_model
from django.db import transaction

from arshjul.accounts.roles import SYSTEM
from arshjul.documents.models import DocumentType
from arshjul.organisation.models import (
    Body,
    Membership,
    Organisation,
    Party,
    Person,
    Post,
    PostHolding,
    Term,
    Unit,
)
from arshjul.process.models import Cycle, ProcessTemplate, TemplateStep
from arshjul.process.services import generate_cycle, publish_cycle

from .documents import load_documents
from .finance import load_frames, load_party, load_proposals, load_restoration, load_space
from .investments import load_investments
from .meetings import load_meetings
from .template_steps import STEPS
from .units import load_unit_budgets

DEMO_PASSWORD = "arshjul-demo"
# From the seeds' year to two years ahead of today, so that today always falls in two cycles.
BUDGET_YEARS = range(2022, max(2028, dt.date.today().year + 2) + 1)

PARTIES = [
    ("S", "Socialdemokraterna"),
    ("C", "Centerpartiet"),
    ("V", "Vänsterpartiet"),
    ("M", "Moderaterna"),
    ("SD", "Sverigedemokraterna"),
    ("KD", "Kristdemokraterna"),
    ("L", "Liberalerna"),
    ("MP", "Miljöpartiet"),
]
MAJORITY = ["S", "C", "V"]

BODIES = [
    # slug, short name, name, kind, parent
    ("rf", "RF", "Regionfullmäktige", "council", None),
    ("rs", "RS", "Regionstyrelsen", "board", None),
    ("rsau", "RS AU", "Regionstyrelsens arbetsutskott", "working_committee", "rs"),
    ("hsn", "HSN", "Hälso- och sjukvårdsnämnden", "committee", None),
    ("run", "RUN", "Regionala utvecklingsnämnden", "committee", None),
    ("pn", "PN", "Patientnämnden", "committee", None),
]

UNITS = [
    # cost centre, name, kind, parent cost centre, responsible body
    ("1000", "Regionstaben", "administration", None, "rs"),
    ("1100", "Ekonomiavdelningen", "department", "1000", "rs"),
    ("1200", "Kansliavdelningen", "department", "1000", "rs"),
    ("2000", "Hälso- och sjukvårdsförvaltningen", "administration", None, "hsn"),
    ("2100", "Primärvård", "operation", "2000", "hsn"),
    ("2110", "Hälsocentraler norr", "department", "2100", "hsn"),
    ("2200", "Akutsjukvård", "operation", "2000", "hsn"),
    ("2210", "Akutmottagningen Östersund", "department", "2200", "hsn"),
    ("3000", "Förvaltningen för regional utveckling", "administration", None, "run"),
    ("3100", "Kultur", "operation", "3000", "run"),
    ("3200", "Kollektivtrafik", "operation", "3000", "run"),
    ("4000", "Patientnämndens kansli", "administration", None, "pn"),
]

# Invented people. (first, last, party or None, username or None)
PEOPLE = {
    "rd": ("Karin", "Lindqvist", None, "regiondirektor"),
    "rsc": ("Mats", "Öberg", None, None),
    "ed": ("Eva", "Sundberg", None, "ekonomidirektor"),
    "bc": ("Anna", "Berglund", None, "budgetchef"),
    "ekonom": ("Jonas", "Holm", None, "ekonom"),
    "fc_hsn": ("Peter", "Nyström", None, "forvaltningschef.hsn"),
    "fc_run": ("Lena", "Åström", None, None),
    "sek_rs": ("Sofia", "Hedlund", None, "sekreterare.rs"),
    "sek_hsn": ("Maria", "Forsberg", None, "sekreterare.hsn"),
    "sek_run": ("Johan", "Eklund", None, "sekreterare.run"),
    "sek_pn": ("Elin", "Strand", None, None),
    "vc_prim": ("Oskar", "Dahl", None, "verksamhetschef"),
    "pol_sek": ("Ida", "Wikström", None, None),
    "rs_ordf": ("Thomas", "Andersson", "S", "politiker.majoritet"),
    "rs_vice": ("Helena", "Jonsson", "C", None),
    "rs_2vice": ("Erik", "Persson", "M", "politiker.opposition"),
    "rs_led1": ("Sara", "Nilsson", "V", None),
    "rs_led2": ("Anders", "Olofsson", "S", None),
    "rs_led3": ("Linda", "Mårtensson", "SD", None),
    "rs_ers1": ("Nils", "Sjöberg", "KD", None),
    "hsn_ordf": ("Camilla", "Eriksson", "S", None),
    "hsn_vice": ("Pär", "Lundgren", "C", None),
    "hsn_2vice": ("Karl", "Westin", "M", None),
    "run_ordf": ("Malin", "Isaksson", "C", None),
    "run_vice": ("Björn", "Hansson", "V", None),
    "run_2vice": ("Ulla", "Backman", "L", None),
    "pn_ordf": ("Göran", "Sandberg", "S", None),
    "pn_vice": ("Agneta", "Lund", "MP", None),
    "rf_led1": ("Fredrik", "Strömberg", "SD", None),
    "rf_led2": ("Kristina", "Falk", "M", None),
    "rf_ers1": ("Hampus", "Granlund", "S", None),
}

SEATS = [
    # person, body, role
    ("rs_ordf", "rs", "chair"),
    ("rs_vice", "rs", "vice_chair"),
    ("rs_2vice", "rs", "second_vice_chair"),
    ("rs_led1", "rs", "member"),
    ("rs_led2", "rs", "member"),
    ("rs_led3", "rs", "member"),
    ("rs_ers1", "rs", "substitute"),
    ("rs_ordf", "rsau", "chair"),
    ("rs_vice", "rsau", "vice_chair"),
    ("rs_2vice", "rsau", "second_vice_chair"),
    ("hsn_ordf", "hsn", "chair"),
    ("hsn_vice", "hsn", "vice_chair"),
    ("hsn_2vice", "hsn", "second_vice_chair"),
    ("run_ordf", "run", "chair"),
    ("run_vice", "run", "vice_chair"),
    ("run_2vice", "run", "second_vice_chair"),
    ("pn_ordf", "pn", "chair"),
    ("pn_vice", "pn", "vice_chair"),
    ("rs_ordf", "rf", "member"),
    ("rs_vice", "rf", "member"),
    ("rs_2vice", "rf", "member"),
    ("hsn_ordf", "rf", "member"),
    ("run_ordf", "rf", "member"),
    ("rf_led1", "rf", "chair"),
    ("rf_led2", "rf", "member"),
    ("rf_ers1", "rf", "substitute"),
]

POSTS = [
    # key, kind, title, unit cost centre, body slug, holder
    ("rd", "chief_executive", "Regiondirektör", "1000", None, "rd"),
    ("rsc", "staff_chief", "Regionstabschef", "1000", None, "rsc"),
    ("ed", "finance_director", "Ekonomidirektör", "1100", None, "ed"),
    ("bc", "budget_chief", "Budgetchef", "1100", None, "bc"),
    ("ekonom", "finance_officer", "Ekonom, ekonomistaben", "1100", None, "ekonom"),
    (
        "fc_hsn",
        "head_of_administration",
        "Förvaltningschef hälso- och sjukvårdsförvaltningen",
        "2000",
        "hsn",
        "fc_hsn",
    ),
    (
        "fc_run",
        "head_of_administration",
        "Förvaltningschef regional utveckling",
        "3000",
        "run",
        "fc_run",
    ),
    (
        "sek_rs",
        "committee_secretary",
        "Nämndsekreterare regionstyrelsen och RS AU",
        "1200",
        "rs",
        "sek_rs",
    ),
    (
        "sek_hsn",
        "committee_secretary",
        "Nämndsekreterare hälso- och sjukvårdsnämnden",
        "2000",
        "hsn",
        "sek_hsn",
    ),
    (
        "sek_run",
        "committee_secretary",
        "Nämndsekreterare regionala utvecklingsnämnden",
        "3000",
        "run",
        "sek_run",
    ),
    ("sek_pn", "committee_secretary", "Nämndsekreterare patientnämnden", "4000", "pn", "sek_pn"),
    ("vc_prim", "operations_manager", "Verksamhetschef primärvård", "2100", "hsn", "vc_prim"),
    ("pol_sek", "political_secretary", "Politisk sekreterare", "1000", None, "pol_sek"),
]

DOCUMENT_TYPES = [
    ("planeringsforutsattningar", "Planeringsförutsättningar"),
    ("regionplan", "Regionplan"),
    ("namndsplan", "Nämndsplan"),
    ("verksamhetsplan", "Verksamhetsplan"),
    ("aterkopplingsrapport", "Återkopplingsrapport"),
    ("investeringsplan", "Investeringsplan"),
    ("tjansteskrivelse", "Tjänsteskrivelse"),
    ("protokoll", "Protokoll"),
    ("minnesanteckningar", "Minnesanteckningar"),
    ("presentation", "Presentation"),
    ("other", "Övrigt"),
]

TERM_START = dt.date(2018, 10, 15)


def ensure_document_types() -> dict[str, DocumentType]:
    types = {}
    for order, (code, name) in enumerate(DOCUMENT_TYPES):
        types[code], _ = DocumentType.objects.get_or_create(
            code=code, defaults={"name": name, "order": order}
        )
    return types


def _organisation() -> tuple[Organisation, dict]:
    org, _ = Organisation.objects.get_or_create(
        slug="rjh", defaults={"name": "Region Jämtland Härjedalen", "kind": "region"}
    )
    parties = {}
    for abbr, name in PARTIES:
        parties[abbr], _ = Party.objects.get_or_create(
            organisation=org, abbreviation=abbr, defaults={"name": name}
        )
    for start, end in [
        (dt.date(2018, 10, 15), dt.date(2022, 10, 14)),
        (dt.date(2022, 10, 15), dt.date(2026, 10, 14)),
        (dt.date(2026, 10, 15), dt.date(2030, 10, 14)),
    ]:
        term, created = Term.objects.get_or_create(
            organisation=org, start=start, defaults={"end": end}
        )
        if created:
            term.majority_parties.set([parties[p] for p in MAJORITY])
    bodies = {}
    for slug, short, name, kind, parent in BODIES:
        bodies[slug], _ = Body.objects.get_or_create(
            organisation=org,
            slug=slug,
            defaults={
                "short_name": short,
                "name": name,
                "kind": kind,
                "parent": bodies.get(parent),
            },
        )
    units = {}
    for cc, name, kind, parent, body in UNITS:
        units[cc], _ = Unit.objects.get_or_create(
            organisation=org,
            cost_centre=cc,
            defaults={
                "name": name,
                "kind": kind,
                "parent": units.get(parent),
                "body": bodies[body],
            },
        )
    User = get_user_model()
    people = {}
    for key, (first, last, party, username) in PEOPLE.items():
        local = username or f"{first}.{last}".lower()
        # Plain ASCII: many mail servers refuse å, ä and ö before the @.
        local = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode()
        email = f"{local}@example.se"
        person, _ = Person.objects.get_or_create(
            organisation=org,
            first_name=first,
            last_name=last,
            defaults={"party": parties.get(party), "email": email},
        )
        if username and person.user_id is None:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(
                    username, email=email, password=DEMO_PASSWORD, first_name=first, last_name=last
                )
            person.user = user
            person.save(update_fields=["user"])
        people[key] = person
    for person_key, body_slug, role in SEATS:
        person = people[person_key]
        Membership.objects.get_or_create(
            person=person,
            body=bodies[body_slug],
            role=role,
            defaults={"party": person.party, "start": TERM_START},
        )
    posts = {}
    for key, kind, title, cc, body, holder in POSTS:
        posts[key], _ = Post.objects.get_or_create(
            organisation=org,
            title=title,
            defaults={"kind": kind, "unit": units[cc], "body": bodies.get(body)},
        )
        PostHolding.objects.get_or_create(
            post=posts[key], person=people[holder], defaults={"start": dt.date(2019, 1, 1)}
        )
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@example.se", DEMO_PASSWORD)
    return org, {"bodies": bodies, "posts": posts, "people": people}


def _template(org: Organisation, world: dict, types: dict[str, DocumentType]) -> ProcessTemplate:
    template, created = ProcessTemplate.objects.get_or_create(
        organisation=org,
        name="Planerings- och budgetprocess (standard)",
        defaults={
            "description": (
                "Regionens planerings- och budgetprocess enligt fastställd process: "
                "planeringsförutsättningar, beredningsmöten, kickoff, återkoppling, styrdialoger, "
                "regionplan, nämndsplaner och verksamhetsplaner."
            ),
            "span_start_rule": "date Y-2 03-01",
            "span_end_rule": "date Y-1 12-31",
        },
    )
    if not created:
        return template
    bodies, posts = world["bodies"], world["posts"]
    fields = {f.name for f in TemplateStep._meta.get_fields() if not f.many_to_many}
    for order, spec in enumerate(STEPS, start=1):
        data = {k: v for k, v in spec.items() if k in fields}
        ts = TemplateStep.objects.create(template=template, order=order * 10, **data)
        ts.participant_bodies.set(
            [bodies[s] for s in spec.get("bodies", [])]
            + [bodies[s] for s in spec.get("presidia", [])]
        )
        ts.presidium_only.set([bodies[s] for s in spec.get("presidia", [])])
        ts.participant_posts.set([p for p in posts.values() if p.kind in spec.get("posts", [])])
        ts.produces.set([types[c] for c in spec.get("produces", [])])
        ts.consumes.set([types[c] for c in spec.get("consumes", [])])
    return template


@transaction.atomic
def load_demo() -> list[str]:
    """Create what is missing of the demo world; returns lines to print."""
    types = ensure_document_types()
    org, world = _organisation()
    template = _template(org, world, types)
    made = []
    for year in BUDGET_YEARS:
        if not Cycle.objects.filter(organisation=org, budget_year=year).exists():
            generate_cycle(template=template, budget_year=year, by=SYSTEM)
            made.append(year)
    # Everything is published except the newest cycle's meetings, which are still drafts.
    for cycle in Cycle.objects.filter(organisation=org, budget_year__in=made):
        newest = cycle.budget_year == max(BUDGET_YEARS)
        publish_cycle(cycle=cycle, by=SYSTEM, exclude_kinds=("meeting",) if newest else ())
    documents = load_documents(org)
    meetings = load_meetings(org)
    scenarios = load_space(org)
    investments = load_investments(org)
    frame_versions = load_frames(org)
    load_party(org)
    load_restoration(org)
    load_proposals(org)
    unit_budgets = load_unit_budgets(org)
    lines = [f"Demo: {org.name}, cycles for budget years {min(BUDGET_YEARS)}–{max(BUDGET_YEARS)}"]
    if made:
        lines.append(f"  created cycles: {', '.join(map(str, made))}")
    if documents:
        lines.append(f"  registered {documents} documents")
    if meetings:
        lines.append("  held the 2022 planning day with its attendance (fee basis for budgetchef)")
    if unit_budgets:
        lines.append(f"  set {unit_budgets} unit budgets under HSN 2023")
    if scenarios:
        lines.append("  the 2022 cycle's base and low scenarios (financial space)")
    if investments:
        lines.append(f"  made the investment plan 2022–2031 with {investments} projects")
    if frame_versions:
        lines.append("  the 2022 frames in two versions (council October 2021, revision February)")
    return lines


DEMO_USERS = [
    ("budgetchef", "Budgetchef (finance office: edits the cycles)"),
    ("ekonomidirektor", "Ekonomidirektör (finance office)"),
    ("regiondirektor", "Regiondirektör"),
    ("sekreterare.rs", "Nämndsekreterare, regionstyrelsen och RS AU"),
    ("sekreterare.hsn", "Nämndsekreterare, hälso- och sjukvårdsnämnden"),
    ("sekreterare.run", "Nämndsekreterare, regionala utvecklingsnämnden"),
    ("forvaltningschef.hsn", "Förvaltningschef, hälso- och sjukvårdsförvaltningen"),
    ("verksamhetschef", "Verksamhetschef, primärvård"),
    ("politiker.majoritet", "Regionstyrelsens ordförande (S, majoriteten)"),
    ("politiker.opposition", "Regionstyrelsens andre vice ordförande (M, oppositionen)"),
    ("admin", "Systemadministratör (Django admin)"),
]
