"""The developers' guide's "Who may do what" is the permission matrix the tests assert."""

from __future__ import annotations

from scripts import who_may_do_what


def test_the_guide_shows_the_matrix_the_tests_assert():
    assert who_may_do_what.write(check=True), "docs/development.md is stale: run make access-doc"
