"""What to practice now: due items (FSRS, most overdue first), then a few never-practiced ones a day.

Reads the cards the history keeps (reqdrill.practice.schedule) and never imports the scheduler.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from reqdrill.practice.history import History, timestamp
from reqdrill.practice.rating import NAMES
from reqdrill.practice.records import DRILL, DRILL_KINDS, INTERVIEW

NEW_PER_DAY = 2  # never-practiced items introduced a day, as Anki's new cards a day
DRILL_NAMES = {
    "recall": "Category recall",
    "questions": "Question generation",
    "classify": "Classify the questions",
    "tradeoff": "Tradeoff articulation",
    "deep-dive": "E6 deep dive",
}
# Never-practiced items come in this order: the quick drills first, then interviews and the
# scenario drills, then the remaining scenarios.
FIRST_DRILLS = ("recall", "questions", "classify")
LATER_DRILLS = ("tradeoff", "deep-dive")


def command(kind: str, item: str) -> str:
    """The command that practices an item."""
    return f"reqdrill interview {item}" if kind == INTERVIEW else f"reqdrill practice {item}"


def _days(seconds: float) -> str:
    days = int(seconds // 86400)
    if days >= 1:
        return f"{days} day{'s' * (days != 1)}"
    hours = int(seconds // 3600)
    return f"{hours} hour{'s' * (hours != 1)}" if hours else "less than an hour"


def introduction_order(scenarios: Sequence[str]) -> list[tuple[str, str]]:
    """Every item, in the order never-practiced ones are introduced."""
    order = [(DRILL, k) for k in FIRST_DRILLS]
    order += [(INTERVIEW, s) for s in scenarios[:1]]
    order += [(DRILL, k) for k in LATER_DRILLS]
    order += [(INTERVIEW, s) for s in scenarios[1:]]
    return order + [(DRILL, k) for k in DRILL_KINDS if (DRILL, k) not in order]


def plan(history: History, now: datetime, scenarios: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """Items to practice now, the count of items scheduled later, and the next one to fall due.

    `scenarios`: (id, name) of the content's scenarios; items of scenarios no longer in the content
    are left out.
    """
    names = {(INTERVIEW, s): f"Mock interview: {n}" for s, n in scenarios}
    names |= {(DRILL, k): n for k, n in DRILL_NAMES.items()}
    rows = history.query(
        "SELECT kind, item, due, reviews, last_review, last_rating, date(first_review, 'localtime')"
        " FROM schedule ORDER BY due, kind, item"
    )
    at = timestamp(now)
    today = now.astimezone().date().isoformat()
    items: list[dict[str, Any]] = []
    later: list[dict[str, Any]] = []
    for kind, item, due, reviews, last, rating, _first in rows:
        if (kind, item) not in names:
            continue
        entry = {
            "kind": kind,
            "id": item,
            "name": names[(kind, item)],
            "due": due,
            "command": command(kind, item),
            "reviews": reviews,
            "last_review": last,
            "last_rating": NAMES[rating],
        }
        if due <= at:
            late = (now - datetime.fromisoformat(due)).total_seconds()
            when = f"overdue by {_days(late)}" if late >= 86400 else "due today"
            entry["reason"] = f"{when}; last rated {NAMES[rating]} on {last[:10]}"
            items.append(entry)
        else:
            later.append(entry)
    introduced = sum(1 for *_, first_day in rows if first_day == today)
    scheduled = {(r[0], r[1]) for r in rows}
    fresh = [k for k in introduction_order([s for s, _ in scenarios]) if k not in scheduled]
    for kind, item in fresh[: max(0, NEW_PER_DAY - introduced)]:
        items.append(
            {
                "kind": kind,
                "id": item,
                "name": names[(kind, item)],
                "due": at,
                "command": command(kind, item),
                "reviews": 0,
                "last_review": None,
                "last_rating": None,
                "reason": f"new: never practiced; {NEW_PER_DAY} new items a day",
            }
        )
    return {"now": items, "later": len(later), "next": later[0] if later else None, "new_left": len(fresh)}
