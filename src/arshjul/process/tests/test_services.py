"""Services that change the calendar: each checks who may, refuses bad input whole, and audits."""

import datetime as dt

import pytest

from arshjul.accounts.roles import SYSTEM
from arshjul.core.errors import DomainError
from arshjul.core.models import AuditEntry
from arshjul.core.tests.versions import seen
from arshjul.process import services
from arshjul.process.models import Cycle, Step
from arshjul.process.tests.factories import ProcessTemplateFactory, TemplateStepFactory


def step(world, key):
    return Step.objects.get(cycle=world.cycle, key=key)


def audit(obj, action):
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk), action=action
    )


class TestGenerateCycle:
    def test_dates_come_from_the_rules(self, world):
        assert step(world, "beredning").start == dt.date(2020, 12, 11)
        assert step(world, "kickoff").start == dt.date(2021, 2, 10)
        pf = step(world, "pf")
        assert (pf.start, pf.end) == (dt.date(2020, 8, 1), dt.date(2021, 2, 9))

    def test_copies_participants_and_documents(self, world):
        kickoff = step(world, "kickoff")
        assert {b.slug for b in kickoff.participant_bodies.all()} == {"hsn", "run", "rs"}
        assert [d.code for d in kickoff.consumes.all()] == ["planeringsforutsattningar"]

    def test_cycle_span_from_template(self, world):
        assert (world.cycle.start, world.cycle.end) == (dt.date(2020, 3, 1), dt.date(2021, 12, 31))

    def test_is_audited(self, world):
        entry = audit(world.cycle, "process.cycle.created").get()
        assert entry.changes == {"steps": [None, 6]}

    def test_second_cycle_for_same_year_refused(self, world):
        with pytest.raises(DomainError) as exc:
            services.generate_cycle(template=world.template, budget_year=2022, by=SYSTEM)
        assert exc.value.domain_code == "duplicate_cycle"

    def test_election_year_variant(self, world):
        cycle = services.generate_cycle(template=world.template, budget_year=2023, by=SYSTEM)
        plan = Step.objects.get(cycle=cycle, key="regionplan")
        assert plan.election_variant is True
        assert plan.end == dt.date(2022, 11, 30)
        assert step(world, "regionplan").election_variant is False
        assert step(world, "regionplan").end == dt.date(2021, 6, 30)

    def test_year_placeholders_filled(self, world):
        TemplateStepFactory(
            template=world.template,
            key="dag",
            title="Dag {Y}",
            purpose="Resultat för {Y-2}",
            rule="date Y-1 05-20",
        )
        cycle = services.generate_cycle(template=world.template, budget_year=2024, by=SYSTEM)
        made = Step.objects.get(cycle=cycle, key="dag")
        assert (made.title, made.purpose) == ("Dag 2024", "Resultat för 2022")

    def test_step_outside_the_span_refused_and_nothing_saved(self, world):
        TemplateStepFactory(
            template=world.template, key="sent", title="För sent", rule="date Y 03-01"
        )
        with pytest.raises(DomainError) as exc:
            services.generate_cycle(template=world.template, budget_year=2025, by=SYSTEM)
        assert exc.value.domain_code == "outside_cycle"
        assert "För sent" in exc.value.messages[0]
        assert not Cycle.objects.filter(budget_year=2025).exists()
        assert not Step.objects.filter(cycle__budget_year=2025).exists()

    def test_loop_in_template_refused(self, db):
        template = ProcessTemplateFactory()
        TemplateStepFactory(template=template, key="a", rule="offset b +1d")
        TemplateStepFactory(template=template, key="b", rule="offset a +1d")
        with pytest.raises(DomainError) as exc:
            services.generate_cycle(template=template, budget_year=2022, by=SYSTEM)
        assert exc.value.domain_code == "loop"
        assert not Cycle.objects.exists()

    def test_bad_rule_in_template_names_the_step(self, db):
        template = ProcessTemplateFactory()
        TemplateStepFactory(template=template, key="trasig", rule="date Y-1 02-30")
        with pytest.raises(DomainError) as exc:
            services.generate_cycle(template=template, budget_year=2022, by=SYSTEM)
        assert "trasig" in exc.value.messages[0]
        assert not Cycle.objects.exists()

    def test_only_finance_office_may_generate(self, world):
        with pytest.raises(DomainError) as exc:
            services.generate_cycle(
                template=world.template, budget_year=2024, by=world.secretary_committee_a.user
            )
        assert exc.value.domain_code == "forbidden"
        services.generate_cycle(
            template=world.template, budget_year=2024, by=world.finance_officer.user
        )
        assert Cycle.objects.filter(budget_year=2024).exists()


