"""Build a synthetic region in its own SQLite file and time the making of a cycle.

Run by bench/run.py as `python -m bench.world --scale N` with DATABASE_URL pointing at a file
under var/bench/ (never var/arshjul.sqlite3). Scale 1 is about Region Jämtland Härjedalen's
size (10 bodies, 200 people, a template of 20 steps); scale 10 is ten times that (100 bodies,
2,000 people with memberships, a template of 200 steps, 10 overlapping cycles). Plain rows are
bulk-created; the cycles are made by the real service, `generate_cycle`. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time

SEED = 20261125
KINDS = ["meeting", "deadline", "delivery", "decision", "consultation", "phase"]
TRACKS = ["preparation", "council_board", "committees", "investments", "operations"]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
POST_KINDS = [
    "chief_executive",
    "staff_chief",
    "finance_director",
    "budget_chief",
    "finance_officer",
    "head_of_administration",
    "committee_secretary",
    "operations_manager",
    "department_manager",
    "political_secretary",
    "other",
]
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
FIRST = ["Anna", "Erik", "Karin", "Lars", "Maria", "Nils", "Sara", "Johan", "Eva", "Per"]
LAST = ["Berg", "Lind", "Holm", "Strand", "Forsberg", "Nyström", "Dahl", "Eklund", "Sund", "Öberg"]
TEXT = (
    "Underlaget bereds av ekonomistaben tillsammans med förvaltningarna och stäms av med "
    "presidiet inför beslut. Resultatet dokumenteras och återkopplas till nämnderna."
)
# Step 5 is the step page measured: a meeting that needs and produces documents.
PAGE_STEP = "s005"
# The signed-in user measured: the budget chief, a finance-office post (bench/session.py).
FINANCE_USERNAME = "bench-budgetchef"
FINANCE_PERSON = 5


def _setup_django() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("sqlite:////") or "/var/bench/" not in url:
        sys.exit("bench.world: DATABASE_URL must be sqlite:////…/var/bench/<file> (a bench file)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def _rules(rng: random.Random, n_steps: int) -> list[tuple[str, str, str]]:
    """(rule, election_rule, adjust) per step: a mix of every rule kind with offset chains.

    Absolute dates fall between June of Y-2 and August of Y-1; offset chains are at most five
    links of at most two weeks, so every step stays inside the cycle (Y-2-01-01 to Y-1-12-31).
    """

    def absolute() -> str:
        year = rng.choice(["Y-2", "Y-1"])
        month = rng.randint(6, 12) if year == "Y-2" else rng.randint(1, 8)
        kind = rng.choice(["date", "nth", "month"])
        if kind == "date":
            return f"date {year} {month:02d}-{rng.randint(1, 28):02d}"
        if kind == "nth":
            return f"nth {year} {month:02d} {rng.choice([1, 2, 3, 4, -1])} {rng.choice(WEEKDAYS)}"
        return f"month {year} {month:02d}"

    rules: list[tuple[str, str, str]] = []
    depth: dict[int, int] = {}
    plan = ["date", "nth", "month", "offset", "span"]
    for i in range(n_steps):
        kind = plan[i % len(plan)] if i < 10 else rng.choice([*plan, "offset", "offset"])
        candidates = [j for j in range(i) if depth.get(j, 0) < 5]
        if kind == "offset" and candidates:
            anchor = rng.choice(candidates[-10:])
            edge = rng.choice(["", ".end"])
            amount = rng.choice(
                [f"{rng.choice('+-')}{rng.randint(1, 2)}w", f"+{rng.randint(0, 9)}d"]
            )
            rule = f"offset s{anchor + 1:03d}{edge} {amount}"
            depth[i] = depth.get(anchor, 0) + 1
        elif kind == "span":
            year = rng.choice(["Y-2", "Y-1"])
            first = rng.randint(6, 10) if year == "Y-2" else rng.randint(1, 6)
            rule = f"span month {year} {first:02d} .. month {year} {first + rng.randint(0, 2):02d}"
        elif kind in ("date", "nth", "month"):
            rule = absolute()
            while not rule.startswith(kind):
                rule = absolute()
        else:
            rule = absolute()
        election = absolute() if not rule.startswith("offset") and rng.random() < 0.1 else ""
        adjust = rng.choice(["none", "none", "before", "after"])
        rules.append((rule, election, adjust))
    return rules


def build(scale: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

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
    from arshjul.process.models import Cycle, ProcessTemplate, Step, TemplateStep

    rng = random.Random(SEED)
    today = timezone.localdate()
    n_bodies, n_people, n_steps = 10 * scale, 200 * scale, 20 * scale
    # Budget year Y runs from 1 January of Y-2 to 31 December of Y-1, so today falls in
    # exactly two cycles (Y = this year + 1 and + 2); the older ones are history.
    years = list(range(today.year + 3 - max(scale, 2), today.year + 3))
    counts: dict[str, int] = {}
    with transaction.atomic():
        org = Organisation.objects.create(name=f"Region Bench ×{scale}", slug="bench")
        parties = Party.objects.bulk_create(
            Party(organisation=org, abbreviation=a, name=n) for a, n in PARTIES
        )
        term_start = dt.date(today.year - (today.year - 2022) % 4, 10, 15)
        if term_start > today:
            term_start = term_start.replace(year=term_start.year - 4)
        terms = Term.objects.bulk_create(
            [
                Term(
                    organisation=org,
                    start=term_start.replace(year=term_start.year - 4),
                    end=term_start - dt.timedelta(days=1),
                ),
                Term(
                    organisation=org,
                    start=term_start,
                    end=term_start.replace(year=term_start.year + 4) - dt.timedelta(days=1),
                ),
            ]
        )
        for term in terms:
            term.majority_parties.set(parties[:3])
        council, board = Body.objects.bulk_create(
            [
                Body(
                    organisation=org,
                    name="Regionfullmäktige",
                    short_name="RF",
                    slug="rf",
                    kind="council",
                ),
                Body(
                    organisation=org,
                    name="Regionstyrelsen",
                    short_name="RS",
                    slug="rs",
                    kind="board",
                ),
            ]
        )
        bodies = [council, board]
        bodies += Body.objects.bulk_create(
            [
                Body(
                    organisation=org,
                    name="Regionstyrelsens arbetsutskott",
                    short_name="RS AU",
                    slug="rsau",
                    kind="working_committee",
                    parent=board,
                )
            ]
            + [
                Body(
                    organisation=org,
                    name=f"Nämnd {i:03d}",
                    short_name=f"N{i:03d}",
                    slug=f"n{i:03d}",
                    kind="committee",
                )
                for i in range(3, n_bodies)
            ]
        )
        units = Unit.objects.bulk_create(
            Unit(
                organisation=org,
                name=f"Förvaltning {i:03d}",
                kind="administration",
                cost_centre=f"{1000 + i}",
                body=bodies[i % n_bodies],
            )
            for i in range(3 * scale)
        )
        units += Unit.objects.bulk_create(
            Unit(
                organisation=org,
                name=f"Verksamhet {i:03d}",
                kind="operation",
                cost_centre=f"{5000 + i}",
                parent=units[i % len(units)],
                body=units[i % len(units)].body,
            )
            for i in range(10 * scale)
        )
        people = Person.objects.bulk_create(
            Person(
                organisation=org,
                first_name=f"{FIRST[i % 10]}{i:04d}",
                last_name=LAST[(i // 10) % 10],
                email=f"person{i}@example.se",
                party=parties[i % len(parties)] if i % 5 else None,
            )
            for i in range(n_people)
        )
        memberships = []
        for i, person in enumerate(people):
            if person.party is None:
                continue
            for k in range(2):
                body = bodies[(i * 7 + k * 13) % n_bodies]
                role = "chair" if i < n_bodies else rng.choice(["member", "member", "substitute"])
                memberships.append(
                    Membership(
                        person=person,
                        body=body,
                        role=role,
                        party=person.party,
                        start=term_start,
                        end=None,
                    )
                )
            memberships.append(
                Membership(
                    person=person,
                    body=bodies[(i * 3) % n_bodies],
                    role="member",
                    party=person.party,
                    start=terms[0].start,
                    end=terms[0].end,
                )
            )
        Membership.objects.bulk_create(memberships)
        posts = Post.objects.bulk_create(
            Post(
                organisation=org,
                kind=POST_KINDS[i % len(POST_KINDS)],
                title=f"Tjänst {i:03d}",
                unit=units[i % len(units)],
                body=bodies[i % n_bodies] if i % 2 else None,
            )
            for i in range(13 * scale)
        )
        PostHolding.objects.bulk_create(
            PostHolding(post=post, person=people[(i * 11) % n_people], start=term_start)
            for i, post in enumerate(posts)
        )
        # The finance office's budget chief, held since well before the oldest cycle: an
        # official (person 5: no party, membership or other post) with a user account, who
        # sees drafts and may change cycles.
        budget_chief = Post.objects.create(
            organisation=org,
            kind="budget_chief",
            title="Budgetchef",
            unit=units[0],
        )
        finance_person = people[FINANCE_PERSON]
        PostHolding.objects.create(
            post=budget_chief, person=finance_person, start=dt.date(years[0] - 5, 1, 1)
        )
        finance_user = get_user_model().objects.create_user(
            username=FINANCE_USERNAME, email=finance_person.email
        )  # no password: bench/session.py signs in with force_login
        finance_person.user = finance_user
        finance_person.save(update_fields=["user"])
        doc_types = list(DocumentType.objects.all())

        template = ProcessTemplate.objects.create(
            organisation=org,
            name=f"Planerings- och budgetprocess (bench ×{scale})",
            span_start_rule="date Y-2 01-01",
            span_end_rule="date Y-1 12-31",
        )
        template_steps = []
        for i, (rule, election, adjust) in enumerate(_rules(rng, n_steps)):
            kind = "meeting" if i + 1 == int(PAGE_STEP[1:]) else KINDS[i % len(KINDS)]
            meeting = kind == "meeting"
            template_steps.append(
                TemplateStep(
                    template=template,
                    key=f"s{i + 1:03d}",
                    order=(i + 1) * 10,
                    kind=kind,
                    track=TRACKS[i % len(TRACKS)],
                    title=f"Steg {i + 1}: {kind} inför budgetår {{Y}}",
                    participants=TEXT if meeting else "",
                    purpose=TEXT,
                    inputs=TEXT if i % 2 else "",
                    goal=TEXT,
                    documentation=TEXT,
                    follow_up=TEXT if i % 3 else "",
                    notes="Gäller budgetåret {Y} och planperioden {Y+1}–{Y+2}." * (i % 2),
                    rule=rule,
                    election_rule=election,
                    adjust=adjust,
                    start_time=dt.time(9, 0) if meeting else None,
                    end_time=dt.time(12, 0) if meeting else None,
                    location="Regionens hus, sal 1" if meeting else "",
                    visibility="internal" if i % 10 == 9 else "public",
                )
            )
        template_steps = TemplateStep.objects.bulk_create(template_steps)
        through = {f: getattr(TemplateStep, f).through for f in ("participant_bodies",
                   "participant_posts", "produces", "consumes")}  # fmt: skip
        rows: dict[str, list] = {f: [] for f in through}
        for i, ts in enumerate(template_steps):
            page_step = ts.key == PAGE_STEP
            for body in rng.sample(bodies, 3 if page_step else rng.randint(0, 3)):
                rows["participant_bodies"].append(
                    through["participant_bodies"](templatestep_id=ts.pk, body_id=body.pk)
                )
            for post in rng.sample(posts, 2 if page_step else rng.randint(0, 2)):
                rows["participant_posts"].append(
                    through["participant_posts"](templatestep_id=ts.pk, post_id=post.pk)
                )
            for doc in rng.sample(doc_types, 1 if page_step or i % 2 else 0):
                rows["produces"].append(
                    through["produces"](templatestep_id=ts.pk, documenttype_id=doc.pk)
                )
            for doc in rng.sample(doc_types, 2 if page_step else rng.randint(0, 2)):
                rows["consumes"].append(
                    through["consumes"](templatestep_id=ts.pk, documenttype_id=doc.pk)
                )
        for field, model in through.items():
            model.objects.bulk_create(rows[field])

    from arshjul.accounts.roles import SYSTEM
    from arshjul.process.services import generate_cycle

    made = []
    for year in years:
        t0 = time.perf_counter()
        generate_cycle(template=template, budget_year=year, by=SYSTEM)
        made.append({"budget_year": year, "ms": (time.perf_counter() - t0) * 1000})
    published = Step.objects.filter(cycle__template=template).update(published=True)

    # Making a cycle of the whole template, repeated in a transaction that is rolled back.
    runs = []
    for _ in range(11):
        with transaction.atomic():
            t0 = time.perf_counter()
            generate_cycle(template=template, budget_year=years[-1] + 1, by=SYSTEM)
            runs.append((time.perf_counter() - t0) * 1000)
            transaction.set_rollback(True)

    for model in (Body, Person, Membership, Post, TemplateStep, Cycle, Step):
        counts[model._meta.model_name] = model.objects.count()
    live = list(
        Cycle.objects.filter(start__lte=today, end__gte=today)
        .order_by("budget_year")
        .values_list("slug", flat=True)
    )
    return {
        "scale": scale,
        "today": today.isoformat(),
        "counts": counts,
        "published_steps": published,
        "template_steps": n_steps,
        "cycles": [c["budget_year"] for c in made],
        "live_cycles": live,
        "cycle_slug": live[0] if live else None,
        "step_key": PAGE_STEP,
        "finance_user": FINANCE_USERNAME,
        "finance_person": str(people[FINANCE_PERSON]),
        "wheel_year": today.year,
        "generate_cycle_ms_during_setup": [round(c["ms"], 2) for c in made],
        "generate_cycle_ms_runs": [round(r, 2) for r in runs],
        "generate_cycle_ms_median": round(statistics.median(runs), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    _setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    t0 = time.perf_counter()
    result = build(args.scale)
    result["build_seconds"] = round(time.perf_counter() - t0, 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
