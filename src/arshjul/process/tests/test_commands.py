"""The operator's command for making a cycle."""

import pytest
from django.core.management import CommandError, call_command

from arshjul.process.models import Cycle


def test_make_cycle(world, capsys):
    call_command("make_cycle", "test", "2024")
    assert Cycle.objects.filter(organisation=world.org, budget_year=2024).exists()
    assert "test-2024" in capsys.readouterr().out


def test_make_cycle_twice_is_explained(world):
    with pytest.raises(CommandError):
        call_command("make_cycle", "test", "2022")


def test_make_cycle_for_unknown_organisation(world):
    with pytest.raises(CommandError, match="nowhere"):
        call_command("make_cycle", "nowhere", "2024")
