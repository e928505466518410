"""Content → flashcards: one plain-text list of cards that feeds both the Anki deck and the printed cards.

Every card asks for one item (Wozniak's minimum-information principle): a list becomes a cloze
with one blank per item and the others shown, and the why, source and related question go to the
card's extra, under the answer. A card's `key` comes from content ids and the card kind, never
from text, so editing a question keeps the card's identity (and its Anki review history).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from hashlib import blake2b

from reqdrill.content.model import Content
from reqdrill.errors import SelectionError
from reqdrill.study.card import (
    BLANK,
    FRAMEWORK,
    FRAMEWORK_FIGURE,
    QUESTION_BANK,
    ROOT_DECK,
    SCENARIOS,
    SIGNALS,
    TRADEOFFS,
    Card,
    Face,
    Line,
    Segment,
    basic,
    cloze,
    deck_component,
    listing,
    questions_in,
    quote,
    tag,
)
from reqdrill.study.scenariocards import scenario_cards

__all__ = [
    "BLANK", "FRAMEWORK", "FRAMEWORK_FIGURE", "QUESTION_BANK", "ROOT_DECK", "SCENARIOS", "SIGNALS",
    "TRADEOFFS", "Card", "Face", "Line", "Segment", "build_cards", "deck_component", "quote", "tag",
]  # fmt: skip


def _framework(content: Content) -> Iterator[Card]:
    title, names = content.diagram.title, [c.name for c in content.categories]
    intro = f"The {len(names)} clarifying-requirements categories, in order:"
    about: list[Line] = [("", title)]
    yield cloze(
        ("categories-in-order",), FRAMEWORK, listing(intro, names, True), about, [], figure=FRAMEWORK_FIGURE
    )
    front = "What is the key instruction for the clarifying-requirements step?"
    yield basic(("key-instruction",), FRAMEWORK, ("", front), content.key_instruction, about, [])
    for c in content.categories:
        why: Line = ("Why it matters", c.why_it_matters)
        covers: Line = ("Covers", c.summary)
        # Category ↔ purpose is the one pair worth recalling in both directions.
        for kind, front, back, extra in (
            ("category-summary", f"What does the category {quote(c.name)} cover?", c.summary, why),
            ("category-why", f"Why does the category {quote(c.name)} matter?", c.why_it_matters, covers),
            (
                "why-category",
                f"Which category matters because it…\n{quote(c.why_it_matters)}",
                c.name,
                covers,
            ),
        ):
            yield basic((kind, c.id), FRAMEWORK, ("", front), back, [extra], [tag("category", c.id)])


def _question_bank(content: Content) -> Iterator[Card]:
    for c in content.categories:
        tags = [tag("category", c.id)]
        why: Line = ("Why it matters", c.why_it_matters)
        # Inline, as the framework table has them: "Revenue?" reads as an option of the question before.
        segments: list[Segment] = [(f"Example questions for {c.name}, from the framework table:", False)]
        for i, question in enumerate(questions_in(c.example_questions)):
            segments += [("\n" if i == 0 else " ", False), (question, True)]
        yield cloze(("example-questions", c.id), QUESTION_BANK, segments, [why], tags)
        segments = listing(f"Template questions for {c.name}:", [q.text for q in c.templates], False)
        yield cloze(("category-templates", c.id), QUESTION_BANK, segments, [why], tags)
        for kind, what, questions, extra in (
            ("template-category", "question", c.templates, []),
            ("probe-category", "E6 probe", c.e6_probes, [tag("level", "e6")]),
        ):
            for q in questions:
                front = f"Which category does this {what} belong to?\n{quote(q.text)}"
                # A question with no reason of its own shows why its category (the answer) matters.
                reason: Line = ("Why ask", q.why) if q.why else why
                yield basic((kind, q.id), QUESTION_BANK, ("", front), c.name, [reason], tags + extra)
        source: Line = ("Source", "an E6 probe written for reqdrill, beyond the chapter")
        for q in c.e6_probes:
            if q.why:
                # The answer is the question to ask; its reason is the cue.
                front = f"Which question do you ask because…\n{quote(q.why)}"
                cue = f"{c.name} · E6 probe"
                yield basic(
                    ("probe-ask", q.id),
                    QUESTION_BANK,
                    (cue, front),
                    q.text,
                    [source],
                    [*tags, tag("level", "e6")],
                )


def _tradeoffs(content: Content) -> Iterator[Card]:
    level_names = {lv.id: lv.name for lv in content.levels}
    for t in content.tradeoffs:
        tags = [tag("tradeoff", t.id), *(tag("category", cid) for cid in t.categories)]
        for side, option, favor, other, other_favor in (
            ("a", t.option_a, t.favor_a, t.option_b, t.favor_b),
            ("b", t.option_b, t.favor_b, t.option_a, t.favor_a),
        ):
            front = f"{t.name}: when do you favor {quote(option)}?"
            contrast: Line = (f"Favor {other}", other_favor)
            yield basic((f"tradeoff-favor-{side}", t.id), TRADEOFFS, ("", front), favor, [contrast], tags)
        segments: list[Segment] = [(f"{t.name}: what the interviewer hears", False)]
        for level_id, signal in (("e5", t.e5_signal), ("e6", t.e6_signal)):
            segments += [(f"\n{level_names.get(level_id, level_id.upper())}: ", False), (signal, True)]
        tags += [tag("level", "e5"), tag("level", "e6")]
        source: Line = ("Source", "the chapter's tradeoffs table, Interview Signal column")
        yield cloze(("tradeoff-signals", t.id), TRADEOFFS, segments, [source], tags)


def _signals(content: Content) -> Iterator[Card]:
    previous = None
    for level in content.levels:
        tags = [tag("level", level.id)]
        intro = f"What {level.name} candidates " + (f"add to {previous.name}:" if previous else "do:")
        segments = listing(intro, [e.text for e in level.expectations], False)
        summary: list[Line] = [(f"{level.name} in short", level.summary)]
        yield cloze(("level-expectations", level.id), SIGNALS, segments, summary, tags)
        for e in level.expectations:
            if e.example is not None:
                front = f"Which {level.name} signal does this line show?\n{quote(e.example)}"
                yield basic(("expectation-example", e.id), SIGNALS, ("", front), e.text, summary, tags)
        previous = level


# ---------------------------------------------------------------- no two cards alike


def _digest(front: str) -> bytes:
    # As Anki compares fronts: it stores text in Unicode normal form C.
    text = front if front.isascii() else unicodedata.normalize("NFC", front)
    return blake2b(text.encode(), digest_size=12).digest()


def _fronts(card: Card) -> list[bytes]:
    """Digests of the card's fronts: a set of them takes a third of the memory that the fronts
    would in a deck of a million cards."""
    if card.note_type == "basic":
        return [_digest(card.front)]
    return [_digest(face.front) for face in card.faces()]


def _renamed(card: Card, suffix: str) -> Card:
    """The card with a suffix after its question (a cloze: after its intro), to tell it apart."""
    segments, back, prompt = card.segments, card.back, card.prompt
    if card.note_type == "cloze":
        (intro, blank), *rest = card.segments
        segments = ((intro + suffix, blank), *rest)
        back = "".join(text for text, _ in segments)
    else:
        question, _, quoted = prompt.partition("\n")
        prompt = f"{question}{suffix}\n{quoted}" if quoted else prompt + suffix
    # Built directly: dataclasses.replace costs more than making the whole card did.
    return Card(
        card.key, card.kind, card.note_type, card.deck, card.cue, prompt, back, card.extra, card.tags,
        segments, card.figure,
    )  # fmt: skip


def distinct_fronts(cards: Iterable[Card]) -> Iterator[Card]:
    """The cards, numbering a card whose front repeats another's (only content that repeats itself
    does that, such as two categories of one name): an ambiguous cue has no single right answer.
    One card at a time: only the digests of the fronts so far are kept."""
    seen: set[bytes] = set()
    numbered: dict[bytes, int] = {}  # a repeated front → the last number given, so numbering is linear
    for card in cards:
        fronts = _fronts(card)
        if seen.isdisjoint(fronts):
            seen.update(fronts)
            yield card
            continue
        n = max(numbered.get(front, 1) for front in fronts)
        while True:
            n += 1
            candidate = _renamed(card, f" ({n})")
            renamed = _fronts(candidate)
            if seen.isdisjoint(renamed):
                break
        numbered.update(dict.fromkeys(fronts, n))
        seen.update(renamed)
        yield candidate


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
    return list(iter_cards(content, scenarios=scenarios, categories=categories))


def iter_cards(
    content: Content, *, scenarios: Sequence[str] = (), categories: Sequence[str] = ()
) -> Iterator[Card]:
    """`build_cards` one card at a time, for writers that need not hold the whole deck in memory.

    The selection is checked at once: an unknown id raises SelectionError before any card is made.
    """
    _check_known("scenario", scenarios, [s.id for s in content.scenarios])
    _check_known("category", categories, [c.id for c in content.categories])
    families = (_framework, _question_bank, _tradeoffs, _signals, scenario_cards)
    # Streamed: a card that gets numbered replaces the one made, which is not kept.
    cards = distinct_fronts(card for family in families for card in family(content))
    if scenarios or categories:
        chosen, picked = set(scenarios), set(categories)
        cards = (c for c in cards if _selected(c, chosen, picked))
    return cards
