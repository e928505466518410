"""The drill-sheet object: plain frozen structs that every drill renderer reads.

A sheet holds exercises; each exercise holds items and, position for position, their answers,
so the answer key always matches the sheet item for item.
"""

from __future__ import annotations

import msgspec


class Blank(msgspec.Struct, frozen=True):
    """Something to fill in: write-in lines, or check boxes when it has choices."""

    label: str = ""
    choices: tuple[str, ...] = ()
    lines: int = 1


class Item(msgspec.Struct, frozen=True):
    """One thing to do on the sheet. `ref` names what was drawn for it (an id, or a position)."""

    ref: str
    prompt: str
    blanks: tuple[Blank, ...]
    group: str = ""

    @property
    def compact(self) -> bool:
        """Set as one row rather than a block: a single one-line blank, or a field of a group (a form)."""
        return len(self.blanks) == 1 and (self.blanks[0].lines == 1 or bool(self.group))


class Note(msgspec.Struct, frozen=True):
    """A labeled line of an answer, such as `Why: …` or `E6 signal: …`."""

    label: str
    text: str


class Answer(msgspec.Struct, frozen=True):
    """The answer to the item at the same position; `ref` names the content that answers it."""

    ref: str
    text: str
    notes: tuple[Note, ...] = ()


class ScenarioRef(msgspec.Struct, frozen=True):
    """The scenario an exercise is about: the sheet shows only its prompt, the key its name."""

    id: str
    name: str
    prompt: str


class Exercise(msgspec.Struct, frozen=True):
    """One numbered exercise: items to do and, position for position, their answers."""

    number: int
    kind: str
    title: str
    instructions: str
    time_limit_seconds: int
    scenario: ScenarioRef | None
    items: tuple[Item, ...]
    answers: tuple[Answer, ...]


class DrillSheet(msgspec.Struct, frozen=True):
    """A whole drill sheet: what was asked for, the seed that regenerates it, and its exercises."""

    seed: int
    kinds: tuple[str, ...]
    scenario: str | None
    exercises: tuple[Exercise, ...]

    @property
    def total_seconds(self) -> int:
        """The sum of the exercises' time targets."""
        return sum(e.time_limit_seconds for e in self.exercises)
