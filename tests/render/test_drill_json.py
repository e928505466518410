"""JSON drill sheets: the documented structure, item-for-item answers, answers left out on request."""

from __future__ import annotations

import json

from hypothesis import assume, given, settings

from reqdrill.content.model import Content
from reqdrill.render.drill_json import render, to_data
from reqdrill.study.drills import generate
from strategies import contents, drill_kinds, drill_seeds, scenarios_needed

TOP = ["format", "version", "seed", "kinds", "scenario", "total_seconds", "exercises"]
EXERCISE = ["number", "kind", "title", "instructions", "time_limit_seconds", "scenario", "items", "answers"]


@settings(max_examples=15)
@given(contents(), drill_kinds(), drill_seeds)
def test_structure_is_as_documented(content: Content, kinds: tuple[str, ...], seed: int) -> None:
    assume(scenarios_needed(kinds) <= len(content.scenarios))
    sheet = generate(content, seed, kinds)
    data = json.loads(render(sheet))
    assert data == to_data(sheet)
    assert list(data) == TOP
    assert (data["format"], data["version"], data["seed"]) == ("reqdrill-drill-sheet", 1, seed)
    assert data["total_seconds"] == sum(e["time_limit_seconds"] for e in data["exercises"])
    for e in data["exercises"]:
        assert list(e) == EXERCISE
        assert len(e["items"]) == len(e["answers"])
        for item in e["items"]:
            assert list(item) == ["ref", "group", "prompt", "blanks"]
            assert all(list(b) == ["label", "choices", "lines"] for b in item["blanks"])
        for answer in e["answers"]:
            assert list(answer) == ["ref", "text", "notes"]
            assert all(list(n) == ["label", "text"] for n in answer["notes"])
        assert e["scenario"] is None or list(e["scenario"]) == ["id", "name", "prompt"]


def test_without_answers_the_answer_lists_are_null(content: Content) -> None:
    data = json.loads(render(generate(content, 9), answers=False))
    assert [e["answers"] for e in data["exercises"]] == [None] * len(data["exercises"])
    assert all(e["items"] for e in data["exercises"])


def test_output_is_utf8_indented_and_ends_with_a_newline(content: Content) -> None:
    data = render(generate(content, 12, ("mock",)))
    assert data.startswith(b'{\n  "format": "reqdrill-drill-sheet",\n')
    assert data.endswith(b"}\n")
