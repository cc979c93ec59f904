"""The finance app's models, one module per aggregate (assumptions and the financial space;
investments and capital costs), re-exported here."""

from .assumptions import Scenario, ScenarioYear
from .investments import (
    BINDING_STATUSES,
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
    "BINDING_STATUSES",
    "CashFlow",
    "Component",
    "InternalRate",
    "InvestmentCeiling",
    "InvestmentPlan",
    "InvestmentProject",
    "ProjectCategory",
    "ProjectStatus",
    "Scenario",
    "ScenarioYear",
]
