"""Content → flashcards: one plain-text list of cards that feeds both the Anki deck and the printed cards.

A card asks for one fact. Its `key` comes from content ids and the card kind, never from text, so
editing a question keeps the card's identity (and its Anki review history).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from reqdrill.content.labels import humanize
from reqdrill.content.model import Chosen, Content, Scenario, section_of
from reqdrill.errors import SelectionError

NoteType = Literal["basic", "cloze"]
Segment = tuple[str, bool]
"""A piece of cloze text and whether it is a blank."""

ROOT_DECK = "ML System Design::Clarifying Requirements"
FRAMEWORK = f"{ROOT_DECK}::Framework"
QUESTION_BANK = f"{ROOT_DECK}::Question Bank"
TRADEOFFS = f"{ROOT_DECK}::Tradeoffs"
SIGNALS = f"{ROOT_DECK}::Interview Signals"
SCENARIOS = f"{ROOT_DECK}::Scenarios"
BLANK = "[…]"
FRAMEWORK_FIGURE = "framework"
"""The `figure` of cards that show the framework diagram on their answer side."""

Key = tuple[str, ...]
Tags = Sequence[str]
# Anki drops control characters from deck names and trims blanks and colons around each level.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SEPARATOR = re.compile(r"::+")
_EDGES = re.compile(r"^[\s:]+|[\s:]+$")


@dataclass(frozen=True, slots=True)
class Card:
    """One note: what it asks, what it answers, where it is filed. All text is plain and unescaped.

    For a cloze note, `front` shows every blank as `[…]`, `back` the full text, and `segments`
    keeps the structure; each blank is its own card (c1, c2, … in order).
    """

    key: str
    kind: str
    note_type: NoteType
    deck: str
    front: str
    back: str
    context: str
    tags: tuple[str, ...]
    segments: tuple[Segment, ...] = ()
    figure: str | None = None

    @property
    def card_count(self) -> int:
        """How many cards Anki makes from this note: one, or one per cloze blank."""
        return sum(blank for _, blank in self.segments) if self.note_type == "cloze" else 1


def quote(text: str) -> str:
    """Text in typographic double quotes."""
    return f"“{text}”"


def deck_component(name: str) -> str:
    """A name usable as one level of an Anki deck name, normalized the way Anki normalizes it."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", name))
    return _EDGES.sub("", _SEPARATOR.sub(":", text)) or "blank"


def tag(kind: str, value: str) -> str:
    """A hierarchical tag such as `reqdrill::category::data`."""
    # Interned: the same few tags repeat on thousands of cards.
    return sys.intern(f"reqdrill::{kind}::{value}")


def _basic(
    key: Key, deck: str, front: str, back: str, context: str, tags: Tags, figure: str | None = None
) -> Card:
    kind = key[0]
    return Card(
        ":".join(key), kind, "basic", deck, front, back, context, (tag("kind", kind), *tags), (), figure
    )


def _cloze(
    key: Key, deck: str, segments: Sequence[Segment], context: str, tags: Tags, figure: str | None = None
) -> Card:
    kind, segments = key[0], tuple(segments)
    front = "".join(BLANK if blank else text for text, blank in segments)
    back = "".join(text for text, _ in segments)
    return Card(
        ":".join(key), kind, "cloze", deck, front, back, context, (tag("kind", kind), *tags), segments, figure
    )


def _listing(intro: str, items: Sequence[str], numbered: bool) -> list[Segment]:
    """Cloze segments: an intro line, then one blank per item on its own line."""
    segments: list[Segment] = [(intro, False)]
    for i, item in enumerate(items, 1):
        segments += [(f"\n{i}. " if numbered else "\n• ", False), (item, True)]
    return segments


# ---------------------------------------------------------------- card families


