"""One builder per drill kind: what was drawn for a sheet → an Exercise with items and answers."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any, TypeVar

import msgspec

from reqdrill.drillsheet import Answer, Blank, Exercise, Item, Note, ScenarioRef
from reqdrill.model import (
    REQUIRED_PROBE_KINDS,
    Chosen,
    Content,
    Drill,
    Question,
    Scenario,
    Stance,
    section_of,
)

# Used when the content has no drill of a kind, or the drill sets no time limit.
DEFAULT_SECONDS = {"recall": 30, "mock": 300, "deep-dive": 300}
SECONDS_PER_QUESTION = 20
SECONDS_PER_CLASSIFY = 10
SECONDS_PER_TRADEOFF = 90
DEFAULT_QUESTIONS_PER_CATEGORY = 3
TRADEOFFS_PER_SCENARIO = 2

DEEP_DIVE_PROMPTS = {
    "failure_modes": "What failure modes should you anticipate, and what happens when one occurs?",
    "adversarial": "How would adversarial users try to game or evade the system, and how would you handle them?",
    "iteration": "What is the iteration velocity requirement: how fast must the system adapt to new patterns?",
}
OTHER_PROBES_PROMPT = (
    "What else would an E6 probe here: scale, ambiguities in the objective, unstated constraints?"
)

T = TypeVar("T")
Parts = tuple[tuple[Item, ...], tuple[Answer, ...]]


class Catalog:
    """A content's parts of exercises that do not depend on the draw, built once per batch.

    Sheets share these frozen parts, so a batch of a thousand sheets builds each scenario's mock
    items once rather than a thousand times.
    """

    def __init__(self, content: Content) -> None:
        self.content = content
        self.categories = {c.id: c for c in content.categories}
        self.category_cycle = tuple(self.categories)
        self._parts: dict[tuple[str, ...], Any] = {}

    def part(self, key: tuple[str, ...], build: Callable[[], T]) -> T:
        """The part stored under `key`, built on first use."""
        try:
            return self._parts[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._parts[key] = build()
            return value


class Draw(msgspec.Struct, frozen=True):
    """What the balanced deal gave one sheet; the rng picks the rest."""

    rng: random.Random
    question_categories: tuple[str, ...]
    classify_categories: tuple[str, ...]
    scenarios: dict[str, Scenario]


def content_drill(content: Content, kind: str) -> Drill | None:
    """The content's first drill of a kind, whose time limit and sizes the sheet reuses."""
    return next((d for d in content.drills if d.kind == kind), None)


def seconds(content: Content, kind: str, default: int) -> int:
    """The content drill's time limit for a kind, or the default."""
    drill = content_drill(content, kind)
    return drill.time_limit_seconds if drill is not None and drill.time_limit_seconds else default


def minutes(total: int) -> str:
    """`300` → `5 minutes`, `30` → `30 seconds`, for instructions."""
    if total % 60 == 0:
        return f"{total // 60} minute{'s' * (total != 60)}"
    return f"{total} seconds"


def scenario_ref(scenario: Scenario) -> ScenarioRef:
    """The scenario as an exercise shows it."""
    return ScenarioRef(id=scenario.id, name=scenario.name, prompt=scenario.prompt)


def recall(cat: Catalog, draw: Draw, number: int) -> Exercise:
    """List the categories in order, from memory."""
    content = cat.content
    limit = seconds(content, "recall", DEFAULT_SECONDS["recall"])

    def build() -> Parts:
        items = tuple(
            Item(ref=str(i), prompt="", blanks=(Blank(),)) for i in range(1, len(content.categories) + 1)
        )
        answers = tuple(
            Answer(ref=c.id, text=c.name, notes=(Note("", c.summary),)) for c in content.categories
        )
        return items, answers

    items, answers = cat.part(("recall",), build)
    instructions = f"From memory, list all {len(items)} clarifying-requirements categories, in order, in under {minutes(limit)}."
    return Exercise(number, "recall", "Category recall", instructions, limit, None, items, answers)


