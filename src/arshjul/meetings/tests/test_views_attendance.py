"""Attendance on the meeting's page: the secretary's form (a labelled row per invitee), its
refusals shown in the user's language with nothing saved, who may post it and export the fee
basis, the public never seeing attendance unless the body says so, the Excel file opened back,
and query counts that do not grow with the invitees."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from arshjul.accounts.roles import SYSTEM
from arshjul.meetings import attendance, services
from arshjul.meetings.attendance import Entry
from arshjul.meetings.models import Meeting
from arshjul.organisation.tests.factories import MembershipFactory, PersonFactory, UserFactory

from .held import invitee, make_held, make_rates


def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def held(world, mw):
    make_rates(world.org)
    return make_held(mw)


def form_data(meeting, **rows) -> dict:
    data = {"version": meeting.version}
    for i in meeting.invitees.select_related("person"):
        value = rows.get(i.person.first_name, "unknown")
        kind, arrived, left = (value, "", "") if isinstance(value, str) else value
        data |= {f"attendance-{i.pk}": kind, f"arrived-{i.pk}": arrived, f"left-{i.pk}": left}
    return data


def url(meeting, tail=""):
    return f"/meetings/{meeting.pk}/{tail}"


def test_the_secretary_records_attendance_on_the_page(world, mw, held, client_of):
    client = english(client_of(mw.secretary))
    page = client.get(url(held)).content.decode()
    anna = invitee(held, "Anna")
    assert f'<label for="att_attendance-{anna.pk}" class="visually-hidden">' in page
    assert "Attendance, Anna Ordförande" in page and "Arrived, Anna Ordförande" in page
    response = client.post(
        url(held, "attendance/"),
        form_data(held, Anna="present", Bo=("part", "10:00", ""), Cecilia="absent"),
    )
    assert response.status_code == 302 and response["Location"].endswith("#attendance")
    assert invitee(held, "Bo").arrived == dt.time(10, 0)
    page = client.get(url(held)).content.decode()
    assert "The attendance was saved." in page
    assert "Part of the meeting 10:00–" in page
    # The fee basis: Anna a full day, Bo five hours (10–15) a full day; Erik an official.
    assert "3\u202f800,00 kr" in page
    assert "Only elected members are paid" in page
    assert url(held, "fees.xlsx") in page


def test_a_bad_row_is_explained_and_nothing_saved(world, mw, held, client_of):
    client = english(client_of(mw.secretary))
    response = client.post(
        url(held, "attendance/"), form_data(held, Anna="present", Bo=("part", "", ""))
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bo Ledamot was there for part of the meeting: give the time of arrival" in page
    assert 'aria-describedby="att_arrived-' in page
    assert invitee(held, "Anna").attendance == "unknown"


def test_a_stale_form_is_refused(world, mw, held, client_of):
    client = english(client_of(mw.secretary))
    stale = form_data(held, Anna="absent")
    attendance.record_attendance(
        meeting=held, entries=[Entry(invitee(held, "Anna").pk, "present")], by=SYSTEM, version=None
    )
    response = client.post(url(held, "attendance/"), stale)
    assert response.status_code == 400
    assert "Someone else changed this meeting" in response.content.decode()
    assert invitee(held, "Anna").attendance == "present"


def test_before_the_meeting_is_held_the_page_says_so(world, mw, client_of):
    meeting = services.create_for_step(step=mw.styrdialog, by=SYSTEM)
    client = english(client_of(mw.secretary))
    page = client.get(url(meeting)).content.decode()
    assert "Attendance is recorded once the meeting has been held" in page
    assert f'action="/meetings/{meeting.pk}/attendance/"' not in page
    response = client.post(url(meeting, "attendance/"), form_data(meeting, Anna="present"))
    assert response.status_code == 400
    assert "Attendance is recorded once the meeting has been held" in response.content.decode()
    assert invitee(meeting, "Anna").attendance == "unknown"


def test_the_secretary_sets_the_fee_rule(world, mw, held, client_of):
    client = english(client_of(mw.secretary))
    response = client.post(url(held, "fees/rule/"), {"version": held.version, "fee_rule": "hourly"})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.fee_rule == "hourly"
    response = client.post(url(held, "fees/rule/"), {"version": held.version, "fee_rule": "x"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("secretary", 200),
        ("finance_officer", 200),
        ("hsn_chair", 403),  # invited: reads the meeting, does not run it
        ("secretary_committee_b", 404),
        ("anonymous", 302),  # a signed-in page: sign in first, nothing looked up
    ],
)
def test_who_exports_the_fee_basis(world, mw, held, client_of, who, status):
    person = {
        "secretary": mw.secretary,
        "hsn_chair": mw.hsn_chair,
        "finance_officer": world.finance_officer,
        "secretary_committee_b": world.secretary_committee_b,
        "anonymous": None,
    }[who]
    client = client_of(person)
    assert client.get(url(held, "fees.xlsx")).status_code == status
    posted = client.post(url(held, "attendance/"), form_data(held, Anna="present"))
    # The anonymous: sent to sign in on a GET, refused (403) on a POST, nothing looked up.
    expected = 302 if status == 200 else 403 if who == "anonymous" else status
    assert posted.status_code == expected


def test_the_excel_file_opened_back(world, mw, held, client_of):
    attendance.record_attendance(
        meeting=held,
        entries=[
            Entry(invitee(held, "Anna").pk, "present"),
            Entry(invitee(held, "Bo").pk, "part", dt.time(9, 0), dt.time(12, 30)),
            Entry(invitee(held, "Cecilia").pk, "absent"),
            Entry(invitee(held, "Erik").pk, "present"),
        ],
        by=SYSTEM,
        version=None,
    )
    response = english(client_of(mw.secretary)).get(url(held, "fees.xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="fee-basis-2021-04-20.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.title == "Fee basis"
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Meeting",
        "Date",
        "Person",
        "Body",
        "Invited as",
        "Attendance",
        "Hours",
        "Fee kind",
        "Rate",
        "Amount",
        "Note",
    )
    body = {row[2]: row for row in rows[1:-1]}
    assert set(body) == {"Anna Ordförande", "Bo Ledamot", "Erik Förre"}
    anna = body["Anna Ordförande"]
    assert anna[0] == "Styrdialog" and anna[1] == dt.datetime(2021, 4, 20)
    assert anna[3] == "RS arbetsutskott (RS AU)" and anna[5] == "Present"
    assert (anna[6], anna[7], anna[8], anna[9]) == (6, "Full day", 1900, 1900)
    assert body["Bo Ledamot"][5] == "Part of the meeting 09:00–12:30"
    assert (body["Bo Ledamot"][6], body["Bo Ledamot"][9]) == (3.5, 1100)
    assert body["Erik Förre"][9] is None and "no fee" in body["Erik Förre"][10]
    total = rows[-1]
    assert total[0] == "Total"
    amounts = [Decimal(str(row[9])) for row in rows[1:-1] if row[9] is not None]
    assert Decimal(str(total[9])) == sum(amounts) == Decimal("3000")
    assert sheet["J2"].number_format == '#,##0.00\\ "kr"' and sheet["G2"].number_format == "0.00"
    assert sheet["B2"].is_date
    assert sheet.column_dimensions["A"].width == 36


def test_swedish_workbook(world, mw, held, client_of):
    response = client_of(mw.secretary).get(url(held, "fees.xlsx"))
    assert 'filename="arvodesunderlag-2021-04-20.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.title == "Arvodesunderlag"
    assert sheet["A1"].value == "Möte"


def test_the_public_never_sees_attendance_unless_the_body_says_so(world, mw, held, client_for):
    attendance.record_attendance(
        meeting=held,
        entries=[Entry(invitee(held, "Cecilia").pk, "absent")],
        by=SYSTEM,
        version=None,
    )
    mw.styrdialog.published = True
    mw.styrdialog.save()
    anonymous = english(client_for("anonymous"))
    page = anonymous.get(url(held)).content.decode()
    assert "Styrdialog" in page
    assert "Cecilia" not in page and "Absent" not in page and "Attendance" not in page
    assert anonymous.get(f"/api/v1/meetings/{held.pk}/attendance").status_code == 404
    world.rsau.attendance_public = True
    world.rsau.save()
    page = anonymous.get(url(held)).content.decode()
    assert "Cecilia Presidie" in page and "Absent" in page
    # …but never the fee basis, the form or the export.
    assert "Fee basis" not in page and "fees.xlsx" not in page and "att_attendance" not in page
    assert anonymous.get(url(held, "fees.xlsx")).status_code == 302  # sent to sign in
    assert anonymous.get(f"/api/v1/meetings/{held.pk}/attendance").status_code == 200
    assert anonymous.get(f"/api/v1/meetings/{held.pk}/fees").status_code == 403


def test_a_member_reads_attendance_without_the_form(world, mw, held, client_of):
    client = english(client_of(mw.hsn_chair))
    page = client.get(url(held)).content.decode()
    assert "Attendance" in page and "Anna Ordförande" in page
    assert "att_attendance" not in page and "Fee basis" not in page


def test_page_query_count_does_not_grow_with_invitees(world, mw, held, client_of):
    client = client_of(mw.secretary)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(held)).status_code == 200
        return len(ctx.captured_queries)

    def add(n):
        people = [
            MembershipFactory(
                person=PersonFactory(organisation=world.org, user=None),
                body=world.rsau,
                role="substitute",
                start=dt.date(2020, 1, 1),
            ).person
            for _ in range(n)
        ]
        Meeting.objects.filter(pk=held.pk).update(status="invited")
        services.refresh_invitees(meeting=held, by=SYSTEM)
        Meeting.objects.filter(pk=held.pk).update(status="held")
        held.refresh_from_db()
        attendance.record_attendance(
            meeting=held,
            entries=[
                Entry(i.pk, "present" if n % 2 else "part", dt.time(10, 0), None)
                for i in held.invitees.filter(person__in=people)
            ],
            by=SYSTEM,
            version=None,
        )
        return people

    add(3)
    client.get(url(held))
    at_n = count()
    add(27)
    assert held.invitees.count() > 30
    assert count() == at_n
    export = client.get(url(held, "fees.xlsx"))
    assert export.status_code == 200


def test_other_user_without_person_is_refused(world, mw, held, client):
    client.force_login(UserFactory(username="loner"))
    assert client.get(url(held, "fees.xlsx")).status_code == 404
