"""The finance app's ranges, in one place: every amount, percentage and count that the forms,
the API, the Excel import and the database accept (see arshjul.core.ranges).

Amounts are kronor below ten thousand billion either way (10 000 000 mnkr: a thousand times a
large region's yearly budget, well inside numeric(16, 2)); rates are fractions.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from arshjul.core.ranges import Range

AMOUNT_LIMIT = Decimal("9999999999999.99")

AMOUNT = Range(
    "range",
    -AMOUNT_LIMIT,
    AMOUNT_LIMIT,
    _("An amount must lie between −10 000 000 and 10 000 000 mnkr."),
)
# Tax-base growth, the wage and price index and the financial goal (FINANCE.md 9).
CHANGE_RATE = Range(
    "range", Decimal("-0.2"), Decimal("0.5"), _("Write a percentage between −20 and 50.")
)
INTEREST_RATE = Range(
    "range", Decimal(0), Decimal("0.5"), _("Write a percentage between 0 and 50.")
)
SURCHARGE = Range("range", Decimal(0), Decimal(1), _("Write a percentage between 0 and 100."))
POPULATION = Range(
    "range", Decimal(0), Decimal(100_000_000), _("Write a population between 0 and 100 000 000.")
)
LIFE_YEARS = Range("range", Decimal(1), Decimal(100), _("A depreciation period is 1 to 100 years."))
# In kronor per 100 kronor; the database's rule is finance_scenarioyear_tax_rate_range.
TAX_RATE = Range(
    "range",
    Decimal("0.01"),
    Decimal("99.99"),
    _("Write a tax rate between 0.01 and 99.99 kr per 100 kr."),
)
# A fraction; the database's rule is finance_financesettings_self_financing_range.
SELF_FINANCING = Range("range", Decimal(0), Decimal(5), _("Write a percentage between 0 and 500."))
# A component's share of its project, a fraction; the database's rule is
# finance_component_share_range.
SHARE = Range(
    "range",
    Decimal("0.000001"),
    Decimal(1),
    _("A component's share is more than 0 and at most 100 %."),
)
