"""Where content lives: the bundled content root and the files inside a content root."""

from __future__ import annotations

from pathlib import Path

DECKS_DIR = "decks"
SCENARIOS_DIR = "scenarios"
YAML_SUFFIXES = (".yaml", ".yml")


def bundled_root() -> Path:
    """The content shipped with reqdrill: inside the wheel, or the repository in a source checkout."""
    packaged = Path(__file__).parents[1] / "_content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3]


def yaml_files(directory: Path) -> list[Path]:
    """The YAML files directly inside a directory, in a stable order."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