def questions(cat: Catalog, draw: Draw, number: int) -> Exercise:
    """Write clarifying questions for a few drawn categories."""
    drill = content_drill(cat.content, "questions")
    per = (
        drill.questions_per_category
        if drill is not None and drill.questions_per_category
        else DEFAULT_QUESTIONS_PER_CATEGORY
    )

    def build(cid: str) -> tuple[Item, Answer]:
        c = cat.categories[cid]
        notes = tuple(Note("Template", q.text) for q in c.templates) + tuple(
            Note("E6 probe", q.text) for q in c.e6_probes
        )
        item = Item(ref=c.id, prompt=c.name, blanks=tuple(Blank() for _ in range(per)))
        return item, Answer(ref=c.id, text=c.example_questions, notes=notes)

    def build_all() -> Parts:
        pairs = [cat.part(("question", cid), lambda cid=cid: build(cid)) for cid in draw.question_categories]
        return tuple(p[0] for p in pairs), tuple(p[1] for p in pairs)

    items, answers = cat.part(("questions", *draw.question_categories), build_all)
    instructions = f"For each category, write down {per} clarifying questions without looking at notes."
    limit = SECONDS_PER_QUESTION * per * len(items)
    return Exercise(number, "questions", "Question generation", instructions, limit, None, items, answers)


def classify(cat: Catalog, draw: Draw, number: int) -> Exercise:
    """Sort drawn template questions into their categories."""

    def build(cid: str, question: Question) -> tuple[Item, Answer]:
        item = Item(ref=question.id, prompt=question.text, blanks=(Blank("Category"),))
        return item, Answer(ref=cid, text=cat.categories[cid].name)

    picks = [(cid, draw.rng.choice(cat.categories[cid].templates)) for cid in draw.classify_categories]
    pairs = [cat.part(("classify", q.id), lambda cid=cid, q=q: build(cid, q)) for cid, q in picks]
    items, answers = tuple(p[0] for p in pairs), tuple(p[1] for p in pairs)
    instructions = "Sort each question into its category: write the category's name beside it."
    limit = SECONDS_PER_CLASSIFY * len(items)
    return Exercise(number, "classify", "Classify the questions", instructions, limit, None, items, answers)


def _value(value: object, labels: dict[str, str]) -> tuple[str, tuple[Note, ...]]:
    """A scenario field as answer text: a check box by its label, a list joined by semicolons."""
    if isinstance(value, Chosen):
        return labels.get(value.choice, value.choice), (Note("Detail", value.detail),)
    if isinstance(value, tuple):
        return "; ".join(value), ()
    return str(value), ()


def _mock_parts(content: Content, scenario: Scenario) -> Parts:
    items: list[Item] = []
    answers: list[Answer] = []
    for i, section in enumerate(content.requirements_template.sections, 1):
        group = f"{i}. {section.title}"
        values = section_of(scenario, section.category)
        for field in section.fields:
            ref = f"{section.category}.{field.key}"
            choices = tuple(c.label for c in field.choices)
            items.append(Item(ref=ref, prompt=field.label, blanks=(Blank(choices=choices),), group=group))
            text, notes = _value(getattr(values, field.key), {c.id: c.label for c in field.choices})
            answers.append(Answer(ref=ref, text=text, notes=notes))
    return tuple(items), tuple(answers)


def mock(cat: Catalog, draw: Draw, number: int) -> Exercise:
    """Gather requirements for a scenario given only its prompt, filling in the template."""
    scenario = draw.scenarios["mock"]
    limit = seconds(cat.content, "mock", DEFAULT_SECONDS["mock"])
    items, answers = cat.part(("mock", scenario.id), lambda: _mock_parts(cat.content, scenario))
    instructions = (
        f"You are given only the interviewer's prompt. Spend {minutes(limit)} asking clarifying questions "
        "and fill in the requirements below; the answer key holds the interviewer's answers."
    )
    return Exercise(
        number, "mock", "Mock interview", instructions, limit, scenario_ref(scenario), items, answers
    )