class TestMoveStep:
    def test_move_keeps_rule_date_and_raises_sequence(self, world):
        fo = world.finance_officer.user
        s = step(world, "aterkoppling")
        moved = services.move_step(
            step=s, start=dt.date(2021, 4, 14), end=None, by=fo, version=s.version
        )
        assert (moved.start, moved.end) == (dt.date(2021, 4, 14), dt.date(2021, 4, 14))
        assert (moved.rule_start, moved.rule_end) == (dt.date(2021, 4, 16), dt.date(2021, 4, 16))
        assert moved.moved_by_hand
        assert moved.sequence == s.sequence + 1
        entry = audit(moved, "process.step.moved").get()
        assert entry.by == fo
        assert entry.changes["start"] == ["2021-04-16", "2021-04-14"]

    def test_steps_relative_to_it_follow(self, world):
        fo = world.finance_officer.user
        s = step(world, "aterkoppling")
        dialog_before = step(world, "styrdialog")
        services.move_step(step=s, start=dt.date(2021, 4, 9), end=None, by=fo, version=s.version)
        dialog = step(world, "styrdialog")
        assert dialog.start == dt.date(2021, 4, 13)  # Friday 9 April + 4 days, a Tuesday
        assert dialog.rule_start == dt.date(2021, 4, 13)
        assert dialog.sequence == dialog_before.sequence + 1
        assert audit(dialog, "process.step.followed").exists()

    def test_moved_step_does_not_follow(self, world):
        fo = world.finance_officer.user
        dialog = step(world, "styrdialog")
        services.move_step(
            step=dialog, start=dt.date(2021, 4, 22), end=None, by=fo, version=dialog.version
        )
        s = step(world, "aterkoppling")
        services.move_step(step=s, start=dt.date(2021, 4, 9), end=None, by=fo, version=s.version)
        dialog = step(world, "styrdialog")
        assert dialog.start == dt.date(2021, 4, 22)
        assert dialog.rule_start == dt.date(2021, 4, 13)

    def test_end_before_start_refused(self, world):
        s = step(world, "pf")
        with pytest.raises(DomainError) as exc:
            services.move_step(
                step=s,
                start=dt.date(2020, 9, 1),
                end=dt.date(2020, 8, 1),
                by=world.finance_officer.user,
                version=s.version,
            )
        assert exc.value.domain_code == "end_before_start"
        assert step(world, "pf").start == dt.date(2020, 8, 1)

    def test_outside_the_cycle_refused(self, world):
        s = step(world, "kickoff")
        with pytest.raises(DomainError) as exc:
            services.move_step(
                step=s,
                start=dt.date(2022, 2, 10),
                end=None,
                by=world.finance_officer.user,
                version=s.version,
            )
        assert exc.value.domain_code == "outside_cycle"
        assert not step(world, "kickoff").moved_by_hand

    def test_stale_version_refused(self, world):
        fo = world.finance_officer.user
        s = step(world, "kickoff")
        seen = s.version
        services.move_step(step=s, start=dt.date(2021, 2, 11), end=None, by=fo, version=seen)
        with pytest.raises(DomainError) as exc:
            services.move_step(step=s, start=dt.date(2021, 2, 12), end=None, by=fo, version=seen)
        assert exc.value.domain_code == "stale"
        assert step(world, "kickoff").start == dt.date(2021, 2, 11)

    @pytest.mark.parametrize(
        "persona", ["secretary_committee_a", "politician_majority", "outsider_finance"]
    )
    def test_others_may_not_move(self, world, persona):
        s = step(world, "kickoff")
        with pytest.raises(DomainError) as exc:
            services.move_step(
                step=s,
                start=dt.date(2021, 2, 11),
                end=None,
                by=getattr(world, persona).user,
                version=s.version,
            )
        assert exc.value.domain_code == "forbidden"
        assert not audit(s, "process.step.moved").exists()

    def test_reset_returns_to_rule_date(self, world):
        fo = world.finance_officer.user
        s = step(world, "kickoff")
        moved = services.move_step(
            step=s, start=dt.date(2021, 2, 11), end=None, by=fo, version=s.version
        )
        back = services.reset_step(step=moved, by=fo, version=moved.version)
        assert back.start == dt.date(2021, 2, 10)
        assert not back.moved_by_hand
        assert back.sequence == moved.sequence + 1
        assert audit(back, "process.step.reset").exists()


