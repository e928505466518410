"""Adaptive practice: which categories and scenarios to lean toward, from the history, and why.

The weakest category (lowest mean of its last results, in interviews and drills) is drawn on every
adaptive sheet, with the second weakest when it is also weak; scenarios come most overdue first.
An empty history gives no Lean at all, so the draw is exactly the plain one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reqdrill.content.model import Content
from reqdrill.practice.history import History, timestamp
from reqdrill.practice.nextup import plan
from reqdrill.practice.progress import WEAK_BELOW, strengths, weakest
from reqdrill.practice.records import INTERVIEW
from reqdrill.study.drills import Lean


@dataclass(frozen=True)
class Focus:
    """What adaptive practice leans toward, and one line per reason to print."""

    categories: tuple[str, ...]
    scenarios: tuple[str, ...]
    reasons: tuple[str, ...]

    def lean(self, first_seed: int) -> Lean:
        return Lean(self.categories, self.scenarios, first_seed)


def describe(results: list[tuple[str, float]]) -> str:
    """Why a category is weak: 'covered in 0 of your last 3 interviews; 40% in your last 2 drills'."""
    parts = []
    interviews = [s for k, s in results if k == INTERVIEW]
    drills = [s for k, s in results if k != INTERVIEW]
    if interviews:
        n = len(interviews)
        parts.append(f"covered in {int(sum(interviews))} of your last {n} interview{'s' * (n != 1)}")
    if drills:
        n = len(drills)
        parts.append(f"{sum(drills) / n:.0%} in your last {n} drill{'s' * (n != 1)}")
    return "; ".join(parts)


def focus(history: History, content: Content, now: datetime) -> Focus | None:
    """The focus for adaptive practice; None when the history has no sessions."""
    if not history.query("SELECT 1 FROM sessions LIMIT 1"):
        return None
    strength = strengths(history)
    order = [c for c in weakest(strength) if strength[c]["strength"] < 1.0]
    chosen = order[:1] + [c for c in order[1:2] if strength[c]["strength"] < WEAK_BELOW]
    reasons = [f"focus: {content.category(c).name}, {describe(strength[c]['results'])}" for c in chosen]
    if not chosen:
        reasons.append("focus: none, every category was right in your recent results")
    scenarios = scenario_priority(history, content, now)
    return Focus(tuple(chosen), tuple(scenarios), tuple(reasons))


def scenario_priority(history: History, content: Content, now: datetime) -> list[str]:
    """Scenario ids: due interviews (most overdue first), never practiced, then by due date."""
    known = [s.id for s in content.scenarios]
    rows = history.query("SELECT item, due FROM schedule WHERE kind = 'interview' ORDER BY due, item")
    due_at = {item: due for item, due in rows if item in known}
    at = timestamp(now)
    overdue = [s for s in due_at if due_at[s] <= at]
    fresh = [s for s in known if s not in due_at]
    later = [s for s in due_at if due_at[s] > at]
    return overdue + fresh + later


def scenario_reason(history: History, content: Content, now: datetime, scenario: str) -> str:
    """Why an adaptive interview picked a scenario."""
    entries: list[dict[str, Any]] = plan(history, now, [(s.id, s.name) for s in content.scenarios])["now"]
    for entry in entries:
        if entry["kind"] == INTERVIEW and entry["id"] == scenario:
            return f"scenario: {scenario}, {entry['reason']}"
    rows = history.query("SELECT due FROM schedule WHERE kind = 'interview' AND item = ?", (scenario,))
    if not rows:
        return f"scenario: {scenario}, never practiced"
    return f"scenario: {scenario}, the next due ({rows[0][0][:10]})"