def _stance_parts(content: Content, stance: Stance) -> tuple[Item, Answer]:
    t = content.tradeoff(stance.tradeoff)
    blanks = (Blank("Favours", choices=(t.option_a, t.option_b)), Blank("Why, quantified", lines=2))
    notes = (
        Note("Why", stance.why),
        Note(f"Favour {t.option_a} when", t.favor_a),
        Note(f"Favour {t.option_b} when", t.favor_b),
        Note("E6 signal", t.e6_signal),
    )
    favoured = t.option_a if stance.favors == "a" else t.option_b
    return Item(ref=t.id, prompt=t.name, blanks=blanks), Answer(ref=t.id, text=favoured, notes=notes)


def tradeoff(cat: Catalog, draw: Draw, number: int) -> Exercise:
    """Say which side of two drawn tradeoffs a scenario favours, and why, quantified."""
    scenario = draw.scenarios["tradeoff"]
    stances = draw.rng.sample(scenario.tradeoffs, min(TRADEOFFS_PER_SCENARIO, len(scenario.tradeoffs)))

    def build() -> Parts:
        pairs = [
            cat.part(("tradeoff", scenario.id, s.tradeoff), lambda s=s: _stance_parts(cat.content, s))
            for s in stances
        ]
        return tuple(p[0] for p in pairs), tuple(p[1] for p in pairs)

    items, answers = cat.part(("tradeoffs", scenario.id, *(s.tradeoff for s in stances)), build)
    instructions = (
        "For each tradeoff, tick the option this scenario favours and say why. "
        "Quantify it the way an E6 would: latency budgets, traffic, error rates, cost."
    )
    limit = seconds(cat.content, "tradeoff", SECONDS_PER_TRADEOFF * len(items))
    return Exercise(
        number,
        "tradeoff",
        "Tradeoff articulation",
        instructions,
        limit,
        scenario_ref(scenario),
        items,
        answers,
    )


def _deep_dive_parts(scenario: Scenario) -> Parts:
    groups = [
        (kind, DEEP_DIVE_PROMPTS[kind], [p for p in scenario.e6_probes if p.kind == kind])
        for kind in REQUIRED_PROBE_KINDS
    ]
    others = [p for p in scenario.e6_probes if p.kind not in REQUIRED_PROBE_KINDS]
    if others:
        groups.append(("other", OTHER_PROBES_PROMPT, others))
    items = tuple(Item(ref=kind, prompt=prompt, blanks=(Blank(lines=3),)) for kind, prompt, _ in groups)
    answers = tuple(
        Answer(
            ref=kind,
            text="",
            notes=tuple(n for p in probes for n in (Note("Ask", p.question), Note("Interviewer", p.answer))),
        )
        for kind, _, probes in groups
    )
    return items, answers


def deep_dive(cat: Catalog, draw: Draw, number: int) -> Exercise:
    """Go beyond the basic questions for a scenario: failure modes, adversaries, iteration."""
    scenario = draw.scenarios["deep-dive"]
    items, answers = cat.part(("deep-dive", scenario.id), lambda: _deep_dive_parts(scenario))
    instructions = "Go beyond the basic questions, the way an E6 would, for this scenario."
    limit = seconds(cat.content, "deep-dive", DEFAULT_SECONDS["deep-dive"])
    return Exercise(
        number, "deep-dive", "E6 deep dive", instructions, limit, scenario_ref(scenario), items, answers
    )


BUILDERS: dict[str, Callable[[Catalog, Draw, int], Exercise]] = {
    "recall": recall,
    "questions": questions,
    "classify": classify,
    "mock": mock,
    "tradeoff": tradeoff,
    "deep-dive": deep_dive,
}
