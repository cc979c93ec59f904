"""The finance app's models, one module per aggregate (assumptions and the financial space;
frames and their versions; investments and capital costs), re-exported here."""

from .assumptions import Scenario, ScenarioYear
from .frames import BalanceNote, BaseFrame, ChangeItem, CommitteeCapitalCost, FrameVersion

__all__ = [
    "BalanceNote",
    "BaseFrame",
    "ChangeItem",
    "CommitteeCapitalCost",
    "FrameVersion",
    "Scenario",
    "ScenarioYear",
]
