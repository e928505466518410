"""From a session's score to the FSRS rating that schedules it: the documented thresholds.

A score is 0..1. Below 0.6 is `again`, below 0.85 `hard`, else `good` (the source's feedback
thresholds for interview coverage); a perfect score that also meets the kind's bar for ease is
`easy`; a drill finished over its target time drops one step. Self-rated drills (tradeoff, deep
dive) take the mean of the item ratings, rounded down.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
NAMES = {AGAIN: "again", HARD: "hard", GOOD: "good", EASY: "easy"}
HARD_FROM = 0.6
GOOD_FROM = 0.85
EASY_SIGNALS = 3  # E6 signals an interview with 7/7 shows to be `easy`
E6 = "E6"


def from_score(score: float, *, easy: bool = False, over_time: bool = False) -> int:
    """The rating of a score: again < 0.6 ≤ hard < 0.85 ≤ good; easy when perfect and `easy`."""
    rating = AGAIN if score < HARD_FROM else HARD if score < GOOD_FROM else GOOD
    if rating == GOOD and easy and score >= 1.0 and not over_time:
        rating = EASY
    if over_time:
        rating = max(AGAIN, rating - 1)
    return rating


def interview_score(transcript: Mapping[str, Any]) -> tuple[float, int]:
    """An interview's score (the coverage ratio) and rating; easy at 7/7 with 3 of the E6 signals."""
    coverage = transcript.get("coverage", {})
    total = coverage.get("total") or 7
    score = min(1.0, coverage.get("count", 0) / total)
    signals = transcript.get("score", {}).get("signals", [])
    shown = sum(1 for s in signals if s.get("level") == E6 and s.get("shown"))
    return score, from_score(score, easy=shown >= EASY_SIGNALS)


def grade(rating: float) -> float:
    """A self-rating (1 again … 4 easy, or a mean of them) as a 0..1 grade."""
    return round((rating - 1) / 3, 3)


def self_rated(ratings: Sequence[int]) -> tuple[float, int]:
    """A self-rated drill's score (the grade of the mean rating) and rating (the mean, rounded down)."""
    if not ratings:
        return 0.0, AGAIN
    mean = sum(ratings) / len(ratings)
    return grade(mean), int(mean)


def parse(text: str) -> int | None:
    """A self-rating typed as again/hard/good/easy, a prefix of one, or 1-4; None otherwise."""
    t = text.strip().lower()
    if t in ("1", "2", "3", "4"):
        return int(t)
    matches = [r for r, name in NAMES.items() if t and name.startswith(t)]
    return matches[0] if len(matches) == 1 else None
