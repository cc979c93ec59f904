from django.contrib import admin

from .models import Cycle, ProcessTemplate, Step, TemplateStep

STEP_FIELDSETS = (
    (None, {"fields": ("key", "order", "kind", "track", "title", "visibility")}),
    (
        "Datum",
        {"fields": ("rule", "election_rule", "adjust", "start_time", "end_time", "location")},
    ),
    (
        "Sex delar",
        {
            "fields": (
                "participant_bodies",
                "participant_posts",
                "participants",
                "purpose",
                "inputs",
                "goal",
                "documentation",
                "follow_up",
                "notes",
            )
        },
    ),
    ("Dokument", {"fields": ("produces", "consumes")}),
)


class TemplateStepInline(admin.StackedInline):
    model = TemplateStep
    extra = 0
    fieldsets = STEP_FIELDSETS
    filter_horizontal = ("participant_bodies", "participant_posts", "produces", "consumes")


@admin.register(ProcessTemplate)
class ProcessTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation")
    inlines = [TemplateStepInline]


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "organisation", "start", "end", "template")
    list_filter = ("organisation",)
    readonly_fields = ("start", "end")

    def has_add_permission(self, request):
        # Cycles are made from a template (manage.py or the cycle page), so every step has a rule.
        return False


@admin.register(Step)
class StepAdmin(admin.ModelAdmin):
    list_display = ("title", "cycle", "kind", "start", "end", "published", "moved_by_hand")
    list_filter = ("cycle", "kind", "track", "published")
    search_fields = ("title", "key")
    readonly_fields = ("rule_start", "rule_end", "start", "end", "moved_by_hand", "sequence", "uid")
    fieldsets = (
        *STEP_FIELDSETS,
        (
            "Läge",
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
                )
            },
        ),
    )
    filter_horizontal = ("participant_bodies", "participant_posts", "produces", "consumes")
