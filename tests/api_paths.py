"""Real values for the path parameters of the API's operations, taken from the database.

The crawl and the schema test (schemathesis) both fill `{slug}`, `{pk}`, `{vid}` … of every
operation in the OpenAPI schema with objects that exist, so that an operation is tried on what
it serves, not only answered 404.
"""

from __future__ import annotations

import re

from arshjul.documents.models import Document
from arshjul.feedback.models import FeedbackReport
from arshjul.finance.models import ChangeItem, FrameVersion, InvestmentProject, Scenario
from arshjul.meetings.models import AgendaItem, Invitee, Meeting, Task
from arshjul.process.models import Cycle, Step

PER_TEMPLATE = 4  # objects tried per path template


def _rows(qs, **fields: str) -> list[dict]:
    """Up to PER_TEMPLATE rows of the queryset as {parameter: value}, first and last alike."""
    values = list(qs.order_by("pk").values_list(*fields.values()))
    picked = values[: PER_TEMPLATE // 2] + values[-(PER_TEMPLATE // 2) :] if values else []
    unique = list(dict.fromkeys(picked))
    return [dict(zip(fields, row, strict=True)) for row in unique]


def path_values() -> dict[str, list[dict]]:
    """For each path parameter pattern (the template's names in order), the rows to try."""
    return {
        "slug": _rows(Cycle.objects, slug="slug"),
        "slug,key": _rows(Step.objects, slug="cycle__slug", key="key"),
        "documents:pk": _rows(Document.objects, pk="pk"),
        "feedback-reports:pk": _rows(FeedbackReport.objects, pk="pk"),
        "meetings:pk": _rows(Meeting.objects, pk="pk"),
        "meetings:pk,item_pk": _rows(AgendaItem.objects, pk="meeting_id", item_pk="pk"),
        "meetings:pk,task_pk": _rows(Task.objects, pk="meeting_id", task_pk="pk"),
        "meetings:pk,invitee_id": _rows(Invitee.objects, pk="meeting_id", invitee_id="pk"),
        "scenarios:pk": _rows(Scenario.objects, pk="pk"),
        "scenarios:pk,vid": _rows(FrameVersion.objects, pk="scenario_id", vid="pk"),
        "scenarios:pk,vid,item": _rows(
            ChangeItem.objects,
            pk="frame_version__scenario_id",
            vid="frame_version_id",
            item="pk",
        ),
        "investment-projects:pk": _rows(InvestmentProject.objects, pk="pk"),
    }


def parameter_names(template: str) -> list[str]:
    return re.findall(r"{(\w+)}", template)


def key_of(template: str) -> str:
    """The key in path_values() for a path template such as /api/v1/meetings/{pk}/agenda."""
    names = parameter_names(template)
    if names and names[0] == "pk":
        resource = template.removeprefix("/api/v1/").split("/", 1)[0]
        return f"{resource}:" + ",".join(names)
    return ",".join(names)


def fill(template: str, values: dict) -> str:
    return re.sub(r"{(\w+)}", lambda match: str(values[match.group(1)]), template)


def concrete_paths(template: str, table: dict[str, list[dict]]) -> list[str]:
    """The template with each row of real values, or the template itself if it has none."""
    if not parameter_names(template):
        return [template]
    rows = table.get(key_of(template))
    if rows is None:
        raise KeyError(f"no demo objects for the path parameters of {template}")
    return [fill(template, row) for row in rows]
