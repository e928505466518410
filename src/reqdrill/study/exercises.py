"""One builder per drill kind: what was drawn for a sheet → an Exercise with items and answers."""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import msgspec

from reqdrill.content.model import (
    REQUIRED_PROBE_KINDS,
    Chosen,
    Content,
    Drill,
    Scenario,
    Stance,
    section_of,
)
from reqdrill.study.drillsheet import Answer, Blank, Exercise, Item, Note, ScenarioRef
from reqdrill.study.writing import field_rules, rules_for, top_up

# Used when the content has no drill of a kind, or the drill sets no time limit.
DEFAULT_SECONDS = {"recall": 30, "mock": 300, "deep-dive": 300}
SECONDS_PER_QUESTION = 20
SECONDS_PER_CLASSIFY = 10
SECONDS_PER_TRADEOFF = 90
DEFAULT_QUESTIONS_PER_CATEGORY = 3
TRADEOFFS_PER_SCENARIO = 2

DEEP_DIVE_PROMPTS = {
    "failure_modes": "What failure modes should you anticipate, and what happens when one occurs?",
    "adversarial": (
        "How would adversarial users try to game or evade the system, and how would you handle them?"
    ),
    "iteration": (
        "What is the iteration velocity requirement: how fast must the system adapt to new patterns?"
    ),
}
OTHER_PROBES_PROMPT = (
    "What else would an E6 probe here: scale, ambiguities in the objective, unstated constraints?"
)

T = TypeVar("T")


class Catalog:
    """Exercises already built for a content, shared by every sheet of a batch that draws the same.

    An exercise is a pure function of what was drawn for it, so a batch of a thousand sheets
    builds each scenario's mock interview once rather than a thousand times, and renderers can
    reuse the output of an exercise object they have seen.
    """

    def __init__(self, content: Content) -> None:
        self.content = content
        self.categories = {c.id: c for c in content.categories}
        self.category_cycle = tuple(self.categories)
        self._parts: dict[Hashable, Any] = {}

    def part(self, key: Hashable, build: Callable[..., T], *args: Any) -> T:
        """The part stored under `key`, built as `build(*args)` on first use.

        Arguments rather than a closure: a batch looks parts up thousands of times, and a hit
        should not pay for making a function object.
        """
        value = self._parts.get(key, self)
        if value is self:
            value = self._parts[key] = build(*args)
        return value  # type: ignore[no-any-return]


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
    return cat.part(("recall", number), _recall, cat, number)


def _recall(cat: Catalog, number: int) -> Exercise:
    content = cat.content
    limit = seconds(content, "recall", DEFAULT_SECONDS["recall"])
    n = len(content.categories)
    items = tuple(Item(ref=str(i), prompt="", blanks=(Blank(),)) for i in range(1, n + 1))
    answers = tuple(Answer(ref=c.id, text=c.name, notes=(Note("", c.summary),)) for c in content.categories)
    instructions = (
        f"From memory, list all {n} clarifying-requirements categories, in order, in under {minutes(limit)}."
    )
    return Exercise(number, "recall", "Category recall", instructions, limit, None, items, answers)


def questions(cat: Catalog, draw: Draw, number: int) -> Exercise:
    """Write clarifying questions for a few drawn categories."""
    cids = draw.question_categories
    return cat.part(("questions", number, cids), _questions, cat, cids, number)


def _questions(cat: Catalog, cids: tuple[str, ...], number: int) -> Exercise:
    drill = content_drill(cat.content, "questions")
    per = DEFAULT_QUESTIONS_PER_CATEGORY
    if drill is not None and drill.questions_per_category:
        per = drill.questions_per_category
    items, answers = [], []
    for c in (cat.categories[cid] for cid in cids):
        notes = [Note("Template", q.text) for q in c.templates] + [
            Note("E6 probe", q.text) for q in c.e6_probes
        ]
        items.append(Item(ref=c.id, prompt=c.name, blanks=tuple(Blank() for _ in range(per))))
        answers.append(Answer(ref=c.id, text=c.example_questions, notes=tuple(notes)))
    n = len(items)
    which = "this category" if n == 1 else f"each of these {n} categories"
    total = "" if n == 1 else f" ({n * per} in all)"
    asked = f"{per} clarifying question{'s' * (per != 1)}{total}"
    instructions = f"For {which}, write down {asked} without looking at notes."
    limit = SECONDS_PER_QUESTION * per * n
    title = "Question generation"
    return Exercise(number, "questions", title, instructions, limit, None, tuple(items), tuple(answers))


