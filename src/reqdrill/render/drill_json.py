"""DrillSheet → JSON bytes in the documented `reqdrill-drill-sheet` structure (see README)."""

from __future__ import annotations

import json
from typing import Any

from reqdrill.study.drillsheet import Answer, Blank, DrillSheet, Exercise, Item

FORMAT = "reqdrill-drill-sheet"
VERSION = 1


def _blank(blank: Blank) -> dict[str, Any]:
    return {"label": blank.label, "choices": list(blank.choices), "lines": blank.lines}


def _item(item: Item) -> dict[str, Any]:
    return {
        "ref": item.ref,
        "group": item.group,
        "prompt": item.prompt,
        "blanks": [_blank(b) for b in item.blanks],
    }


def _answer(answer: Answer) -> dict[str, Any]:
    notes = [{"label": n.label, "text": n.text} for n in answer.notes]
    return {"ref": answer.ref, "text": answer.text, "notes": notes}


def _exercise(exercise: Exercise, answers: bool) -> dict[str, Any]:
    s = exercise.scenario
    return {
        "number": exercise.number,
        "kind": exercise.kind,
        "title": exercise.title,
        "instructions": exercise.instructions,
        "time_limit_seconds": exercise.time_limit_seconds,
        "scenario": None if s is None else {"id": s.id, "name": s.name, "prompt": s.prompt},
        "items": [_item(i) for i in exercise.items],
        "answers": [_answer(a) for a in exercise.answers] if answers else None,
    }


def to_data(sheet: DrillSheet, *, answers: bool = True) -> dict[str, Any]:
    """The sheet as JSON-ready builtins; `answers` lists are null when the key is left out."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "seed": sheet.seed,
        "kinds": list(sheet.kinds),
        "scenario": sheet.scenario,
        "total_seconds": sheet.total_seconds,
        "exercises": [_exercise(e, answers) for e in sheet.exercises],
    }


def render(sheet: DrillSheet, *, answers: bool = True) -> bytes:
    """Indented UTF-8 JSON with keys in a fixed order, ending in a newline."""
    return (json.dumps(to_data(sheet, answers=answers), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
