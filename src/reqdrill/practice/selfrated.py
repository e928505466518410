"""The self-rated terminal drills: tradeoff articulation and the E6 deep dive.

Answer, see the key, rate yourself again/hard/good/easy as in Anki. Deep-dive answers are also
matched against the scenario's E6 probes, to show which ones were raised.
"""

from __future__ import annotations

from typing import Any

from reqdrill.content.model import Content
from reqdrill.interview.retrieval import Retriever
from reqdrill.practice import rating as ratings
from reqdrill.practice.exercises import Ask, Conversation, Say, _data, _finish, clock, self_rating
from reqdrill.practice.grading import probe_matches
from reqdrill.study.drillsheet import DrillSheet


def tradeoff(content: Content, sheet: DrillSheet) -> Conversation:
    """Say which side of each tradeoff the scenario favors and why, then compare with the key."""
    ex = sheet.exercises[0]
    assert ex.scenario is not None
    yield Say(f"{ex.title}: {ex.instructions}\nScenario: {ex.scenario.prompt}")
    answers: list[dict[str, Any]] = []
    last = 0.0
    for item, key in zip(ex.items, ex.answers, strict=True):
        a, b = item.blanks[0].choices
        side = yield Ask(f"{item.prompt}: (a) {a} or (b) {b}? ")
        assert side is not None
        why = yield Ask("Why, quantified? A blank line ends.", True)
        assert why is not None
        chosen = _side(side.text, a, b)
        right = chosen == key.text
        yield Say(
            f"  Key: favors {key.text}" + ("" if right else f" (you said {chosen or side.text or 'nothing'})")
        )
        for note in key.notes:
            yield Say(f"  {note.label}: {note.text}")
        value = yield from self_rating()
        answers.append(_rated(item.ref, why.text, value, why.at - last, side=chosen, side_right=right))
        last = why.at
    score, rating = ratings.self_rated([a["self_rating"] for a in answers])
    sides = sum(a["side_right"] for a in answers)
    summary = f"{sides}/{len(answers)} sides right, self-rated {ratings.NAMES[rating]}, {clock(last)}"
    data = _data("tradeoff", ex, sheet.seed, answers, last)
    return _finish("tradeoff", data, score, rating, summary)


def _rated(ref: str, text: str, value: int, seconds: float, **details: Any) -> dict[str, Any]:
    """One self-rated answer as the history records it, its rating also as a 0..1 grade."""
    grade = ratings.grade(value)
    return {"item": ref, "category": None, "answer": text, **details, "self_rating": value, "grade": grade,
            "seconds": seconds}  # fmt: skip


def _side(text: str, a: str, b: str) -> str | None:
    t = text.strip().lower()
    if t in ("a", "(a)", "1"):
        return a
    if t in ("b", "(b)", "2"):
        return b
    if t and t in a.lower() and t not in b.lower():
        return a
    if t and t in b.lower() and t not in a.lower():
        return b
    return None


def deep_dive(content: Content, sheet: DrillSheet, classifier: Any, retriever: Retriever) -> Conversation:
    """Go beyond the basics for a scenario; answers are matched against its E6 probes the way the
    mock interviewer finds them (`retriever`, with `classifier` for each line's category)."""
    ex = sheet.exercises[0]
    assert ex.scenario is not None
    scenario = content.scenario(ex.scenario.id)
    yield Say(f"{ex.title}: {ex.instructions}\nScenario: {ex.scenario.prompt}")
    answers: list[dict[str, Any]] = []
    raised_all: set[str] = set()
    last = 0.0
    for item in ex.items:
        reply = yield Ask(f"{item.prompt}\nOne question or point per line; a blank line ends.", True)
        assert reply is not None
        raised: dict[str, tuple[str, ...]] = {}
        for line in reply.lines:
            if line.strip():
                category = classifier.classify(line).category
                for probe, words in probe_matches(content, scenario, retriever, line, category):
                    raised.setdefault(probe.id, words)
        raised_all |= set(raised)
        group = [
            p
            for p in scenario.e6_probes
            if p.kind == item.ref
            or (item.ref == "other" and p.kind not in ("failure_modes", "adversarial", "iteration"))
        ]
        for probe in group:
            if probe.id in raised:
                yield Say(f"  [x] raised: {probe.question} (shared: {', '.join(raised[probe.id])})")
            else:
                yield Say(f"  [ ] Ask: {probe.question}\n      Interviewer: {probe.answer}")
        value = yield from self_rating()
        probes = {"probes_raised": sorted(raised), "probes": [p.id for p in group]}
        answers.append(_rated(item.ref, reply.text, value, reply.at - last, **probes))
        last = reply.at
    score, rating = ratings.self_rated([a["self_rating"] for a in answers])
    n = len(scenario.e6_probes)
    summary = (
        f"{len(raised_all)}/{n} E6 probes raised, self-rated {ratings.NAMES[rating]}, {clock(last)} "
        f"(target {clock(ex.time_limit_seconds)})"
    )
    data = _data("deep-dive", ex, sheet.seed, answers, last)
    data["details"] = {"probes_raised": sorted(raised_all), "probes": n}
    return _finish("deep-dive", data, score, rating, summary)
