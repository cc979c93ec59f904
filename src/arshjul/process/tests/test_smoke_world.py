import datetime as dt


def test_world_cycle_has_rule_dates(world):
    steps = {s.key: s for s in world.cycle.steps.all()}
    assert steps["kickoff"].start == dt.date(2021, 2, 10)
    assert steps["styrdialog"].start == dt.date(2021, 4, 20)