def _framework(content: Content) -> Iterator[Card]:
    title, names = content.diagram.title, [c.name for c in content.categories]
    intro = f"The {len(names)} clarifying-requirements categories, in order:"
    yield _cloze(
        ("categories-in-order",), FRAMEWORK, _listing(intro, names, True), title, [], FRAMEWORK_FIGURE
    )
    front = f"List all {len(names)} clarifying-requirements categories, in order."
    back = "\n".join(f"{i}. {name}" for i, name in enumerate(names, 1))
    yield _basic(("list-categories",), FRAMEWORK, front, back, title, [], FRAMEWORK_FIGURE)
    front = "What is the key instruction for the clarifying-requirements step?"
    yield _basic(("key-instruction",), FRAMEWORK, front, content.key_instruction, title, [])
    for c in content.categories:
        for kind, front, back in (
            ("category-summary", f"What does the category {quote(c.name)} cover?", c.summary),
            ("category-why", f"Why does the category {quote(c.name)} matter?", c.why_it_matters),
            ("why-category", f"Which category matters because it…\n{quote(c.why_it_matters)}", c.name),
        ):
            yield _basic((kind, c.id), FRAMEWORK, front, back, c.name, [tag("category", c.id)])


def _with_why(answer: str, why: str | None) -> str:
    return answer if why is None else f"{answer}\n\nWhy ask: {why}"


def _question_bank(content: Content) -> Iterator[Card]:
    for c in content.categories:
        tags = [tag("category", c.id)]
        front = f"Which example questions does the framework give for {quote(c.name)}?"
        yield _basic(("category-examples", c.id), QUESTION_BANK, front, c.example_questions, c.name, tags)
        segments = _listing(f"Template questions for {c.name}:", [q.text for q in c.templates], False)
        yield _cloze(("category-templates", c.id), QUESTION_BANK, segments, c.name, tags)
        for kind, what, questions, extra in (
            ("template-category", "question", c.templates, []),
            ("probe-category", "E6 probe", c.e6_probes, [tag("level", "e6")]),
        ):
            for q in questions:
                front = f"Which category does this {what} belong to?\n{quote(q.text)}"
                yield _basic(
                    (kind, q.id), QUESTION_BANK, front, _with_why(c.name, q.why), c.name, tags + extra
                )


def _tradeoffs(content: Content) -> Iterator[Card]:
    level_names = {lv.id: lv.name for lv in content.levels}
    for t in content.tradeoffs:
        tags = [tag("tradeoff", t.id), *(tag("category", cid) for cid in t.categories)]
        for side, option, favor in (("a", t.option_a, t.favor_a), ("b", t.option_b, t.favor_b)):
            front = f"{t.name}: when do you favor {quote(option)}?"
            yield _basic((f"tradeoff-favor-{side}", t.id), TRADEOFFS, front, favor, t.name, tags)
        segments: list[Segment] = [(f"{t.name}: what the interviewer hears", False)]
        for level_id, signal in (("e5", t.e5_signal), ("e6", t.e6_signal)):
            segments += [(f"\n{level_names.get(level_id, level_id.upper())}: ", False), (signal, True)]
        tags += [tag("level", "e5"), tag("level", "e6")]
        yield _cloze(("tradeoff-signals", t.id), TRADEOFFS, segments, t.name, tags)


def _signals(content: Content) -> Iterator[Card]:
    previous = None
    for level in content.levels:
        tags = [tag("level", level.id)]
        intro = f"What {level.name} candidates " + (f"add to {previous.name}:" if previous else "do:")
        segments = _listing(intro, [e.text for e in level.expectations], False)
        yield _cloze(("level-expectations", level.id), SIGNALS, segments, level.name, tags)
        for e in level.expectations:
            if e.example is not None:
                front = f"Which {level.name} signal does this line show?\n{quote(e.example)}"
                yield _basic(("expectation-example", e.id), SIGNALS, front, e.text, level.name, tags)
        previous = level


Labels = dict[str, dict[str, tuple[str, dict[str, str]]]]
"""Per category, per field key: the field's label on the requirements template, and its choices."""


def _labels(content: Content) -> Labels:
    return {
        s.category: {f.key: (f.label, {c.id: c.label for c in f.choices}) for f in s.fields}
        for s in content.requirements_template.sections
    }