CLASSIFY_TITLE = "Classify the questions"


def classify_instructions(n: int) -> str:
    """The classify exercise's instructions, counting its questions."""
    if n == 1:
        return "Sort this question into its category: write the category's name beside it."
    return f"Sort each of these {n} questions into its category: write the category's name beside it."


def classify(cat: Catalog, draw: Draw, number: int) -> Exercise:
    """Sort drawn template questions into their categories."""
    choice = draw.rng.choice
    # Choosing from the (item, answer) pairs of a category's templates draws the same index, so
    # the same question, as choosing from the templates; the pairs are built once per batch.
    cids = draw.classify_categories
    part = cat.part
    picks = [choice(part(("classify", cid), _classify_pairs, cat, cid)) for cid in cids]
    items = tuple(item for item, _ in picks)
    answers = tuple(answer for _, answer in picks)
    limit = SECONDS_PER_CLASSIFY * len(items)
    instructions = classify_instructions(len(items))
    return Exercise(number, "classify", CLASSIFY_TITLE, instructions, limit, None, items, answers)


def _classify_pairs(cat: Catalog, cid: str) -> tuple[tuple[Item, Answer], ...]:
    """A category's template questions as classify items, each with the answer naming the category."""
    category = cat.categories[cid]
    answer = Answer(ref=cid, text=category.name)
    blanks = (Blank("Category"),)
    return tuple((Item(ref=q.id, prompt=q.text, blanks=blanks), answer) for q in category.templates)


def _value(value: object, labels: dict[str, str]) -> tuple[str, tuple[Note, ...]]:
    """A scenario field as answer text: a check box by its label, a list joined by semicolons."""
    if isinstance(value, Chosen):
        return labels.get(value.choice, value.choice), (Note("Detail", value.detail),)
    if isinstance(value, tuple):
        return "; ".join(value), ()
    return str(value), ()


def mock(cat: Catalog, draw: Draw, number: int) -> Exercise:
    """Gather requirements for a scenario given only its prompt, filling in the template."""
    scenario = draw.scenarios["mock"]
    return cat.part(("mock", number, scenario.id), _mock, cat, scenario, number)


def _mock(cat: Catalog, scenario: Scenario, number: int) -> Exercise:
    content = cat.content
    items: list[Item] = []
    answers: list[Answer] = []
    limit = seconds(content, "mock", DEFAULT_SECONDS["mock"])
    rules = cat.part("field-rules", field_rules, content)
    fields = [(i, s, f) for i, s in enumerate(content.requirements_template.sections, 1) for f in s.fields]
    written = [rules.get((s.category, f.key), 1) for _, s, f in fields if not f.choices]
    more = iter(top_up(written, limit))
    for i, section, field in fields:
        group = f"{i}. {section.title}"
        values = section_of(scenario, section.category)
        ref = f"{section.category}.{field.key}"
        choices = tuple(c.label for c in field.choices)
        blank = Blank(choices=choices, lines=1 if choices else next(more))
        items.append(Item(ref=ref, prompt=field.label, blanks=(blank,), group=group))
        text, notes = _value(getattr(values, field.key), {c.id: c.label for c in field.choices})
        answers.append(Answer(ref=ref, text=text, notes=notes))
    instructions = (
        f"You are given only the interviewer's prompt. Spend {minutes(limit)} asking clarifying questions "
        "and fill in the requirements below; the answer key holds the interviewer's answers."
    )
    shown = scenario_ref(scenario)
    return Exercise(
        number, "mock", "Mock interview", instructions, limit, shown, tuple(items), tuple(answers)
    )


