"""What the finance app's workbooks share: the number formats, the sheet shape (a note row, a
header row, data from row 3), and the reading side: the file checks, the Reader that checks
every cell and collects each bad one, and the outcome of an import (Imported, ImportRefused).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from io import BytesIO
from typing import Any

from defusedxml import DefusedXmlException
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from arshjul.core import xlsx
from arshjul.core.errors import DomainError
from arshjul.core.ranges import Range

from ..models.ranges import AMOUNT

KRONOR = "#,##0.00"
CENT = Decimal("0.01")
PERCENT = "0.00##%"
TAX_RATE = "0.00"
COUNT = "#,##0"
DATE = "yyyy-mm-dd"
READ_ONLY_FILL = PatternFill("solid", start_color="EEEEEE", end_color="EEEEEE")
HEADER_ROW = 2
FIRST_ROW = 3


@dataclass
class Column:
    title: str
    width: int
    number_format: str | None = None


def new_sheet(workbook: Workbook, title, note: str, columns: Sequence[Column], *, read_only=False):
    """A new sheet with its note row, its header row (both frozen) and its column widths."""
    sheet = workbook.create_sheet(str(title)[:31])
    if read_only:
        note = note + " " + _("Read-only: computed, ignored when the file is imported.")
    sheet.cell(row=1, column=1, value=note).font = Font(italic=True)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=str(column.title))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if read_only:
            cell.fill = READ_ONLY_FILL
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = f"A{FIRST_ROW}"
    sheet._arshjul_columns = columns  # the number formats for add_row
    return sheet


def add_row(
    sheet: Worksheet, values: Iterable, formats: Sequence[str | None] | None = None
) -> None:
    values = list(values)
    columns = sheet._arshjul_columns
    for index, value in enumerate(values):
        number_format = None
        if formats is not None and index < len(formats):
            number_format = formats[index]
        elif index < len(columns):
            number_format = columns[index].number_format
        if number_format == KRONOR and isinstance(value, Decimal):
            # computed amounts (capital costs, indexed frames) to the öre, half up: the file
            # says "kronor with öre", and a spreadsheet would show 15 digits of a fraction
            with localcontext(prec=80):  # a row stored out of range still exports
                values[index] = value.quantize(CENT, rounding=ROUND_HALF_UP)
    sheet.append(values)
    row = sheet.max_row
    for index, value in enumerate(values, start=1):
        number_format = None
        if formats is not None and index <= len(formats):
            number_format = formats[index - 1]
        elif index <= len(columns):
            number_format = columns[index - 1].number_format
        if number_format and value is not None:
            sheet.cell(row=row, column=index).number_format = number_format


def new_workbook(title: str) -> Workbook:
    workbook = Workbook()
    workbook.properties.title = title
    workbook.properties.creator = "Årshjul"
    workbook.properties.created = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    workbook.remove(workbook.active)
    return workbook


def to_bytes(workbook: Workbook) -> bytes:
    """The workbook's bytes; text that starts with "=" stays text (core.xlsx)."""
    return xlsx.to_bytes(workbook)


LANGUAGES = ("sv", "en")
MICRO = Decimal("0.000001")
TOO_LARGE = Decimal(10) ** 13
ZIP_MAX_UNPACKED = 60_000_000


@dataclass(frozen=True)
class CellError:
    sheet: str
    cell: str
    message: str

    def __str__(self) -> str:
        if self.cell:
            return f"{self.sheet}, {self.cell}: {self.message}"
        if self.sheet:
            return f"{self.sheet}: {self.message}"
        return self.message