class TestChangeRule:
    def test_new_rule_redates_step_and_audits(self, world):
        s = step(world, "kickoff")
        changed = services.change_step_rule(
            step=s,
            rule="nth Y-1 02 3 wed",
            election_rule="",
            adjust="none",
            by=world.finance_officer.user,
            version=s.version,
        )
        assert changed.start == dt.date(2021, 2, 17)
        assert audit(changed, "process.step.rule_changed").get().changes["rule"] == [
            "nth Y-1 02 2 wed",
            "nth Y-1 02 3 wed",
        ]
        # The phase that ends the day before the kickoff follows it.
        assert step(world, "pf").end == dt.date(2021, 2, 16)

    def test_loop_refused_and_nothing_saved(self, world):
        s = step(world, "aterkoppling")
        with pytest.raises(DomainError) as exc:
            services.change_step_rule(
                step=s,
                rule="offset styrdialog -4d",
                election_rule="",
                adjust="none",
                by=world.finance_officer.user,
                version=s.version,
            )
        assert exc.value.domain_code == "loop"
        assert "aterkoppling" in exc.value.messages[0] and "styrdialog" in exc.value.messages[0]
        assert step(world, "aterkoppling").rule == "date Y-1 04-16"

    def test_offset_to_a_step_of_another_cycle_refused(self, world):
        other_template = ProcessTemplateFactory(organisation=world.org)
        TemplateStepFactory(template=other_template, key="budgetdag", rule="date Y-1 05-05")
        other = services.generate_cycle(template=other_template, budget_year=2030, by=SYSTEM)
        assert other.steps.filter(key="budgetdag").exists()
        s = step(world, "kickoff")
        with pytest.raises(DomainError) as exc:
            services.change_step_rule(
                step=s,
                rule="offset budgetdag +1d",
                election_rule="",
                adjust="none",
                by=world.finance_officer.user,
                version=s.version,
            )
        assert exc.value.domain_code == "unknown_anchor"

    def test_unreadable_rule_refused(self, world):
        s = step(world, "kickoff")
        with pytest.raises(DomainError) as exc:
            services.change_step_rule(
                step=s,
                rule="someday soon",
                election_rule="",
                adjust="none",
                by=world.finance_officer.user,
                version=s.version,
            )
        assert exc.value.domain_code == "unknown_kind"
        assert step(world, "kickoff").rule == "nth Y-1 02 2 wed"


class TestPublish:
    def test_meeting_without_its_parts_cannot_be_published(self, world):
        s = step(world, "styrdialog")
        with pytest.raises(DomainError) as exc:
            services.publish_step(step=s, by=world.finance_officer.user, version=seen(s))
        assert exc.value.domain_code == "incomplete_meeting"
        assert not step(world, "styrdialog").published

    def test_complete_meeting_is_published_and_audited(self, world):
        Step.objects.filter(pk=step(world, "styrdialog").pk).update(
            purpose="Dialog", goal="Inspel", documentation="Protokoll"
        )
        published = services.publish_step(
            step=step(world, "styrdialog"),
            by=world.finance_officer.user,
            version=seen(step(world, "styrdialog")),
        )
        assert published.published
        assert audit(published, "process.step.published").exists()

    def test_publish_cycle_skips_incomplete_meetings(self, world):
        Step.objects.filter(cycle=world.cycle).update(published=False)
        count = services.publish_cycle(cycle=world.cycle, by=world.finance_officer.user)
        assert count == 5
        assert not step(world, "styrdialog").published
