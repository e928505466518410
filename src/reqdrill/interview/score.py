"""The end-of-interview score: coverage of the seven categories, depth in facts, and E5/E6 signals."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reqdrill.content.model import CATEGORY_IDS, Content
from reqdrill.interview.classify import NONE, Classification
from reqdrill.interview.facts import PROBE, Fact

FEEDBACK = (  # the source's thresholds and words
    (0.85, "excellent", "Excellent coverage! You asked about all key areas."),
    (0.6, "good", "Good coverage, but missed some important areas."),
    (0.0, "needs_structure", "Need to ask more structured questions across all categories."),
)
ANKI_CATEGORY_TAG = "reqdrill::category::{}"
ANKI_E6_TAG = "reqdrill::level::e6"
QUESTION, ASSUMPTION = "question", "assumption"


@dataclass(frozen=True)
class Turn:
    """One line of the candidate's, how it was classified, and the interviewer's answer."""

    question: str
    """The line as typed: a question, or (kind `assumption`) a stated assumption."""
    classification: Classification
    answer: str
    elapsed: float
    numbers: bool
    """It probed for numbers: the classifier saw a numbers signal or a figure was answered."""
    facts: tuple[str, ...] = ()
    """Ids of the facts the answer gave (new or repeated), best first."""
    invited: bool = False
    """The scenario is silent on it, and the interviewer invited an assumption."""
    kind: str = QUESTION
    """`question` or `assumption`."""
    filed: str | None = None
    """The category the line counts for, where it is not the classifier's."""
    told: tuple[str, ...] = ()
    """The categories of the facts the answer gave: what the candidate now knows about."""

    @property
    def category(self) -> str:
        """The category the line counts for (`none`: unclear or off-topic)."""
        return self.filed or self.classification.category


@dataclass(frozen=True)
class Signal:
    """A depth signal at the end of an interview: shown or not, with the evidence."""

    id: str
    level: str
    name: str
    shown: bool
    evidence: str


@dataclass(frozen=True)
class Assumption:
    """An assumption the candidate stated, and the question whose silence invited it (if any)."""

    text: str
    category: str
    after: str | None


@dataclass(frozen=True)
class Report:
    """The end-of-interview score."""

    covered: tuple[str, ...]
    missed: tuple[str, ...]
    coverage: float
    level: str
    feedback: str
    signals: tuple[Signal, ...]
    study: tuple[str, ...]
    anki_search: str
    facts_uncovered: tuple[str, ...] = ()
    """Ids of the scenario's facts the interviewer gave, in the scenario's order."""
    facts_total: int = 0
    missed_important: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(category id, fact ids) for the important facts never given, in the framework's order."""
    assumptions: tuple[Assumption, ...] = ()


def covered(turns: Sequence[Turn]) -> tuple[str, ...]:
    """Categories asked about (or assumed), in the framework's order: the category each line is
    filed under, and the categories of the facts the interviewer gave for it ("Are card numbers
    tokenized?" covers Privacy/Ethics when the answer is its anonymization, whatever the
    classifier made of the words)."""
    asked = {t.category for t in turns} | {c for t in turns for c in t.told}
    return tuple(c for c in CATEGORY_IDS if c in asked)


def assumptions(turns: Sequence[Turn]) -> tuple[Assumption, ...]:
    """The assumptions stated, each with the question that invited it when the one before did."""
    out = []
    for i, t in enumerate(turns):
        if t.kind == ASSUMPTION and not t.facts:
            before = turns[i - 1] if i else None
            after = before.question if before is not None and before.invited else None
            out.append(Assumption(t.question, t.category, after))
    return tuple(out)


def report(content: Content, facts: Sequence[Fact], turns: Sequence[Turn]) -> Report:
    """Coverage, the source's feedback, depth in facts, signals and what to study."""
    done = covered(turns)
    missed = tuple(c for c in CATEGORY_IDS if c not in done)
    coverage = len(done) / len(CATEGORY_IDS)
    level, feedback = next((lv, fb) for floor, lv, fb in FEEDBACK if coverage >= floor)
    given = {fid for t in turns for fid in t.facts}
    uncovered = tuple(f.id for f in facts if f.id in given)
    never = [f for f in facts if f.important and f.id not in given]
    by_category = tuple(
        (cid, tuple(f.id for f in never if f.category == cid))
        for cid in CATEGORY_IDS
        if any(f.category == cid for f in never)
    )
    stated = assumptions(turns)
    signals = depth_signals(content, facts, turns, done, stated)
    if missed:
        study = tuple(content.category(c).name for c in missed)
        search = " OR ".join(f"tag:{ANKI_CATEGORY_TAG.format(c)}" for c in missed)
        search = f"({search})" if len(missed) > 1 else search
    else:
        study, search = ("E6 probes",), f"tag:{ANKI_E6_TAG}"
    return Report(
        done,
        missed,
        coverage,
        level,
        feedback,
        signals,
        study,
        search,
        uncovered,
        len(facts),
        by_category,
        stated,
    )


def depth_signals(
    content: Content,
    facts: Sequence[Fact],
    turns: Sequence[Turn],
    done: tuple[str, ...],
    stated: tuple[Assumption, ...],
) -> tuple[Signal, ...]:
    """The E5 and E6 signals the questions showed."""
    questions = [t for t in turns if t.kind == QUESTION]
    counts = {c: sum(t.category == c for t in questions) for c in done}
    deep = [f"{content.category(c).name} ({n} questions)" for c, n in counts.items() if n >= 2]
    probe_kind = {f.id: f.probe_kind for f in facts if f.kind == PROBE}

    def first(test: Callable[[Turn], bool]) -> str:
        return next((t.question for t in questions if t.category != NONE and test(t)), "")

    def probed(kind: str) -> Callable[[Turn], bool]:
        return lambda t: any(probe_kind.get(fid) == kind for fid in t.facts)

    fail = first(lambda t: "failure_tolerance" in t.classification.signals or probed("failure_modes")(t))
    cadence = first(lambda t: "iteration_cadence" in t.classification.signals or probed("iteration")(t))
    numbers = first(lambda t: t.numbers)
    probes = [t.question for t in questions if any(fid in probe_kind for fid in t.facts)]
    n = len(CATEGORY_IDS)
    return (
        Signal(
            "all_categories", "E5", "Covers all categories", len(done) == n, f"{len(done)}/{n} categories"
        ),
        Signal("follow_ups", "E6", "Several questions in one category", bool(deep), ", ".join(deep)),
        Signal("numbers", "E6", "Probes for numbers", bool(numbers), numbers),
        Signal("failure_tolerance", "E6", "Asks about failure tolerance", bool(fail), fail),
        Signal("iteration_cadence", "E6", "Asks about iteration cadence", bool(cadence), cadence),
        Signal("e6_probes", "E6", "Asks the scenario's E6 probes", bool(probes), probes[0] if probes else ""),
        Signal(
            "assumptions",
            "E6",
            "States assumptions where the scenario is silent",
            bool(stated),
            stated[0].text if stated else "",
        ),
    )