def tradeoff(cat: Catalog, draw: Draw, number: int) -> Exercise:
    """Say which side of two drawn tradeoffs a scenario favors, and why, quantified."""
    scenario = draw.scenarios["tradeoff"]
    stances = tuple(draw.rng.sample(scenario.tradeoffs, min(TRADEOFFS_PER_SCENARIO, len(scenario.tradeoffs))))
    key = ("tradeoff", number, scenario.id, *[s.tradeoff for s in stances])
    return cat.part(key, _tradeoff, cat, scenario, stances, number)


def _tradeoff(cat: Catalog, scenario: Scenario, stances: tuple[Stance, ...], number: int) -> Exercise:
    items: list[Item] = []
    answers: list[Answer] = []
    limit = seconds(cat.content, "tradeoff", SECONDS_PER_TRADEOFF * len(stances))
    why = rules_for(limit, len(stances))
    for stance in stances:
        t = cat.content.tradeoff(stance.tradeoff)
        blanks = (Blank("Favors", choices=(t.option_a, t.option_b)), Blank("Why, quantified", lines=why))
        notes = (
            Note("Why", stance.why),
            Note(f"Favor {t.option_a} when", t.favor_a),
            Note(f"Favor {t.option_b} when", t.favor_b),
            Note("E6 signal", t.e6_signal),
        )
        favored = t.option_a if stance.favors == "a" else t.option_b
        items.append(Item(ref=t.id, prompt=t.name, blanks=blanks))
        answers.append(Answer(ref=t.id, text=favored, notes=notes))
    instructions = (
        "For each tradeoff, tick the option this scenario favors and say why. "
        "Quantify it the way an E6 would: latency budgets, traffic, error rates, cost."
    )
    ref = scenario_ref(scenario)
    title = "Tradeoff articulation"
    return Exercise(number, "tradeoff", title, instructions, limit, ref, tuple(items), tuple(answers))


def deep_dive(cat: Catalog, draw: Draw, number: int) -> Exercise:
    """Go beyond the basic questions for a scenario: failure modes, adversaries, iteration."""
    scenario = draw.scenarios["deep-dive"]
    return cat.part(("deep-dive", number, scenario.id), _deep_dive, cat, scenario, number)


def _deep_dive(cat: Catalog, scenario: Scenario, number: int) -> Exercise:
    probes = scenario.e6_probes
    groups = [
        (kind, DEEP_DIVE_PROMPTS[kind], [p for p in probes if p.kind == kind])
        for kind in REQUIRED_PROBE_KINDS
    ]
    others = [p for p in probes if p.kind not in REQUIRED_PROBE_KINDS]
    if others:
        groups.append(("other", OTHER_PROBES_PROMPT, others))
    limit = seconds(cat.content, "deep-dive", DEFAULT_SECONDS["deep-dive"])
    blank = Blank(lines=rules_for(limit, len(groups)))
    items = tuple(Item(ref=kind, prompt=prompt, blanks=(blank,)) for kind, prompt, _ in groups)
    answers = tuple(
        Answer(
            ref=kind,
            text="",
            notes=tuple(n for p in ps for n in (Note("Ask", p.question), Note("Interviewer", p.answer))),
        )
        for kind, _, ps in groups
    )
    instructions = "Go beyond the basic questions, the way an E6 would, for this scenario."
    ref = scenario_ref(scenario)
    return Exercise(number, "deep-dive", "E6 deep dive", instructions, limit, ref, items, answers)


Builder = Callable[[Catalog, Draw, int], Exercise]
BUILDERS: dict[str, Builder] = {
    "recall": recall,
    "questions": questions,
    "classify": classify,
    "mock": mock,
    "tradeoff": tradeoff,
    "deep-dive": deep_dive,
}
