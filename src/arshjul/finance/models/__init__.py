"""The finance app's models, one module per aggregate (assumptions and the financial space;
investments and capital costs), re-exported here."""

from .investments import (
    CashFlow,
    Component,
    InternalRate,
    InvestmentCeiling,
    InvestmentPlan,
    InvestmentProject,
    ProjectCategory,
    ProjectStatus,
)

__all__ = [
    "CashFlow",
    "Component",
    "InternalRate",
    "InvestmentCeiling",
    "InvestmentPlan",
    "InvestmentProject",
    "ProjectCategory",
    "ProjectStatus",
]
