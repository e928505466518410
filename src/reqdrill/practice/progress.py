"""Progress figures from the history: counts, category coverage and trends, drill trends, signals, due.

Pure over the history's rows and a given `now`; the same history and time give the same figures,
which `reqdrill progress --json` prints (its keys are documented in docs/practice.md).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from reqdrill.content.model import CATEGORY_IDS
from reqdrill.practice.history import History

# How the interview score names its depth signals (the transcript stores ids); unknown ids are
# shown as they are, so signals added later still appear.
SIGNAL_NAMES = {
    "all_categories": "Covers all categories (E5)",
    "follow_ups": "Several questions in one category (E6)",
    "numbers": "Probes for numbers (E6)",
    "failure_tolerance": "Asks about failure tolerance (E6)",
    "iteration_cadence": "Asks about iteration cadence (E6)",
    "e6_probes": "Asks the scenario's E6 probes (E6)",
    "assumptions": "States assumptions where the scenario is silent (E6)",
}
RECENT_INTERVIEWS = 10  # the window of "recent" interviews for coverage and signal rates
RECENT_RESULTS = 10  # per category: its last results (interviews and drills) for its strength
RECENT_DRILLS = 10  # recall and question-generation trends
TIMELINE = 100  # interviews in the coverage timeline
WEAK_BELOW = 0.8  # a category whose strength is below this is weak (shown in the Anki search)
ANKI_CATEGORY_TAG = "reqdrill::category::{}"  # as reqdrill.interview.session builds it


def _mean(xs: list[float]) -> float | None:
    return round(sum(xs) / len(xs), 3) if xs else None


def _trend(xs: list[float]) -> float | None:
    """The mean of the newer half minus that of the older half (oldest first); None under two."""
    if len(xs) < 2:
        return None
    half = len(xs) // 2
    return round(sum(xs[-half:]) / half - sum(xs[:half]) / half, 3)


def strengths(history: History) -> dict[str, dict[str, Any]]:
    """Per category: its last results, oldest first, as (kind, score), and their mean.

    Reads results newest first and stops once every category has its window full, so a long
    history costs about as much as a short one.
    """
    rows = history.query_iter(
        "SELECT r.category, s.kind, r.score FROM sessions s INDEXED BY sessions_by_end"
        " JOIN results r ON r.session = s.id ORDER BY s.ended DESC, s.uuid DESC"
    )
    found: dict[str, list[tuple[str, float]]] = {}
    full = 0
    for category, kind, score in rows:
        results = found.setdefault(category, [])
        if len(results) < RECENT_RESULTS:
            results.append((kind, score))
            if len(results) == RECENT_RESULTS and category in CATEGORY_IDS:
                full += 1
                if full == len(CATEGORY_IDS):
                    break
    return {c: {"results": r[::-1], "strength": _mean([s for _, s in r])} for c, r in found.items()}


def weakest(strength: dict[str, dict[str, Any]]) -> list[str]:
    """Categories with results, weakest first; ties by fewer results, then the framework's order."""
    known = [c for c in CATEGORY_IDS if c in strength]
    return sorted(known, key=lambda c: (strength[c]["strength"], len(strength[c]["results"])))


def anki_search(categories: list[str]) -> str | None:
    """The Anki search for these categories' cards, as the interview score prints it."""
    if not categories:
        return None
    search = " OR ".join(f"tag:{ANKI_CATEGORY_TAG.format(c)}" for c in categories)
    return f"({search})" if len(categories) > 1 else search


