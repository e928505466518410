"""The terminal drills as pure conversations: each yields what to say and what to ask, is sent the
answers with the seconds since the drill began, and returns a graded Result.

No I/O and no clock: `reqdrill practice` prints, reads and times; tests feed answer strings.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

from reqdrill.content.model import Content
from reqdrill.practice import rating as ratings
from reqdrill.practice.grading import CategoryMatcher, split_items
from reqdrill.practice.records import DRILL_DATA_VERSION
from reqdrill.study.drillsheet import DrillSheet, Exercise


@dataclass(frozen=True)
class Say:
    """Text to show."""

    text: str


@dataclass(frozen=True)
class Ask:
    """A prompt to answer: one line, or lines up to a blank one when `multiline`."""

    prompt: str
    multiline: bool = False


@dataclass(frozen=True)
class Reply:
    """An answer: its lines, and the seconds since the drill began when it was given."""

    lines: tuple[str, ...]
    at: float

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


@dataclass
class Result:
    """A graded drill: the data recorded in the history, and the summary line."""

    kind: str
    score: float
    rating: int
    summary: str
    data: dict[str, Any] = field(default_factory=dict)


Conversation = Generator[Say | Ask, Reply | None, Result]


def clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _data(
    kind: str, ex: Exercise, seed: int, answers: list[dict[str, Any]], elapsed: float
) -> dict[str, Any]:
    return {
        "version": DRILL_DATA_VERSION,
        "kind": kind,
        "seed": seed,
        "scenario": ex.scenario.id if ex.scenario else None,
        "time_limit_seconds": ex.time_limit_seconds,
        "elapsed_seconds": round(elapsed, 1),
        "answers": answers,
    }


def _finish(kind: str, data: dict[str, Any], score: float, rating: int, summary: str) -> Result:
    data |= {"score": round(score, 3), "rating": rating, "summary": summary}
    return Result(kind, round(score, 3), rating, summary, data)


def recall(content: Content, sheet: DrillSheet) -> Conversation:
    """Type the categories in order; graded forgivingly, with the time against the target."""
    ex = sheet.exercises[0]
    n = len(content.categories)
    yield Say(f"{ex.title}: {ex.instructions}")
    reply = yield Ask(
        f"Type the {n} categories, one per line or separated by commas; a blank line ends.", True
    )
    assert reply is not None
    matcher = CategoryMatcher(content.categories)
    typed = split_items(reply.lines)
    named: list[str] = []
    unknown = []
    for text in typed:
        cid = matcher.match(text)
        if cid is None:
            unknown.append(text)
        elif cid not in named:
            named.append(cid)
    order = [c.id for c in content.categories]
    in_order = named == [c for c in order if c in named]
    over = reply.at > ex.time_limit_seconds
    score = len(named) / n
    order_text = "in order" if in_order else "not in order"
    summary = f"{len(named)}/{n}, {order_text}, {clock(reply.at)} (target {clock(ex.time_limit_seconds)})"
    for c in content.categories:
        mark = "x" if c.id in named else " "
        yield Say(f"  [{mark}] {c.name}")
    for text in unknown:
        yield Say(f"  not a category: {text}")
    answers = [
        {"item": c.id, "category": c.id, "answer": "", "grade": float(c.id in named), "seconds": 0.0}
        for c in content.categories
    ]
    data = _data("recall", ex, sheet.seed, answers, reply.at)
    data["details"] = {"named": named, "in_order": in_order, "typed": typed, "unrecognized": unknown}
    rating = ratings.from_score(score, easy=in_order, over_time=over)
    return _finish("recall", data, score, rating, summary)


def questions(content: Content, sheet: DrillSheet, classifier: Any) -> Conversation:
    """Write questions for each drawn category; each counts when the classifier files it there."""
    ex = sheet.exercises[0]
    yield Say(f"{ex.title}: {ex.instructions}")
    answers: list[dict[str, Any]] = []
    hits_total, asked_total, last = 0, 0, 0.0
    for item, key in zip(ex.items, ex.answers, strict=True):
        per = len(item.blanks)
        reply = yield Ask(f"{item.prompt}: write {per} questions, one per line; a blank line moves on.", True)
        assert reply is not None
        typed = [line.strip() for line in reply.lines if line.strip()]
        seconds = (reply.at - last) / max(1, len(typed))
        last = reply.at
        hits = 0
        for q in typed:
            placed = classifier.classify(q).category
            hit = placed == item.ref
            hits += hit
            where = "yes" if hit else f"no, sounds like {_name(content, placed)}"
            yield Say(f"  [{'x' if hit else ' '}] {q} ({where})")
            answers.append(
                {
                    "item": item.ref,
                    "category": item.ref,
                    "answer": q,
                    "placed": placed,
                    "grade": float(hit),
                    "seconds": seconds,
                }
            )
        missing = max(0, per - len(typed))
        answers += [
            {
                "item": item.ref,
                "category": item.ref,
                "answer": "",
                "placed": None,
                "grade": 0.0,
                "seconds": 0.0,
            }
        ] * missing
        if hits < per:
            templates = [n.text for n in key.notes if n.label == "Template"]
            yield Say(f"  {hits}/{per} landed. For example: {templates[0] if templates else key.text}")
        hits_total += min(hits, per)
        asked_total += max(per, len(typed))
    score = hits_total / asked_total if asked_total else 0.0
    over = last > ex.time_limit_seconds
    summary = (
        f"{hits_total}/{sum(len(i.blanks) for i in ex.items)} questions landed, hit rate {score:.0%}, "
        f"{clock(last)} (target {clock(ex.time_limit_seconds)})"
    )
    data = _data("questions", ex, sheet.seed, answers, last)
    data["details"] = {"categories": [i.ref for i in ex.items]}
    return _finish("questions", data, score, ratings.from_score(score, easy=True, over_time=over), summary)


def _name(content: Content, cid: str) -> str:
    return next((c.name for c in content.categories if c.id == cid), "no category")


def classify(content: Content, sheet: DrillSheet) -> Conversation:
    """Name the category of each shown question, by number or name."""
    ex = sheet.exercises[0]
    matcher = CategoryMatcher(content.categories)
    menu = "  ".join(f"{i} {c.name}" for i, c in enumerate(content.categories, 1))
    yield Say(f"{ex.title}: answer with a number or a name.\n{menu}")
    answers: list[dict[str, Any]] = []
    last = 0.0
    for i, (item, key) in enumerate(zip(ex.items, ex.answers, strict=True), 1):
        reply = yield Ask(f"{i}. {item.prompt}")
        assert reply is not None
        chosen = matcher.match(reply.text, numbers=True)
        right = chosen == key.ref
        yield Say("  right" if right else f"  no: {key.text}")
        answers.append(
            {
                "item": item.ref,
                "category": key.ref,
                "answer": reply.text,
                "chosen": chosen,
                "grade": float(right),
                "seconds": reply.at - last,
            }
        )
        last = reply.at
    correct = sum(int(a["grade"]) for a in answers)
    score = correct / len(answers) if answers else 0.0
    summary = f"{correct}/{len(answers)} right, {clock(last)} (target {clock(ex.time_limit_seconds)})"
    data = _data("classify", ex, sheet.seed, answers, last)
    over = last > ex.time_limit_seconds
    return _finish("classify", data, score, ratings.from_score(score, easy=True, over_time=over), summary)


def self_rating() -> Generator[Say | Ask, Reply | None, int]:
    """Ask again/hard/good/easy until the answer is one of them."""
    while True:
        reply = yield Ask("Rate yourself: again, hard, good or easy (1-4)?")
        assert reply is not None
        value = ratings.parse(reply.text)
        if value is not None:
            return value
        yield Say("  Please answer again, hard, good or easy (or 1-4).")
