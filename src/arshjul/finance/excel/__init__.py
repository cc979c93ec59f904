"""Excel export and import of the finance app (openpyxl): a scenario's assumptions and financial
space, a frame version, the investment plan, a committee's unit budgets, and everything of a
scenario. One module per area, each with its sheets' export and import; what they share is in
_common.

Export: the renderers take what the selectors return and never query on their own. Every sheet
has the same shape: row 1 says what the sheet is and its units, row 2 holds the column headers
(frozen with row 1), the data starts on row 3. Money is exact kronor with öre as numbers (format
`# ##0,00` in a Swedish Excel), rates are fractions shown as percent; sheets marked read-only
are computed and ignored by the import.

Import: read a workbook shaped as the export writes it, check EVERY cell and report each bad one
as (sheet, cell, what is wrong), and save only when all is right, in one transaction, through
the same services (and so the same rules and audit trail) as the forms. Sheets and headers are
recognised in Swedish and in English. Money is kronor with at most two decimals (öre); a number
read from Excel is taken at 15 significant digits (Excel's own precision), so amounts up to
9 999 999 999 999,99 kr are exact.
"""

from ._common import (
    CellError,
    Column,
    Imported,
    ImportRefused,
    Reader,
    new_workbook,
    open_workbook,
    to_bytes,
)
from .assumptions import (
    ASSUMPTION_HEADERS,
    ASSUMPTIONS,
    BASE_FRAMES_KEY,
    SPACE,
    assumptions_sheets,
    assumptions_workbook,
    import_assumptions,
    space_sheet,
)
from .everything import VERSIONS, everything_workbook
from .frames import (
    BALANCE,
    BASE,
    BASE_HEADERS,
    FRAMES,
    ITEM_HEADERS,
    ITEMS,
    frames_sheets,
    frames_workbook,
    import_frames,
)
from .investments import (
    CAPITAL,
    CASH_FLOWS,
    COMPONENT_HEADERS,
    COMPONENTS,
    FLOW_HEADERS,
    PROJECT_HEADERS,
    PROJECTS,
    import_investments,
    investment_sheets,
    investments_workbook,
)
from .skr import growth_from_skr, import_skr_forecast
from .units import UNIT_HEADERS, UNITS, import_unit_budgets, unit_sheet, units_workbook

__all__ = [
    "ASSUMPTIONS",
    "ASSUMPTION_HEADERS",
    "BALANCE",
    "BASE",
    "BASE_FRAMES_KEY",
    "BASE_HEADERS",
    "CAPITAL",
    "CASH_FLOWS",
    "COMPONENTS",
    "COMPONENT_HEADERS",
    "FLOW_HEADERS",
    "FRAMES",
    "ITEMS",
    "ITEM_HEADERS",
    "PROJECTS",
    "PROJECT_HEADERS",
    "SPACE",
    "UNITS",
    "UNIT_HEADERS",
    "VERSIONS",
    "CellError",
    "Column",
    "ImportRefused",
    "Imported",
    "Reader",
    "assumptions_sheets",
    "assumptions_workbook",
    "everything_workbook",
    "frames_sheets",
    "frames_workbook",
    "growth_from_skr",
    "import_assumptions",
    "import_frames",
    "import_investments",
    "import_skr_forecast",
    "import_unit_budgets",
    "investment_sheets",
    "investments_workbook",
    "new_workbook",
    "open_workbook",
    "space_sheet",
    "to_bytes",
    "unit_sheet",
    "units_workbook",
]
