"""One flashcard as plain data, and the small builders every card family uses.

A card asks for one item. Its `key` comes from content ids and the card kind, never from text, so
editing a question keeps the card's identity (and its Anki review history).
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

NoteType = Literal["basic", "cloze"]
Segment = tuple[str, bool]
"""A piece of cloze text and whether it is a blank."""
Line = tuple[str, str]
"""One line of a card's extra: a label (or "" for none) and its text."""

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
# A question: text that ends in "?" before a blank, a closing quote or the end of the text.
QUESTION = re.compile(r"[^?\s][^?]*?\?+(?=\s|[”\"’)]|$)")


@dataclass(frozen=True, slots=True)
class Face:
    """One card as the learner meets it: a cue line, the question under it, and the answer to recall."""

    cue: str
    question: str
    answer: str

    @property
    def front(self) -> str:
        """The whole front as text: the cue line, then the question."""
        return f"{self.cue}\n{self.question}" if self.cue else self.question


@dataclass(frozen=True, slots=True)
class Card:
    """One note: what it asks, what it answers, where it is filed. All text is plain and unescaped.

    `cue` is a short line above the question (scenario and category), `extra` the lines shown
    smaller under the answer (why, source, the related question), which are not part of it. For a
    cloze note, `segments` hold the text and each blank is its own card (c1, c2, … in order); the
    other blanks stay visible on it, so a list is learned one item at a time in its context.
    """

    key: str
    kind: str
    note_type: NoteType
    deck: str
    cue: str
    prompt: str
    back: str
    extra: tuple[Line, ...]
    tags: tuple[str, ...]
    segments: tuple[Segment, ...] = ()
    figure: str | None = None

    @property
    def card_count(self) -> int:
        """How many cards Anki makes from this note: one, or one per cloze blank."""
        return sum(blank for _, blank in self.segments) if self.note_type == "cloze" else 1

    @property
    def front(self) -> str:
        """The note's front as text: the cue, then the question (a cloze's text with every blank)."""
        body = (
            "".join(BLANK if b else t for t, b in self.segments) if self.note_type == "cloze" else self.prompt
        )
        return f"{self.cue}\n{body}" if self.cue else body

    @property
    def context(self) -> str:
        """The extra as text, one `Label: text` line each."""
        return "\n".join(f"{label}: {text}" if label else text for label, text in self.extra)

    def faces(self) -> list[Face]:
        """Each card of the note as the learner meets it; a cloze card hides only its own blank."""
        if self.note_type != "cloze":
            return [Face(self.cue, self.prompt, self.back)]
        blanks = [i for i, (_, blank) in enumerate(self.segments) if blank]
        return [
            Face(
                self.cue,
                "".join(BLANK if i == hidden else text for i, (text, _) in enumerate(self.segments)),
                self.segments[hidden][0],
            )
            for hidden in blanks
        ]


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


def one_question(text: str) -> tuple[str, str]:
    """Text to recall and a rest to show: a text of three or more questions asks only its first,
    and the others ("Missing values? Noise?") become a hint. Any other text is recalled whole."""
    if text.count("?") < 3:  # nearly every text; the pattern is slow on text without a "?"
        return text, ""
    found = list(QUESTION.finditer(text))
    if len(found) < 3:
        return text, ""
    end = found[0].end()
    return text[:end].strip(), text[end:].strip()


@functools.lru_cache(maxsize=4096)
def _tags(kind: str, tags: tuple[str, ...]) -> tuple[str, ...]:
    # One tuple per tag set: a large deck's cards share a few dozen sets per scenario.
    return (tag("kind", kind), *tags)


def basic(
    key: Key,
    deck: str,
    front: tuple[str, str],
    back: str,
    extra: Sequence[Line],
    tags: Tags,
    figure: str | None = None,
) -> Card:
    """A front/back note; `front` is (cue, question). Sub-questions beyond the first move to the extra."""
    kind = key[0]
    answer, rest = one_question(back)
    lines = (*extra, ("Also", rest)) if rest else tuple(extra)
    return Card(
        ":".join(key), kind, "basic", deck, *front, answer, lines, _tags(kind, tuple(tags)), (), figure
    )


def cloze(
    key: Key,
    deck: str,
    segments: Sequence[Segment],
    extra: Sequence[Line],
    tags: Tags,
    *,
    cue: str = "",
    figure: str | None = None,
) -> Card:
    """A cloze note: each blank of `segments` becomes one card."""
    kind, segments = key[0], tuple(segments)
    back = "".join(text for text, _ in segments)
    return Card(
        ":".join(key),
        kind,
        "cloze",
        deck,
        cue,
        "",
        back,
        tuple(extra),
        _tags(kind, tuple(tags)),
        segments,
        figure,
    )


def listing(intro: str, items: Sequence[str], numbered: bool) -> list[Segment]:
    """Cloze segments: an intro line, then one blank per item on its own line.

    An item of three or more questions blanks only its first; the rest stays visible as a hint.
    """
    segments: list[Segment] = [(intro, False)]
    for i, item in enumerate(items, 1):
        answer, rest = one_question(item)
        segments += [(f"\n{i}. " if numbered else "\n• ", False), (answer, True)]
        if rest:
            segments.append((f" {rest}", False))
    return segments


def questions_in(text: str) -> list[str]:
    """A text of several questions ("Cloud or on-device? GPU available?") as one question each."""
    items, start = [], 0
    for match in QUESTION.finditer(text):
        items.append(text[start : match.end()].strip())
        start = match.end()
    items.append(text[start:].strip())
    return [item for item in items if item] or [text]
