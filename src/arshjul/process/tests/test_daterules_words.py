"""Date rules said in words (no database)."""

import pytest
from django.utils import translation

from arshjul.process.daterules import describe, parse


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("date Y-1 04-16", "16 April, the year before the budget year"),
        ("nth Y-2 12 2 fri", "the second Friday of December, two years before the budget year"),
        ("nth Y-1 01 -1 fri", "the last Friday of January, the year before the budget year"),
        ("month Y 03", "all of March, the budget year"),
        ("offset kickoff -4w", "4 weeks before “Kickoff”"),
        ("offset kickoff +1d", "1 day after “Kickoff”"),
        ("offset kickoff.end +2d", "2 days after the end of “Kickoff”"),
        ("offset kickoff +0d", "the same day as “Kickoff”"),
        ("offset other -3d", "3 days before “other”"),
        (
            "span month Y-1 10 .. month Y-1 12",
            "from the start of October, the year before the budget year until the end of December, the year before the budget year",
        ),
    ],
)
def test_rule_in_english_words(text, words):
    with translation.override("en"):
        assert describe(parse(text), {"kickoff": "Kickoff"}) == words
