"""The plan of a build: what the user asked for, the inputs every artifact shares, and the artifacts.

It sits below the runner (`runner`, `produce`) and the list of artifacts (`artifacts`), which all
import it; it imports none of them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from reqdrill import __version__
from reqdrill.content.model import Content

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class BuildOptions:
    """What the user asked for."""

    seed: int
    paper: str = "letter"
    drills: int = 10


@dataclass
class BuildContext:
    """Inputs shared by every artifact; expensive intermediates are computed once."""

    content: Content
    root: Path
    options: BuildOptions
    cache: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def cards(self) -> Any:
        """The card list the printable flashcards are made from (the deck streams its own)."""
        from reqdrill.study.cards import build_cards

        return build_cards(self.content)


Producer = Callable[[BuildContext, Path], str]
"""Writes one artifact to the given path and returns its size in words: `42 notes`, `3 pages`."""


@dataclass(frozen=True)
class Artifact:
    """One output file of the build."""

    path: str
    title: str
    produce: Producer
    cost: int = 1
    """A rough weight, so parallel builds start the slowest artifacts first."""
    warm: Callable[[BuildContext], None] | None = None
    """Loads what the producer needs and other producers share (libraries, fonts); a parallel
    build runs each once before forking its workers, which then need not each load it."""


@dataclass(frozen=True)
class Built:
    """What one artifact turned out to be."""

    artifact: Artifact
    amount: str
    size: int
    sha256: str


@dataclass(frozen=True)
class BuildReport:
    """The outcome of a build, for the summary table."""

    out_dir: Path
    built: tuple[Built, ...]
    manifest: Path
    removed: tuple[str, ...]
    """Files the previous manifest listed, this build does not make, and that were deleted."""
    ignored: tuple[str, ...] = ()
    """Entries of the previous manifest outside the output directory: never touched."""
    cleaned: tuple[str, ...] = ()
    """Staging directories that earlier, killed builds left behind, now removed."""


def file_digest(path: Path) -> tuple[int, str]:
    """Size and sha256 of a file."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return path.stat().st_size, h.hexdigest()


def manifest_bytes(ctx: BuildContext, built: list[Built]) -> bytes:
    """The manifest: every file with size and sha256, plus what produced them."""
    data = {
        "reqdrill": __version__,
        "seed": ctx.options.seed,
        "paper": ctx.options.paper,
        "drills": ctx.options.drills,
        "content_root": str(ctx.root),
        "files": [{"path": b.artifact.path, "size": b.size, "sha256": b.sha256} for b in built],
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()
