"""The demo world: the budget-year-2022 cycle exactly as the seeds date and word it."""

import datetime as dt

import pytest
from django.utils import translation

from arshjul.demo.load import load_demo
from arshjul.demo.template_steps import SEED_DATES_2022
from arshjul.documents.models import Document
from arshjul.organisation.models import Body, Person
from arshjul.process import selectors
from arshjul.process.models import Cycle, Step


@pytest.fixture
def demo(db):
    load_demo()


def steps_2022():
    return {s.key: s for s in Step.objects.filter(cycle__slug="rjh-2022")}


def test_every_dated_meeting_of_the_seeds(demo):
    steps = steps_2022()
    for key, day in SEED_DATES_2022.items():
        assert (steps[key].start, steps[key].end) == (day, day), key
    assert not any(s.moved_by_hand for s in steps.values())


def test_seed_dates_are_the_documented_ones(demo):
    """The table of seed dates itself, against the dates written in seeds 000–002."""
    dated = sorted(SEED_DATES_2022.values())
    assert dated == [
        dt.date(2020, 12, 11),
        dt.date(2021, 1, 19),
        dt.date(2021, 1, 29),
        dt.date(2021, 2, 10),
        dt.date(2021, 2, 22),
        dt.date(2021, 3, 18),
        dt.date(2021, 4, 16),
        dt.date(2021, 4, 20),
        dt.date(2021, 4, 21),
        dt.date(2021, 5, 3),
    ]


def test_six_parts_word_for_word(demo):
    steps = steps_2022()
    kickoff = steps["kickoff"]
    assert kickoff.purpose == (
        "Syftet är att informera om förslag till planeringsförutsättningar samt grunderna för dessa "
        "men också ge möjlighet för regionstyrelsens ordförande och regiondirektören att ge budskap "
        "inför kommande arbete med regionplanen"
    )
    assert kickoff.documentation == "Utskick av planeringsförutsättningar och presentationsmaterial"
    dialog = steps["styrdialoger"]
    assert (
        dialog.participants
        == "Regionstyrelsens arbetsutskott samt respektive nämnds presidium och förvaltningschef"
    )
    assert dialog.follow_up == "Styrdialogerna ger inspel till slutlig beredning av Regionplanen"
    first = steps["lagesavstamning"]
    assert (
        first.goal == "Att erhålla klartecken för fortsatt arbete med planeringsförutsättningarna"
    )
    assert first.documentation == "Ekonomidirektörens minnesanteckningar"
    assert first.inputs.startswith("beräkningar av finansiellt utrymme för planeringsperioden")
    day = steps["planeringsdag"]
    assert "preliminärt resultat för 2020" in day.purpose and "inför 2022" in day.purpose
    assert (day.start_time, day.end_time) == (dt.time(9, 0), dt.time(15, 0))


def test_undated_phases_of_seed_004(demo):
    steps = steps_2022()
    assert steps["planeringsforutsattningar"].start == dt.date(2020, 8, 1)
    assert steps["planeringsforutsattningar"].end == dt.date(2021, 2, 9)
    assert steps["regionplan"].end == dt.date(2021, 6, 30)
    assert steps["namndsplaner"].end == dt.date(2021, 10, 15)
    assert (steps["verksamheternas-planering"].start, steps["verksamheternas-planering"].end) == (
        dt.date(2021, 10, 1),
        dt.date(2021, 12, 31),
    )
    for key in (
        "planeringsforutsattningar",
        "regionplan",
        "namndsplaner",
        "verksamheternas-planering",
    ):
        assert steps[key].kind == "phase"


def test_election_year_variant_in_2023_and_2027_only(demo):
    variants = {
        s.cycle.budget_year
        for s in Step.objects.filter(key="regionplan", election_variant=True).select_related(
            "cycle"
        )
    }
    assert variants == {2023, 2027}
    plan_2023 = Step.objects.get(cycle__slug="rjh-2023", key="regionplan")
    assert plan_2023.end == dt.date(2022, 11, 30)


def test_today_falls_inside_two_live_cycles(demo):
    live = selectors.live_cycles(today=dt.date(2026, 11, 25))
    assert [c.budget_year for c in live] == [2027, 2028]
    assert Cycle.objects.count() == 7


def test_every_demo_cycle_has_an_unbroken_chain_but_one_late_report(demo):
    for cycle in Cycle.objects.exclude(budget_year=2022):
        assert selectors.chain_problems(cycle) == [], cycle.slug
    # Patientnämnden had not decided its feedback report by the steering dialogue.
    with translation.override("en"):
        problems = selectors.chain_problems(Cycle.objects.get(budget_year=2022))
    assert [(p.step.key, "PN/1/2021" in p.message) for p in problems] == [("styrdialoger", True)]


def test_each_committee_has_a_feedback_report_in_its_own_state(demo):
    reports = dict(
        Document.objects.filter(document_type__code="aterkopplingsrapport").values_list(
            "owner_body__slug", "status"
        )
    )
    assert reports == {"hsn": "sent", "run": "decided", "pn": "treated"}
    assert Document.objects.get(owner_body__slug="hsn").decision_paragraph == "§ 45"


def test_real_bodies_and_idempotent(demo):
    names = set(Body.objects.values_list("name", flat=True))
    assert {
        "Regionfullmäktige",
        "Regionstyrelsen",
        "Regionstyrelsens arbetsutskott",
        "Hälso- och sjukvårdsnämnden",
        "Regionala utvecklingsnämnden",
    } <= names
    counts = (Person.objects.count(), Step.objects.count(), Body.objects.count())
    load_demo()
    assert (Person.objects.count(), Step.objects.count(), Body.objects.count()) == counts


def test_the_dashboard_against_16_april_2021(demo):
    from arshjul.feedback.selectors import feedback_dashboard

    cycle = Cycle.objects.get(budget_year=2022)
    deadlines, rows = feedback_dashboard(cycle=cycle, today=dt.date(2021, 4, 17))
    assert [d.key for d in deadlines] == ["underlag-till-namnd", "aterkopplingsrapport"]
    assert {r.body.slug: [s.state for s in r.states] for r in rows} == {
        "hsn": ["on_time", "on_time"],
        "run": ["on_time", "missing"],
        "pn": ["late", "missing"],
    }