def compute(history: History, now: datetime) -> dict[str, Any]:
    """Every progress figure, as plain data."""
    counts = dict(history.query("SELECT kind, count(*) FROM sessions GROUP BY kind"))
    interviews = counts.pop("interview", 0)
    span = history.query("SELECT min(ended), max(ended) FROM sessions")[0]
    recent = history.query(
        "SELECT id, item, ended, score FROM sessions WHERE kind = 'interview' ORDER BY ended DESC, uuid DESC"
        " LIMIT ?",
        (max(RECENT_INTERVIEWS, TIMELINE),),
    )[::-1]
    window = recent[-RECENT_INTERVIEWS:]
    ids = [r[0] for r in window]
    marks = ",".join("?" * len(ids))
    covered: dict[str, list[float]] = {c: [] for c in CATEGORY_IDS}
    by_session = {
        (s, c): v
        for s, c, v in history.query(
            f"SELECT session, category, score FROM results WHERE session IN ({marks})", ids
        )
    }
    for sid in ids:
        for c in CATEGORY_IDS:
            covered[c].append(by_session.get((sid, c), 0.0))
    strength = strengths(history)
    categories = {
        c: {
            "coverage": _mean(covered[c]) or 0.0,
            "covered": int(sum(covered[c])),
            "interviews": len(ids),
            "trend": _trend(covered[c]),
            "strength": strength.get(c, {}).get("strength"),
            "results": len(strength.get(c, {}).get("results", [])),
        }
        for c in CATEGORY_IDS
    }
    order = weakest(strength)
    weak = [c for c in order if strength[c]["strength"] < WEAK_BELOW]
    signal_rows = history.query(
        f"SELECT signal, sum(shown), count(*) FROM signals WHERE session IN ({marks}) GROUP BY signal", ids
    )
    return {
        "interviews": interviews,
        "drills": sum(counts.values()),
        "drills_by_kind": dict(sorted(counts.items())),
        "first_session": span[0],
        "last_session": span[1],
        **_days(history, now),
        "recent_interviews": len(ids),
        "categories": categories,
        "weakest": order,
        "weak": weak,
        "anki_search": anki_search(weak),
        "timeline": [{"ended": r[2], "scenario": r[1], "coverage": r[3]} for r in recent[-TIMELINE:]],
        "recall": _recall(history),
        "questions": _questions(history),
        "signals": {
            s: {
                "name": SIGNAL_NAMES.get(s, s.replace("_", " ")),
                "rate": round(n / total, 3),
                "shown": n,
                "interviews": total,
            }
            for s, n, total in signal_rows
        },
        "due": due(history, now),
    }


def _days(history: History, now: datetime) -> dict[str, int]:
    """Days practiced (local dates) and the current streak, ending today or yesterday."""
    days = {d for (d,) in history.query("SELECT DISTINCT date(ended, 'localtime') FROM sessions")}
    today = now.astimezone().date()
    day = today if today.isoformat() in days else today - timedelta(days=1)
    streak = 0
    while day.isoformat() in days:
        streak, day = streak + 1, day - timedelta(days=1)
    return {"days_practiced": len(days), "streak_days": streak}


def _recall(history: History) -> dict[str, Any]:
    rows = history.query(
        "SELECT ended, elapsed, time_limit, score, json_extract(data, '$.details.in_order') FROM sessions"
        " WHERE kind = 'recall' ORDER BY ended DESC, uuid DESC LIMIT ?",
        (RECENT_DRILLS,),
    )[::-1]
    (count,) = history.query("SELECT count(*) FROM sessions WHERE kind = 'recall'")[0]
    (best,) = history.query("SELECT min(elapsed) FROM sessions WHERE kind = 'recall' AND score >= 1.0")[0]
    recent = [
        {"ended": e, "seconds": round(s, 1), "target": t, "score": sc, "in_order": bool(o)}
        for e, s, t, sc, o in rows
    ]
    return {
        "sessions": count,
        "recent": recent,
        "best_seconds": None if best is None else round(best, 1),
        "trend_seconds": _trend([r["seconds"] for r in recent]),
    }


def _questions(history: History) -> dict[str, Any]:
    rows = history.query(
        "SELECT ended, score FROM sessions WHERE kind = 'questions' ORDER BY ended DESC, uuid DESC LIMIT ?",
        (RECENT_DRILLS,),
    )[::-1]
    (count,) = history.query("SELECT count(*) FROM sessions WHERE kind = 'questions'")[0]
    rates = [score for _, score in rows]
    return {
        "sessions": count,
        "recent": [{"ended": e, "hit_rate": s} for e, s in rows],
        "hit_rate": _mean(rates),
        "trend": _trend(rates),
    }


def due(history: History, now: datetime) -> list[dict[str, Any]]:
    """Scheduled items due by `now`, most overdue first."""
    from reqdrill.practice.history import timestamp

    rows = history.query(
        "SELECT kind, item, due, reviews, last_review, last_rating FROM schedule WHERE due <= ?"
        " ORDER BY due, kind, item",
        (timestamp(now),),
    )
    return [
        {"kind": k, "id": i, "due": d, "reviews": n, "last_review": last, "last_rating": r}
        for k, i, d, n, last, r in rows
    ]
