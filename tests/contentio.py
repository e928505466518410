"""Write content models back to YAML files: the other half of the loader's round trip, for tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import yaml

from reqdrill.content.model import DECK_SECTIONS, Content


def to_yaml(data: Any) -> str:
    """Dump builtins as block YAML that the loader reads back unchanged."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=2**16)


def dump_content(content: Content, root: Path) -> Path:
    """Write a content root: one deck file with every section, one file per scenario."""
    (root / "decks").mkdir(parents=True, exist_ok=True)
    (root / "scenarios").mkdir(parents=True, exist_ok=True)
    deck = {
        name: msgspec.to_builtins(getattr(content, name))
        for name in DECK_SECTIONS
        if getattr(content, name) is not None
    }
    (root / "decks" / "content.yaml").write_text(to_yaml(deck), encoding="utf-8")
    for scenario in content.scenarios:
        (root / "scenarios" / f"{scenario.id}.yaml").write_text(
            to_yaml(msgspec.to_builtins(scenario)), encoding="utf-8"
        )
    return root
