from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from arshjul.core import revision
from arshjul.core.admin_mixins import BumpsContentRevision
from arshjul.core.audit import record

from . import daterules
from .models import Cycle, ProcessTemplate, Step, TemplateStep

STEP_FIELDSETS = (
    (None, {"fields": ("key", "order", "kind", "track", "title", "visibility")}),
    (
        _("Dates"),
        {"fields": ("rule", "election_rule", "adjust", "start_time", "end_time", "location")},
    ),
    (
        _("The six parts"),
        {
            "fields": (
                "participant_bodies",
                "presidium_only",
                "participant_posts",
                "chair_picks_majority",
                "participants",
                "purpose",
                "inputs",
                "goal",
                "documentation",
                "follow_up",
                "go_ahead_from",
                "notes",
            )
        },
    ),
    (_("Documents"), {"fields": ("produces", "consumes")}),
)


class TemplateStepFormSet(forms.BaseInlineFormSet):
    """Refuse offsets to steps the template does not have, and loops of offsets, on save."""

    def clean(self):
        super().clean()
        rules = {}
        organisation_id = self.instance.organisation_id
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            for field in ("participant_bodies", "presidium_only", "participant_posts"):
                strangers = [o for o in data.get(field, []) if o.organisation_id != organisation_id]
                if strangers:
                    form.add_error(
                        field,
                        _("“%(name)s” belongs to another organisation.") % {"name": strangers[0]},
                    )
            if not data.get("key") or not data.get("rule"):
                continue
            try:
                election = data.get("election_rule") or ""
                rules[data["key"]] = daterules.StepRule(
                    daterules.parse(data["rule"]),
                    daterules.parse(election) if election.strip() else None,
                    data.get("adjust") or "none",
                )
            except daterules.RuleError:
                continue  # the field's own error is shown on the form
        try:
            daterules.dependency_order(rules)
        except daterules.RuleError as exc:
            raise ValidationError(exc.message, code=exc.code, params=exc.params) from exc


class TemplateStepInline(admin.StackedInline):
    model = TemplateStep
    formset = TemplateStepFormSet

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Offer only the template's own organisation's bodies and posts.
        object_id = (
            request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
        )
        if object_id and db_field.name in (
            "participant_bodies",
            "presidium_only",
            "participant_posts",
        ):
            template = ProcessTemplate.objects.filter(pk=object_id).only("organisation_id").first()
            if template is not None:
                kwargs["queryset"] = db_field.related_model.objects.filter(
                    organisation_id=template.organisation_id
                )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    extra = 0
    fieldsets = STEP_FIELDSETS
    filter_horizontal = ("participant_bodies", "participant_posts", "produces", "consumes")


@admin.register(ProcessTemplate)
class ProcessTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation")
    inlines = [TemplateStepInline]


@admin.register(Cycle)
class CycleAdmin(BumpsContentRevision, admin.ModelAdmin):
    list_display = ("__str__", "organisation", "start", "end", "template")
    list_filter = ("organisation",)
    # Made from a template by the service; its steps are dated for this budget year.
    readonly_fields = ("organisation", "template", "budget_year", "slug", "start", "end")

    def has_add_permission(self, request):
        # Cycles are made from a template (manage.py or the cycle page), so every step has a rule.
        return False

    def has_change_permission(self, request, obj=None):
        # Only looked at: every field is the service's, and a cycle is not removed by hand (its
        # steps, meetings, reports and frames hang on it).
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StepAdminForm(forms.ModelForm):
    # The version the editor saw: the step's page changes it too, so a save over a change made
    # meanwhile (or without the version) is refused instead of silently undoing it.
    seen_version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": _("The form did not say which version you saw.")},
    )

    class Meta:
        model = Step
        fields = [f for group in STEP_FIELDSETS for f in group[1]["fields"]]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["seen_version"] = self.instance.version

    def clean(self):
        """A published meeting keeps what a meeting must state (as publishing requires); the
        step is locked until the save and must still be the version the editor saw."""
        data = super().clean()
        step = self.instance
        if step.pk is not None:
            current = Step.objects.select_for_update().values_list("version", flat=True)
            if data.get("seen_version") != current.get(pk=step.pk):
                raise ValidationError(
                    _(
                        "Someone changed this step after you opened it. Reload the page and "
                        "make your change again."
                    ),
                    code="stale",
                )
        if step.published and data.get("kind", step.kind) == "meeting":
            has_participants = (
                (data.get("participants") or "").strip()
                or data.get("participant_bodies")
                or data.get("participant_posts")
            )
            missing = [
                label
                for label, present in (
                    (_("participants"), has_participants),
                    (_("purpose"), (data.get("purpose") or "").strip()),
                    (_("goal"), (data.get("goal") or "").strip()),
                    (_("documentation"), (data.get("documentation") or "").strip()),
                )
                if not present
            ]
            if missing:
                raise ValidationError(
                    _("A published meeting must state: %(missing)s."),
                    code="incomplete_meeting",
                    params={"missing": ", ".join(str(m) for m in missing)},
                )
        return data


@admin.register(Step)
class StepAdmin(admin.ModelAdmin):  # save_model raises the revision itself
    form = StepAdminForm
    """The six parts and documents of a cycle's step. Dates, rules and publication change on the
    step's own page, where the services keep the chain and the calendar revision right."""

    list_display = ("title", "cycle", "kind", "start", "end", "published", "moved_by_hand")
    list_filter = ("cycle", "kind", "track", "published")
    search_fields = ("title", "key")
    readonly_fields = (
        "key",
        "rule",
        "election_rule",
        "adjust",
        "rule_start",
        "rule_end",
        "start",
        "end",
        "moved_by_hand",
        "published",
        "sequence",
        "uid",
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # A cycle's steps go with their cycle; one step alone is not deleted (its chain would break).
        return False

    def save_model(self, request, obj, form, change):
        changes = {
            field: (form.initial.get(field), form.cleaned_data.get(field))
            for field in form.changed_data
            if field not in form.fields
            or not isinstance(form.fields[field], forms.ModelMultipleChoiceField)
        }
        changes.update(
            {
                field: (
                    ", ".join(str(o) for o in form.initial.get(field, [])),
                    ", ".join(str(o) for o in form.cleaned_data.get(field, [])),
                )
                for field in form.changed_data
                if isinstance(form.fields.get(field), forms.ModelMultipleChoiceField)
            }
        )
        obj.sequence += 1
        obj.version += 1
        super().save_model(request, obj, form, change)
        revision.bump()
        if changes:
            record(obj, action="process.step.edited", by=request.user, changes=changes)

    fieldsets = (
        *STEP_FIELDSETS,
        (
            _("State"),
            {
                "fields": (
                    "rule_start",
                    "rule_end",
                    "start",
                    "end",
                    "moved_by_hand",
                    "published",
                    "sequence",
                    "uid",
                    "seen_version",
                )
            },
        ),
    )
    filter_horizontal = ("participant_bodies", "participant_posts", "produces", "consumes")