def _answer_lines(labels: Labels, scenario: Scenario, category_id: str) -> str:
    """The interviewer's answers for one category, labeled as on the requirements template."""
    fields = labels.get(category_id, {})
    section = section_of(scenario, category_id)
    lines = []
    for key in section.__struct_fields__:
        label, choices = fields.get(key) or (humanize(key), {})
        value = getattr(section, key)
        if isinstance(value, Chosen):
            choice = choices.get(value.choice, value.choice)
            detail = value.detail
            text = detail if detail.lower().startswith(choice.lower()) else f"{choice} – {detail}"
        elif isinstance(value, tuple):
            text = ", ".join(value)
        else:
            text = value
        lines.append(f"{label}: {text}")
    return "\n".join(lines)


def _scenarios(content: Content) -> Iterator[Card]:
    names, labels = {c.id: c.name for c in content.categories}, _labels(content)
    ask = "what would you ask, and what would the interviewer answer?"
    for s in content.scenarios:
        deck, stag = f"{SCENARIOS}::{deck_component(s.name)}", tag("scenario", s.id)
        for c in content.categories:
            front = (
                f"{s.prompt}\nWhat do you ask about {quote(c.name)}, and what would the interviewer answer?"
            )
            tags = [stag, tag("category", c.id)]
            yield _basic(
                ("scenario-category", s.id, c.id), deck, front, _answer_lines(labels, s, c.id), s.name, tags
            )
        for p in s.e6_probes:
            topic = f"{quote(names.get(p.category, p.category))} ({p.kind.replace('_', ' ')})"
            front = f"{s.prompt}\nE6 probe on {topic}: {ask}"
            back = f"Ask: {p.question}\nAnswer: {p.answer}"
            tags = [stag, tag("category", p.category), tag("level", "e6")]
            yield _basic(("scenario-probe", s.id, p.id), deck, front, back, s.name, tags)
        for stance in s.tradeoffs:
            t = content.tradeoff(stance.tradeoff)
            front = f"{s.prompt}\n{t.name}: which side do you favor, and why?"
            back = f"{t.option_a if stance.favors == 'a' else t.option_b}: {stance.why}"
            tags = [stag, tag("tradeoff", t.id), *(tag("category", cid) for cid in t.categories)]
            yield _basic(("scenario-tradeoff", s.id, t.id), deck, front, back, s.name, tags)


# ---------------------------------------------------------------- selection


def _check_known(what: str, requested: Sequence[str], known: Sequence[str]) -> None:
    for item in requested:
        if item not in known:
            raise SelectionError(f"unknown {what} {item!r}; known: {', '.join(known)}")


def _selected(card: Card, scenarios: set[str], categories: set[str]) -> bool:
    """Kept unless the card is tied to a scenario, or categories, that the selection leaves out."""
    card_scenarios = {t.rsplit("::", 1)[1] for t in card.tags if t.startswith("reqdrill::scenario::")}
    card_categories = {t.rsplit("::", 1)[1] for t in card.tags if t.startswith("reqdrill::category::")}
    if scenarios and card_scenarios and not card_scenarios & scenarios:
        return False
    return not (categories and card_categories and not card_categories & categories)


def build_cards(
    content: Content, *, scenarios: Sequence[str] = (), categories: Sequence[str] = ()
) -> list[Card]:
    """Every card for the content, in study order; optionally only some scenarios and categories.

    An empty selection means everything. Cards tied to no scenario (or no category) are always kept.
    Raises SelectionError for an unknown id.
    """
    _check_known("scenario", scenarios, [s.id for s in content.scenarios])
    _check_known("category", categories, [c.id for c in content.categories])
    cards = [
        *_framework(content),
        *_question_bank(content),
        *_tradeoffs(content),
        *_signals(content),
        *_scenarios(content),
    ]
    if scenarios or categories:
        cards = [c for c in cards if _selected(c, set(scenarios), set(categories))]
    return cards
