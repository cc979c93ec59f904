"""Shared test fixtures: the named personas' world lives in tests/fixtures.py."""

pytest_plugins = ["tests.fixtures"]


def pytest_terminal_summary(terminalreporter):
    """Print the one-line reports that tests record as their "summary" property (schemathesis'
    run against the demo), also when they pass and when they ran in an xdist worker."""
    reports = [*terminalreporter.stats.get("passed", []), *terminalreporter.stats.get("failed", [])]
    lines = [
        value for report in reports for name, value in report.user_properties if name == "summary"
    ]
    if lines:
        terminalreporter.write_sep("-", "summaries")
        for line in lines:
            terminalreporter.write_line(line)
