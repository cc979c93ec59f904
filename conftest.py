"""Shared test fixtures: the named personas' world lives in tests/fixtures.py."""

pytest_plugins = ["tests.fixtures"]
