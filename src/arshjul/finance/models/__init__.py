"""The finance app's models, one module per aggregate (assumptions and the financial space;
frames and their versions; investments and capital costs), re-exported here."""

from .assumptions import Scenario, ScenarioYear
from .frames import BalanceNote, BaseFrame, ChangeItem, FrameVersion
from .investments import (
    BINDING_STATUSES,
    CashFlow,
    Component,
    ExistingCapitalCost,
    InternalRate,
    InvestmentCeiling,
    InvestmentPlan,
    InvestmentProject,
    ProjectCategory,
    ProjectStatus,
)
from .party import PartyProposal
from .proposals import ChangeProposal
from .restoration import EarlierDeficit
from .settings import ActivationConvention, Compensation, FinanceSettings
from .units import UnionConsultation, UnitBudget

__all__ = [
    "BINDING_STATUSES",
    "ActivationConvention",
    "BalanceNote",
    "BaseFrame",
    "CashFlow",
    "ChangeItem",
    "ChangeProposal",
    "Compensation",
    "Component",
    "EarlierDeficit",
    "ExistingCapitalCost",
    "FinanceSettings",
    "FrameVersion",
    "InternalRate",
    "InvestmentCeiling",
    "InvestmentPlan",
    "InvestmentProject",
    "PartyProposal",
    "ProjectCategory",
    "ProjectStatus",
    "Scenario",
    "ScenarioYear",
    "UnionConsultation",
    "UnitBudget",
]
