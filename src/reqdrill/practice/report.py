"""Progress and the practice plan as terminal text (the figures come from progress.compute)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.0%}"


def _signed(x: float | None, unit: str = "%") -> str:
    if x is None:
        return ""
    return f"{x * 100:+.0f}%" if unit == "%" else f"{x:+.1f}{unit}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _days(n: int) -> str:
    return _count(n, "day")


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def progress_text(p: Mapping[str, Any], names: Mapping[str, str], path: str) -> str:
    """`reqdrill progress` for the terminal."""
    kinds = ", ".join(f"{n} {k}" for k, n in p["drills_by_kind"].items())
    lines = [
        f"Practice history: {path}",
        f"{_count(p['interviews'], 'interview')}, {_count(p['drills'], 'drill')}"
        + (f" ({kinds})" if kinds else "")
        + f", {_days(p['days_practiced'])} practiced, streak {_days(p['streak_days'])}",
    ]
    if not p["interviews"] and not p["drills"]:
        lines.append("Nothing practiced yet: try `reqdrill practice recall` or `reqdrill interview`.")
        return "\n".join(lines)
    n = p["recent_interviews"]
    recent = f"coverage in your last {_count(n, 'interview')}, trend" if n else "no interviews yet"
    lines += ["", f"Categories, weakest first ({recent}; strength over interviews and drills):"]
    order = p["weakest"] + [c for c in p["categories"] if c not in p["weakest"]]
    width = max(len(names.get(c, c)) for c in order)
    for c in order:
        e = p["categories"][c]
        covered = f"{e['covered']}/{e['interviews']}" if n else "-"
        lines.append(
            f"  {names.get(c, c):<{width}}  {covered:>5} {_pct(e['coverage'] if n else None):>5}"
            f" {_signed(e['trend']):>5}  strength {_pct(e['strength'])}"
        )
    recall, questions = p["recall"], p["questions"]
    if recall["recent"]:
        last = recall["recent"][-1]
        best = recall["best_seconds"]
        lines.append(
            f"Recall: last {_clock(last['seconds'])} ({last['score']:.0%}"
            + (", in order" if last["in_order"] else "")
            + f"), best 7/7 {_clock(best) if best is not None else '-'}"
            + (
                f", trend {_signed(recall['trend_seconds'], ' s')}"
                if recall["trend_seconds"] is not None
                else ""
            )
        )
    if questions["recent"]:
        lines.append(
            f"Question generation: hit rate {_pct(questions['hit_rate'])} in your last "
            f"{len(questions['recent'])}"
            + (f", trend {_signed(questions['trend'])}" if questions["trend"] is not None else "")
        )
    if p["signals"]:
        rates = "; ".join(f"{v.get('name', k)} {_pct(v['rate'])}" for k, v in p["signals"].items())
        lines.append(f"Signals in your last {_count(n, 'interview')}: {rates}")
    due = p["due"]
    lines.append(f"Due now: {len(due)}" + (" (see `reqdrill next`)" if due else ""))
    if p["anki_search"]:
        lines.append(f"Anki search: {p['anki_search']}")
    return "\n".join(lines)


def plan_text(plan: Mapping[str, Any], new_per_day: int) -> str:
    """`reqdrill next` for the terminal."""
    lines = []
    if plan["now"]:
        lines.append("Practice now:")
        for i, item in enumerate(plan["now"], 1):
            lines.append(f"  {i}. {item['name']}: {item['command']}  ({item['reason']})")
    else:
        lines.append("Nothing is due now.")
        if plan["next"] is not None:
            nxt = plan["next"]
            lines.append(f"Next: {nxt['name']} on {nxt['due'][:10]} ({nxt['command']})")
    lines.append(
        f"{plan['later']} more scheduled later; {plan['new_left']} never practiced, "
        f"introduced {new_per_day} a day."
    )
    return "\n".join(lines)
