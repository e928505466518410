"""Tests for notetypes.py: the note type schema is frozen per version, and the CSS suits night mode."""

from __future__ import annotations

import dataclasses
import re

import pytest

from reqdrill.anki.notetypes import (
    BASIC,
    CLOZE,
    CSS,
    NOTE_TYPES,
    SCHEMA_VERSION,
    Template,
    schema_digest,
    to_legacy_json,
)

# Anki treats a note type whose field or template names changed as a different note type, and logs
# every existing note as "conflicting". Change these only together with SCHEMA_VERSION, adding the
# new version here on purpose.
FROZEN = {
    1: {
        "basic": ("reqdrill Basic v1", 1886548568999, ("Front", "Back", "Context", "Figure"), ("Card 1",)),
        "cloze": ("reqdrill Cloze v1", 1426228678244, ("Text", "Context", "Figure"), ("Cloze",)),
    },
}


def test_field_and_template_names_are_frozen_for_this_schema_version() -> None:
    current = {
        key: (spec.name, spec.id, spec.fields, tuple(t.name for t in spec.templates))
        for key, spec in NOTE_TYPES.items()
    }
    assert current == FROZEN[SCHEMA_VERSION]


def test_every_note_type_has_a_context_field() -> None:
    assert all("Context" in spec.fields for spec in NOTE_TYPES.values())


def test_templates_show_context_on_the_answer_only() -> None:
    for spec in NOTE_TYPES.values():
        for t in spec.templates:
            assert "{{Context}}" not in t.qfmt and "{{Context}}" in t.afmt
            assert "{{#Figure}}" in t.afmt and "{{Figure}}" not in t.qfmt


def test_templates_carry_no_inline_style_or_colour() -> None:
    for spec in NOTE_TYPES.values():
        for t in spec.templates:
            html = t.qfmt + t.afmt
            assert "style" not in html and "color" not in html and "<font" not in html
            assert not re.search(r"#[0-9a-fA-F]{3,6}\b", html)


def test_every_colour_rule_has_a_night_mode_variant() -> None:
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", CSS)
    day = {sel.strip() for sel, body in rules if "color" in body and "nightMode" not in sel}
    night = " ".join(sel for sel, _ in rules if "nightMode" in sel)
    for selector in day - {".card"}:
        assert f".nightMode {selector}" in night, selector
    assert ".card.nightMode" in night


def test_css_adapts_to_a_phone_width_screen() -> None:
    assert "@media (max-width: 480px)" in CSS
    assert "max-width: 100%" in CSS  # the diagram shrinks to fit
    assert "overflow-wrap: anywhere" in CSS  # long words never force sideways scrolling


def test_legacy_json_marks_the_cloze_type_and_lists_fields_in_order() -> None:
    basic, cloze = to_legacy_json(BASIC, mod=5, deck_id=9), to_legacy_json(CLOZE, mod=5, deck_id=9)
    assert (basic["type"], cloze["type"]) == (0, 1)
    assert [f["name"] for f in basic["flds"]] == list(BASIC.fields)
    assert [(t["name"], t["ord"]) for t in cloze["tmpls"]] == [("Cloze", 0)]
    assert basic["css"] == CSS and basic["mod"] == 5


def test_legacy_json_keeps_reqdrills_identity_names_and_deck() -> None:
    for spec in NOTE_TYPES.values():
        data = to_legacy_json(spec, mod=7, deck_id=9)
        assert (int(data["id"]), data["name"], data["did"], data["sortf"]) == (spec.id, spec.name, 9, 0)
        assert [(t["name"], t["qfmt"], t["afmt"]) for t in data["tmpls"]] == [
            (t.name, t.qfmt, t.afmt) for t in spec.templates
        ]


def test_required_fields_say_a_card_needs_its_front_or_its_cloze_text() -> None:
    # genanki computes the basic type's; for a cloze type it would mark every field required.
    assert to_legacy_json(BASIC, mod=0, deck_id=1)["req"] == [[0, "all", [0]]]
    assert to_legacy_json(CLOZE, mod=0, deck_id=1)["req"] == [[0, "any", [0]]]


def test_the_digest_changes_with_the_css_and_templates_only(monkeypatch: pytest.MonkeyPatch) -> None:
    before = {key: schema_digest(spec) for key, spec in NOTE_TYPES.items()}
    assert {key: schema_digest(spec) for key, spec in NOTE_TYPES.items()} == before
    (card,) = BASIC.templates
    edited = dataclasses.replace(BASIC, templates=(Template(card.name, card.qfmt + "<br>", card.afmt),))
    assert schema_digest(edited) != before["basic"]
    monkeypatch.setattr("reqdrill.anki.notetypes.CSS", CSS + ".extra { margin: 0; }\n")
    assert all(schema_digest(spec) != before[key] for key, spec in NOTE_TYPES.items())
