"""A terminal drill from the drill-sheet draw: the sheet's one exercise as a graded conversation."""

from __future__ import annotations

from collections.abc import Iterable

from reqdrill.content.model import Content
from reqdrill.practice import exercises, selfrated
from reqdrill.practice.exercises import Ask, Conversation, Reply, Result, Say
from reqdrill.practice.records import DRILL_KINDS
from reqdrill.study.drills import Lean, generate
from reqdrill.study.drillsheet import DrillSheet


def start(
    content: Content, kind: str, seed: int, scenario: str | None = None, lean: Lean | None = None
) -> tuple[DrillSheet, Conversation]:
    """Draw a one-exercise sheet of a kind (as `reqdrill drill --kind KIND` would) and its drill."""
    if kind not in DRILL_KINDS:
        raise ValueError(f"unknown practice kind {kind!r}")
    sheet = generate(content, seed, (kind,), scenario, lean)
    if kind in ("questions", "deep-dive"):
        from reqdrill.interview.classify import BASE_STOPWORDS, Classifier
        from reqdrill.interview.retrieval import Retriever

        classifier = Classifier.from_content(content)
        if kind == "questions":
            return sheet, exercises.questions(content, sheet, classifier)
        retriever = Retriever.from_content(content, BASE_STOPWORDS.split())
        return sheet, selfrated.deep_dive(content, sheet, classifier, retriever)
    if kind == "recall":
        return sheet, exercises.recall(content, sheet)
    if kind == "classify":
        return sheet, exercises.classify(content, sheet)
    return sheet, selfrated.tradeoff(content, sheet)


def drive(conversation: Conversation, replies: Iterable[Reply]) -> tuple[list[str], Result]:
    """Run a drill on given replies: what it said (prompts included) and its result.

    Raises ValueError when the replies run out before the drill ends.
    """
    said: list[str] = []
    answers = iter(replies)
    try:
        step: Say | Ask = next(conversation)
        while True:
            said.append(step.prompt if isinstance(step, Ask) else step.text)
            step = conversation.send(next(answers, None) if isinstance(step, Ask) else None)
    except StopIteration as done:
        return said, done.value
