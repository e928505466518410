"""Scenario cards: one requirement of one scenario per card, the E6 probes to ask, the tradeoff stances.

Cards follow the requirements template's order. A card's cue names the scenario and category; its
extra gives the question to ask for that field, why it matters, and where the answer comes from.
Scale figures (users, items, QPS, growth) and data volume are made up for each scenario and teach
nothing that transfers, so they get no card of their own: the users and QPS figures are the cue of
the follow-up an E6 candidate asks next (DAU, peak QPS).
"""

from __future__ import annotations

from collections.abc import Iterator

from reqdrill.content.labels import field_label, field_labels
from reqdrill.content.model import Category, Chosen, Content, Question, Scenario, section_of
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


def field_order(content: Content, scenario: Scenario) -> Iterator[tuple[Category, str]]:
    """Every requirements field in the template's order; fields the template lacks follow its own."""
    categories = {c.id: c for c in content.categories}
    sections = [s.category for s in content.requirements_template.sections]
    for cid in [*sections, *(c.id for c in content.categories if c.id not in sections)]:
        keys = [f.key for s in content.requirements_template.sections if s.category == cid for f in s.fields]
        model = section_of(scenario, cid).__struct_fields__
        for key in [k for k in keys if k in model] + [k for k in model if k not in keys]:
            yield categories[cid], key


class _Scenario:
    """What every card of one scenario shares."""

    def __init__(self, content: Content, scenario: Scenario) -> None:
        self.content, self.s = content, scenario
        self.deck = f"{SCENARIOS}::{deck_component(scenario.name)}"
        self.stag = tag("scenario", scenario.id)
        self.labels = field_labels(content)
        self.choices = {
            (sec.category, f.key): {c.id: c.label for c in f.choices}
            for sec in content.requirements_template.sections
            for f in sec.fields
        }
        self.source: Line = ("Source", f"{scenario.name} scenario (made-up figures)")

    def value(self, cid: str, key: str) -> str:
        return value_text(getattr(section_of(self.s, cid), key), self.choices.get((cid, key), {}))

    def why(self, category: Category, question: Question | None) -> list[Line]:
        ask = [("Ask", quote(question.text))] if question is not None else []
        why = question.why if question is not None and question.why else category.why_it_matters
        return [*ask, ("Why it matters", why)]

    def field_cards(self, category: Category, key: str) -> Iterator[Card]:
        cid, label = category.id, field_label(self.labels, category.id, key)
        cue, tags = f"{self.s.name} · {category.name}", [self.stag, tag("category", cid)]
        question = asked_by(category, key)
        value = getattr(section_of(self.s, cid), key)
        if key in FOLLOW_UPS:
            given, prompt = FOLLOW_UPS[key]
            given_label = field_label(self.labels, cid, given)
            front = f"{given_label}: {quote(self.value(cid, given))}\n{prompt}"
            answer = question.text if question is not None else f"What is the {label}?"
            extra = [("Interviewer", f"{label}: {self.value(cid, key)}"), *self.why(category, question)[1:]]
            yield basic(
                ("scenario-follow-up", self.s.id, key),
                self.deck,
                (cue, front),
                answer,
                [*extra, self.source],
                tags,
            )
        elif key in FIGURES:
            return
        elif isinstance(value, tuple):
            segments = listing(f"{label}:", value, False)
            yield cloze(
                ("scenario-list", self.s.id, key),
                self.deck,
                segments,
                [*self.why(category, question), self.source],
                tags,
                cue=cue,
            )
        else:
            yield basic(
                ("scenario-field", self.s.id, key),
                self.deck,
                (cue, f"{label}?"),
                self.value(cid, key),
                [*self.why(category, question), self.source],
                tags,
            )

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
            yield basic(
                ("scenario-tradeoff", self.s.id, t.id),
                self.deck,
                (f"{self.s.name} · {t.name}", front),
                stance.why,
                extra,
                tags,
            )


def scenario_cards(content: Content) -> Iterator[Card]:
    """Every scenario's cards: its requirements in template order, its E6 probes, its stances."""
    for scenario in content.scenarios:
        one = _Scenario(content, scenario)
        for category, key in field_order(content, scenario):
            yield from one.field_cards(category, key)
        yield from one.probes()
        yield from one.stances()
