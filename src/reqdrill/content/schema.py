"""JSON Schemas for content files, so editors can validate and autocomplete while authors write."""

from __future__ import annotations

from typing import Any

import msgspec

from reqdrill.content.model import DeckFile, Scenario

SCHEMA_KINDS = {"scenario": Scenario, "deck": DeckFile}
_TITLES = {
    "scenario": "reqdrill scenario file (scenarios/<id>.yaml)",
    "deck": "reqdrill deck file (decks/*.yaml)",
}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for one kind of content file."""
    schema = msgspec.json.schema(SCHEMA_KINDS[kind])
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": _TITLES[kind], **schema}


def json_schema_text(kind: str) -> str:
    """The schema as indented JSON text."""
    return msgspec.json.format(msgspec.json.encode(json_schema(kind)), indent=2).decode()
