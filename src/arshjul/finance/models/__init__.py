"""The finance app's models, one module per aggregate (assumptions and the financial space;
investments and capital costs), re-exported here."""

from .assumptions import Scenario, ScenarioYear

__all__ = ["Scenario", "ScenarioYear"]
