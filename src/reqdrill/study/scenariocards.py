"""Scenario cards: one requirement of one scenario per card, the E6 probes to ask, the tradeoff stances.

Cards follow the requirements template's order. A card's cue names the scenario and category; its
extra gives the question to ask for that field, why it matters, and where the answer comes from.
Scale figures (users, items, QPS, growth) and data volume are made up for each scenario and teach
nothing that transfers, so they get no card of their own: the users and QPS figures are the cue of
the follow-up an E6 candidate asks next (DAU, peak QPS).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reqdrill.content.labels import field_label, field_labels
from reqdrill.content.model import Category, Chosen, Content, Question, Scenario, section_of, section_type
from reqdrill.study.card import (
    SCENARIOS,
    Card,
    Line,
    basic,
    cloze,
    deck_component,
    listing,
    quote,
    tag,
)

FIGURES = frozenset({"users", "items", "qps", "growth", "size"})
"""Fields whose answer is only a made-up figure: no card asks for them."""
FOLLOW_UPS = {
    "dau": ("users", "What do you ask next, to turn that into load?"),
    "peak_qps": ("qps", "What do you ask next, to size capacity?"),
}
"""Field → (the figure the interviewer has just given, the prompt): E6 "probes deeper" cards."""
PROBE_KINDS = {
    "failure_modes": "Failure modes",
    "adversarial": "Adversarial users",
    "iteration": "Iteration cadence",
    "scale": "Scale",
    "ambiguity": "Ambiguity",
    "constraints": "Hidden constraints",
}


def value_text(value: object, choices: dict[str, str]) -> str:
    """A scenario value as one answer: a check-box answer says its box once, then the detail."""
    if isinstance(value, Chosen):
        choice = choices.get(value.choice, value.choice)
        detail = value.detail
        return detail if detail.lower().startswith(choice.lower()) else f"{choice} – {detail}"
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


def asked_by(category: Category, key: str) -> Question | None:
    """The first template question, or else E6 probe, of the category that asks for this field."""
    for question in (*category.templates, *category.e6_probes):
        if question.field == key:
            return question
    return None


@dataclass(frozen=True, slots=True)
class Field:
    """One requirements field as every scenario's card shows it, worked out once per content."""

    category: Category
    key: str
    label: str
    question: Question | None
    extra: tuple[Line, ...]
    """The question to ask and why it matters."""
    choices: dict[str, str]
    prompt: str
    """The fact card's question: the field's label."""


def field_order(content: Content) -> list[Field]:
    """Every requirements field in the template's order; fields the template lacks follow its own."""
    categories = {c.id: c for c in content.categories}
    labels = field_labels(content)
    template = {
        (sec.category, f.key): {c.id: c.label for c in f.choices}
        for sec in content.requirements_template.sections
        for f in sec.fields
    }
    sections = [s.category for s in content.requirements_template.sections]
    out = []
    for cid in [*sections, *(c.id for c in content.categories if c.id not in sections)]:
        keys = [key for c, key in template if c == cid]
        model = section_type(cid).__struct_fields__
        category = categories[cid]
        for key in [k for k in keys if k in model] + [k for k in model if k not in keys]:
            question = asked_by(category, key)
            ask: list[Line] = [("Ask", quote(question.text))] if question is not None else []
            why = question.why if question is not None and question.why else category.why_it_matters
            extra = (*ask, ("Why it matters", why))
            label = field_label(labels, cid, key)
            choices = template.get((cid, key), {})
            out.append(Field(category, key, label, question, extra, choices, f"{label}?"))
    return out


class _Scenario:
    """What every card of one scenario shares."""

    def __init__(self, content: Content, scenario: Scenario, fields: dict[tuple[str, str], Field]) -> None:
        self.content, self.s, self.fields = content, scenario, fields
        self.deck = f"{SCENARIOS}::{deck_component(scenario.name)}"
        self.stag = tag("scenario", scenario.id)
        self.source: Line = ("Source", f"{scenario.name} scenario (made-up figures)")
        # Shared by the cards of one category: a large deck holds hundreds of thousands of cards.
        self.cues = {c.id: f"{scenario.name} · {c.name}" for c in content.categories}
        self.tags = {c.id: (self.stag, tag("category", c.id)) for c in content.categories}

    def value(self, cid: str, key: str) -> str:
        return value_text(getattr(section_of(self.s, cid), key), self.fields[cid, key].choices)

    def field_cards(self, field: Field) -> Iterator[Card]:
        category, key, label = field.category, field.key, field.label
        cid = category.id
        cue, tags = self.cues[cid], self.tags[cid]
        if key in FOLLOW_UPS:
            given, prompt = FOLLOW_UPS[key]
            heard = f"{self.fields[cid, given].label}: {quote(self.value(cid, given))}\n{prompt}"
            question = field.question
            answer = question.text if question is not None else f"What is the {label}?"
            extra = [("Interviewer", f"{label}: {self.value(cid, key)}"), field.extra[-1], self.source]
            yield basic(("scenario-follow-up", self.s.id, key), self.deck, (cue, heard), answer, extra, tags)
            return
        if key in FIGURES:
            return
        value = getattr(section_of(self.s, cid), key)
        extra = [*field.extra, self.source]
        if isinstance(value, tuple):
            segments = listing(f"{label}:", value, False)
            yield cloze(("scenario-list", self.s.id, key), self.deck, segments, extra, tags, cue=cue)
        else:
            front = (cue, field.prompt)
            answer = self.value(cid, key)
            yield basic(("scenario-field", self.s.id, key), self.deck, front, answer, extra, tags)

    def probes(self) -> Iterator[Card]:
        names = {c.id: c.name for c in self.content.categories}
        for p in self.s.e6_probes:
            cue = f"{self.s.name} · {names.get(p.category, p.category)} · E6 probe"
            front = f"{PROBE_KINDS.get(p.kind, p.kind)}: what do you ask?"
            extra = [("Interviewer", p.answer), self.source]
            tags = [self.stag, tag("category", p.category), tag("level", "e6")]
            yield basic(("scenario-probe", self.s.id, p.id), self.deck, (cue, front), p.question, extra, tags)

    def stances(self) -> Iterator[Card]:
        for stance in self.s.tradeoffs:
            t = self.content.tradeoff(stance.tradeoff)
            favored, other, when = (
                (t.option_a, t.option_b, t.favor_a)
                if stance.favors == "a"
                else (t.option_b, t.option_a, t.favor_b)
            )
            front = f"Why favor {favored} over {other} here?"
            extra = [(f"In general, favor {favored}", when), self.source]
            tags = [self.stag, tag("tradeoff", t.id), *(tag("category", cid) for cid in t.categories)]
            cue = f"{self.s.name} · {t.name}"
            yield basic(
                ("scenario-tradeoff", self.s.id, t.id), self.deck, (cue, front), stance.why, extra, tags
            )


def scenario_cards(content: Content) -> Iterator[Card]:
    """Every scenario's cards: its requirements in template order, its E6 probes, its stances."""
    order = field_order(content)
    fields = {(f.category.id, f.key): f for f in order}
    for scenario in content.scenarios:
        one = _Scenario(content, scenario, fields)
        for field in order:
            yield from one.field_cards(field)
        yield from one.probes()
        yield from one.stances()
