"""Values as an interviewer says them: symbols in words, one sentence, a frame around the value."""

from __future__ import annotations

import pytest

from reqdrill.interview.spoken import listed, lower_first, say, spoken


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("~20M transactions/day", "about 20M transactions a day"),
        ("~230 transactions/sec average", "about 230 transactions a second average"),
        ("< 100ms p99", "under 100ms p99"),
        (">= 0.95 of exact search", "at least 0.95 of exact search"),
        ("30% YoY", "30% a year"),
        ("a ~$15 fee for the top ~10", "a roughly $15 fee for the top roughly 10"),
        ("Missed fraud = loss + fee", "Missed fraud means loss plus fee"),
        ("Partially - labels arrive later", "Partially: labels arrive later"),
        ("like/dislike, 7-day retention", "like/dislike, 7-day retention"),
        ("logs land hourly; 1 event/hour", "logs land hourly; 1 event an hour"),
    ],
)
def test_spoken(value: str, said: str) -> None:
    assert spoken(value) == said


def test_say_puts_the_value_in_its_frame() -> None:
    assert say("Our main goal: {value}.", "Reduce fraud losses") == "Our main goal: reduce fraud losses."
    assert say("Our main goal: {value}.", "ETAs riders trust") == "Our main goal: ETAs riders trust."
    assert say("In total, {value}.", "100M", "users") == "In total, 100M users."
    assert say("In total, {value}.", "100M cardholders", "users") == "In total, 100M cardholders."
    assert say(None, "cloud. ") == "Cloud."
    assert say("{value}", "~1M DAU (3M MAU)") == "About 1M DAU (3M MAU)."
    assert say("Braces {{kept}}: {value}.", "x") == "Braces {kept}: x."


def test_lower_first_and_listed() -> None:
    assert [lower_first(w) for w in ("Natural labels", "NDCG here", "ETAs", "a")] == [
        "natural labels",
        "NDCG here",
        "ETAs",
        "a",
    ]
    assert [listed(x) for x in ((), ("a",), ("a", "b"), ("a", "b", "c"))] == [
        "",
        "a",
        "a and b",
        "a, b and c",
    ]
