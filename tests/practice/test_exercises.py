"""The terminal drills, fed answer strings: grading, summaries and recorded data."""

from __future__ import annotations

from reqdrill.content.model import Content
from reqdrill.practice.drill import drive, start
from reqdrill.practice.exercises import Reply

ORDERED = ("Business objective", "features", "data", "constraints", "scale", "perf", "privacy & ethics")


def test_recall_in_order_and_in_time_is_easy(content: Content) -> None:
    _, conv = start(content, "recall", 1)
    said, result = drive(conv, [Reply(ORDERED, 12.4)])
    assert result.summary == "7/7, in order, 0:12 (target 0:30)"
    assert (result.score, result.rating) == (1.0, 4)
    assert "  [x] Privacy/Ethics" in said
    assert result.data["details"]["in_order"] is True


def test_recall_forgives_typos_abbreviations_and_one_line(content: Content) -> None:
    _, conv = start(content, "recall", 1)
    line = "1. Buisness objectiv, Features System Supports; dta, constrains, Sclae, performence, P/E"
    _, result = drive(conv, [Reply((line,), 20.0)])
    assert result.summary == "7/7, in order, 0:20 (target 0:30)"


def test_recall_out_of_order_late_and_missing(content: Content) -> None:
    _, conv = start(content, "recall", 1)
    said, result = drive(conv, [Reply(("scale", "data", "nonsense", "privacy"), 45.0)])
    assert result.summary == "3/7, not in order, 0:45 (target 0:30)"
    assert "  not a category: nonsense" in said
    assert (result.score, result.rating) == (round(3 / 7, 3), 1)


def test_questions_count_only_what_lands_in_the_asked_category(content: Content) -> None:
    sheet, conv = start(content, "questions", 3)
    asked = [i.ref for i in sheet.exercises[0].items]
    assert asked == ["constraints", "scale", "data"]
    said, result = drive(
        conv,
        [
            Reply(
                ("Does it run on-device or in the cloud?", "What is the compute budget?", "How many DAU?"), 30
            ),
            Reply(("How many users?", "What is the peak QPS?", "How many items?"), 60),
            Reply((), 70),
        ],
    )
    assert "  [ ] How many DAU? (no, sounds like Scale)" in said
    assert any(s.startswith("  0/3 landed. For example: ") for s in said)
    assert result.summary == "5/9 questions landed, hit rate 56%, 1:10 (target 3:00)"
    grades = {(a["item"], a["grade"]) for a in result.data["answers"]}
    assert ("data", 0.0) in grades and ("scale", 1.0) in grades


def test_classify_by_number_or_name(content: Content) -> None:
    sheet, conv = start(content, "classify", 3)
    keys = [a.ref for a in sheet.exercises[0].answers]
    names = {c.id: c.name for c in content.categories}
    numbers = {c.id: str(i) for i, c in enumerate(content.categories, 1)}
    replies = [Reply((numbers[k] if i % 2 else names[k].lower(),), 5.0 * (i + 1)) for i, k in enumerate(keys)]
    replies[0] = Reply(("nonsense",), 5.0)
    said, result = drive(conv, replies)
    assert result.summary == f"{len(keys) - 1}/{len(keys)} right, 0:30 (target 1:00)"
    assert said.count("  right") == len(keys) - 1


def test_tradeoff_shows_the_key_and_takes_a_self_rating(content: Content) -> None:
    sheet, conv = start(content, "tradeoff", 3)
    replies = [Reply(("a",), 5), Reply(("p99 under 100 ms",), 20), Reply(("nope",), 21), Reply(("good",), 22)]
    replies += [Reply(("b",), 25), Reply(("because",), 30), Reply(("1",), 31)]
    said, result = drive(conv, replies)
    assert "  Please answer again, hard, good or easy (or 1-4)." in said
    assert result.summary == "1/2 sides right, self-rated hard, 0:30"
    assert (result.score, result.rating) == (0.333, 2)


def test_deep_dive_matches_answers_against_the_scenarios_probes(content: Content) -> None:
    sheet, conv = start(content, "deep-dive", 3, scenario="video-streaming")
    probe = next(p for p in content.scenario("video-streaming").e6_probes if p.kind == "failure_modes")
    replies = [Reply((probe.question,), 30), Reply(("easy",), 31)]
    replies += [Reply(("nothing",), 40), Reply(("again",), 41)] * 5
    said, result = drive(conv, replies)
    assert any(s.startswith(f"  [x] raised: {probe.question}") for s in said)
    assert probe.id in result.data["details"]["probes_raised"]
