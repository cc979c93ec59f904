"""Attendance and fees on the meeting's page: the invitees by body with their attendance, the
secretary's attendance form (a row per invitee), the meeting's fee rule, the fee basis and its
Excel export.

Read: the invitee list with attendance for those who read the meeting, and for the public only
where the meeting's body has made its attendance lists public (permissions.can_see_attendance).
Change, the fee basis and its export: those who run the meeting (403 for others who may read
it, 404 for those who may not).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from arshjul.core.errors import DomainError

from . import attendance
from . import views as meeting_views
from .choices import AFTER_HELD, BEFORE_HELD
from .fee_export import fee_basis_xlsx
from .forms_attendance import AttendanceForm, FeeRuleForm
from .models import FeeRule, Meeting
from .permissions import can_run_meeting, can_see_attendance


def attendance_context(
    request: HttpRequest,
    meeting: Meeting,
    full: bool,
    *,
    attendance_form: AttendanceForm | None = None,
    fee_rule_form: FeeRuleForm | None = None,
) -> dict:
    """What the invitee list and the attendance section of the meeting's page need."""
    if not (full or can_see_attendance(request.user, meeting)):
        return {"invitee_groups": [], "attendance_section": False}
    groups = attendance.invitee_groups(meeting)
    runs = full and can_run_meeting(request.user, meeting)
    context: dict = {
        "invitee_groups": groups,
        "attendance_section": False,
        # Name, seat; invited as (for readers); attendance; remove (before it is held).
        "invitee_columns": 3 + int(full) + int(runs and meeting.status in BEFORE_HELD),
    }
    if not runs:
        return context
    refusal = attendance.refusal_for_status(meeting)
    context |= {
        "attendance_section": meeting.status != "cancelled",
        "attendance_refusal": refusal.messages[0] if refusal is not None else "",
        "fee_rule_label": FeeRule(meeting.fee_rule).label,
    }
    if refusal is None:
        context["attendance_form"] = attendance_form or AttendanceForm(
            initial={"version": meeting.version}, groups=groups
        )
    if meeting.status not in ("cancelled", "closed"):
        context["fee_rule_form"] = fee_rule_form or FeeRuleForm(
            initial={"version": meeting.version, "fee_rule": meeting.fee_rule},
            auto_id="fee_%s",
        )
    if meeting.status in AFTER_HELD:
        context["fee_basis"] = attendance.fee_basis(meeting, groups)
    return context


def _page(request: HttpRequest, meeting: Meeting, **forms) -> HttpResponse:
    meeting.refresh_from_db()
    context = meeting_views._context(request, meeting, True)
    context |= attendance_context(request, meeting, True, **forms)
    return render(request, "meetings/detail.html", context, status=400)


@require_POST
def attendance_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the attendance form: every row in one transaction, refused whole when one is wrong
    or when someone changed the meeting meanwhile."""
    meeting = meeting_views._runner_meeting(request, pk)
    form = AttendanceForm(request.POST, groups=attendance.invitee_groups(meeting))
    if form.is_valid():
        try:
            attendance.record_attendance(
                meeting=meeting,
                entries=form.entries(),
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The attendance was saved."))
            return redirect(meeting.get_absolute_url() + "#attendance")
    return _page(request, meeting, attendance_form=form)


@require_POST
def fee_rule(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_views._runner_meeting(request, pk)
    form = FeeRuleForm(request.POST, auto_id="fee_%s")
    if form.is_valid():
        try:
            attendance.set_fee_rule(
                meeting=meeting,
                rule=form.cleaned_data["fee_rule"],
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The meeting's fees were saved."))
            return redirect(meeting.get_absolute_url() + "#attendance")
    return _page(request, meeting, fee_rule_form=form)


@require_GET
def fee_basis_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The fee basis as an Excel workbook, for those who run the meeting."""
    meeting = meeting_views._runner_meeting(request, pk)
    basis = attendance.fee_basis(meeting)
    day = basis.day.isoformat()
    response = HttpResponse(
        fee_basis_xlsx(basis),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = _("fee-basis")
    filename = f"{name}-{day}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