class ImportRefused(Exception):
    """The file was not saved; `errors` lists every problem found."""

    def __init__(self, errors: Sequence[CellError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = list(errors)


@dataclass
class Imported:
    """What an import changed: a count of changed objects and a summary for the message."""

    changed: int = 0


def all_languages(label) -> set[str]:
    """A sheet name or header in every language, folded for comparison."""
    names = {str(label).strip().casefold()}
    for language in LANGUAGES:
        with override(language):
            names.add(str(label).strip().casefold())
    return names


def open_workbook(name: str, data: bytes):
    """The uploaded file as an openpyxl workbook, or ImportRefused with a clear message: only
    .xlsx files within the size limit that open as one."""
    limit = settings.FINANCE_IMPORT_MAX_BYTES
    if not name.lower().endswith(".xlsx"):
        raise ImportRefused([CellError("", "", _("Upload an Excel file (.xlsx)."))])
    if len(data) > limit:
        raise ImportRefused(
            [
                CellError(
                    "",
                    "",
                    _("The file is larger than %(mb)s MB.") % {"mb": limit // 1_000_000},
                )
            ]
        )
    broken = CellError(
        "", "", _("The file cannot be read as an Excel workbook (.xlsx). Save it as .xlsx again.")
    )
    entities = CellError(
        "",
        "",
        _(
            "The file declares XML entities or a document type, which are refused for safety. "
            "Save it as .xlsx again from Excel."
        ),
    )
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > ZIP_MAX_UNPACKED:
                raise ImportRefused([broken])
            if any(_declares_entities(archive, info) for info in archive.infolist()):
                raise ImportRefused([entities])
        # openpyxl parses through defusedxml (a dependency): no entity expansion, no external
        # entities, even in a part the check above did not look at
        return load_workbook(BytesIO(data), data_only=True)
    except ImportRefused:
        raise
    except Exception as exc:  # a broken or foreign file: openpyxl raises many kinds
        raise ImportRefused([entities if _defused(exc) else broken]) from None


def _declares_entities(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """An XML part with a DOCTYPE (where entities are declared): Excel never writes one."""
    if not info.filename.endswith((".xml", ".rels")):
        return False
    with archive.open(info) as part:
        head = part.read(4096).upper()
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head


def _defused(exc: BaseException | None) -> bool:
    """Whether defusedxml refused the file (openpyxl wraps its error in a ValueError)."""
    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


class Reader:
    """Walks a workbook's sheets and collects every bad cell."""

    def __init__(self, workbook):
        self.workbook = workbook
        self.errors: list[CellError] = []

    def fail(self, sheet: Worksheet | str, row: int | None, column: int | None, message: str):
        title = sheet if isinstance(sheet, str) else sheet.title
        cell = f"{get_column_letter(column)}{row}" if row and column else ""
        self.errors.append(CellError(title, cell, message))

    def sheet(self, label, headers: Sequence) -> Worksheet | None:
        wanted = all_languages(label)
        for sheet in self.workbook.worksheets:
            if sheet.title.strip().casefold() in wanted:
                break
        else:
            self.fail(
                str(label), None, None, _("The sheet “%(name)s” is missing.") % {"name": label}
            )
            return None
        ok = True
        for column, header in enumerate(headers, start=1):
            value = sheet.cell(row=HEADER_ROW, column=column).value
            if value is None or str(value).strip().casefold() not in all_languages(header):
                self.fail(
                    sheet,
                    HEADER_ROW,
                    column,
                    _("The header “%(name)s” is missing.") % {"name": header},
                )
                ok = False
        return sheet if ok else None

    def rows(self, sheet: Worksheet, width: int) -> Iterator[tuple[int, list[Any]]]:
        """(row number, its first `width` values) of every row with something in it."""
        for number, values in enumerate(
            sheet.iter_rows(min_row=FIRST_ROW, max_col=width, values_only=True), start=FIRST_ROW
        ):
            values = list(values) + [None] * (width - len(values))
            if any(v is not None and str(v).strip() != "" for v in values):
                yield number, values

    # --- cells ---------------------------------------------------------------------------

    def number(
        self, sheet, row, column, value, *, places: int, what: str, too_large=None
    ) -> Decimal | None:
        """A number cell: None when empty; the error recorded (and None) when bad."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, (bool, dt.date, dt.datetime)):
            number = None
        elif isinstance(value, float):
            number = Decimal(format(value, ".15g"))
        elif isinstance(value, (int, Decimal)):
            number = Decimal(value)
        else:
            try:
                number = Decimal(
                    str(value)
                    .strip()
                    .replace("\u202f", "")
                    .replace("\xa0", "")
                    .replace(" ", "")
                    .replace("\u2212", "-")
                    .replace(",", ".")
                )
            except InvalidOperation:
                number = None
        too_large = str(too_large or _("The number is too large."))
        if number is None or not number.is_finite():
            self.fail(
                sheet,
                row,
                column,
                _("“%(value)s” is not a number (%(what)s).") % {"value": value, "what": what},
            )
            return None
        if abs(number) >= TOO_LARGE:  # before quantize, which a huge number overflows
            self.fail(sheet, row, column, too_large)
            return None
        step = Decimal(1).scaleb(-places)
        if number != number.quantize(step):
            self.fail(
                sheet,
                row,
                column,
                _("Too many decimals (%(what)s): at most %(n)s.") % {"what": what, "n": places},
            )
            return None
        number = number.quantize(step)
        return number.copy_abs() if number.is_zero() else number  # −0 is 0

    def ranged(self, sheet, row, column, value, *, rng: Range, places: int, what: str):
        """A number cell within its declared range (the range's message otherwise)."""
        number = self.number(
            sheet, row, column, value, places=places, what=what, too_large=rng.message
        )
        if number is not None and number not in rng:
            self.fail(sheet, row, column, str(rng.message))
            return None
        return number

    def money(self, sheet, row, column, value, *, required=False, negative=False):
        amount = self.ranged(
            sheet, row, column, value, rng=AMOUNT, places=2, what=_("kronor with öre")
        )
        if amount is None:
            if required and self._empty(value):
                self.fail(sheet, row, column, _("An amount is required."))
            return None
        if amount < 0 and not negative:
            self.fail(sheet, row, column, _("The amount cannot be negative."))
            return None
        return amount

    def integer(self, sheet, row, column, value, *, what: str, low=None, high=None):
        number = self.number(sheet, row, column, value, places=0, what=what)
        if number is None:
            if self._empty(value):
                self.fail(
                    sheet, row, column, _("A whole number is required (%(what)s).") % {"what": what}
                )
            return None
        if (low is not None and number < low) or (high is not None and number > high):
            self.fail(
                sheet,
                row,
                column,
                _("%(value)s is outside %(low)s–%(high)s (%(what)s).")
                % {"value": number, "low": low, "high": high, "what": what},
            )
            return None
        return int(number)

    def text(self, sheet, row, column, value, *, max_length: int, required=False) -> str:
        text = "" if value is None else str(value).strip()
        if required and not text:
            self.fail(sheet, row, column, _("This cell must not be empty."))
        if len(text) > max_length:
            self.fail(sheet, row, column, _("At most %(n)s characters.") % {"n": max_length})
        return text

    def boolean(self, sheet, row, column, value) -> bool:
        if value is None or isinstance(value, bool):
            return bool(value)
        text = str(value).strip().casefold()
        if text in ("", "0", "nej", "no", "false", "falskt"):
            return False
        if text in ("1", "ja", "yes", "true", "sant", "x"):
            return True
        self.fail(sheet, row, column, _("Write yes or no."))
        return False

    def date(self, sheet, row, column, value) -> dt.date | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(sheet, row, column, _("Write a date as YYYY-MM-DD."))
            return None

    def choice(self, sheet, row, column, value, choices) -> str | None:
        text = "" if value is None else str(value).strip().casefold()
        for key, label in choices:
            if text == key or text in all_languages(label):
                return key
        self.fail(
            sheet,
            row,
            column,
            _("“%(value)s” is not one of: %(choices)s.")
            % {"value": value or "", "choices": ", ".join(str(label) for _k, label in choices)},
        )
        return None

    @staticmethod
    def _empty(value) -> bool:
        return value is None or (isinstance(value, str) and not value.strip())

    def refuse_if_errors(self) -> None:
        if self.errors:
            raise ImportRefused(self.errors)


def domain_error(error: DomainError, sheet: str = "", cell: str = "") -> CellError:
    return CellError(sheet, cell, error.messages[0])
