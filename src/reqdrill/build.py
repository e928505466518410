"""`reqdrill build`: every artifact staged beside the output, then committed all at once.

Artifacts are produced into a staging directory inside the output directory. Only when every
one has been produced are they renamed into place (with Ctrl-C deferred for those few
renames), so a failure or interrupt at any point leaves the previous outputs as they were.
A lock on the output directory keeps two builds from interleaving their renames.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from reqdrill import __version__
from reqdrill.errors import OutputError
from reqdrill.fsutil import describe_os_error
from reqdrill.model import Content

MANIFEST = "manifest.json"
STAGING_PREFIX = ".reqdrill-staging-"


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
        """The card list shared by the Anki deck and the printable flashcards."""
        from reqdrill.cards import build_cards

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


@contextlib.contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output directory itself (no lock file is left behind)."""
    fd = os.open(out_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Hold Ctrl-C until the block ends, so a run of renames is never cut in half."""
    caught: list[Any] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda *args: caught.append(args))
    except ValueError:  # not the main thread: signals cannot arrive here anyway
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            raise KeyboardInterrupt


def check_out_dir(out_dir: Path) -> None:
    """The output directory must exist, be a directory and be writable."""
    if not out_dir.exists():
        raise OutputError(f"output directory {out_dir} does not exist; create it first")
    if not out_dir.is_dir():
        raise OutputError(f"output path {out_dir} is not a directory")
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write to output directory {out_dir}: permission denied")


DEFAULT_OUT = Path("output")


def prepare_out_dir(out: Path | None) -> Path:
    """The output directory: --out must exist; the default ./output is created when missing."""
    if out is not None:
        return out
    try:
        DEFAULT_OUT.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(describe_os_error(exc, DEFAULT_OUT)) from None
    return DEFAULT_OUT


def human_size(size: int) -> str:
    """`812 B`, `47.3 KB`, `5.1 MB`."""
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{size / 1000:.1f} KB"
    return f"{size / 1_000_000:.1f} MB"


def summary_table(report: BuildReport) -> list[str]:
    """The closing summary: one row per artifact (what it holds, its size), then the manifest."""
    rows = [(b.artifact.path, b.amount, human_size(b.size)) for b in report.built]
    manifest_size = report.manifest.stat().st_size if report.manifest.exists() else 0
    rows.append((report.manifest.name, f"{len(report.built)} files", human_size(manifest_size)))
    widths = [max(len(r[i]) for r in [("artifact", "contents", "size"), *rows]) for i in range(3)]
    lines = [
        f"{'artifact':<{widths[0]}}  {'contents':<{widths[1]}}  {'size':>{widths[2]}}",
        f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * widths[2]}",
    ]
    lines += [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c:>{widths[2]}}" for a, b, c in rows]
    total = sum(b.size for b in report.built) + manifest_size
    lines.append(f"{len(rows)} files, {human_size(total)} in {report.out_dir}")
    if report.removed:
        lines.append("removed from the previous build: " + ", ".join(report.removed))
    return lines


def run_build(
    ctx: BuildContext,
    artifacts: list[Artifact],
    out_dir: Path,
    on_built: Callable[[Built], None] = lambda b: None,
    workers: int | None = None,
) -> BuildReport:
    """Produce every artifact into staging, then move them all into `out_dir` at once.

    `workers` processes produce artifacts in parallel (default: one per core; 1 runs in-process).
    """
    check_out_dir(out_dir)
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
    except OSError as exc:
        raise OutputError(describe_os_error(exc, out_dir)) from None
    try:
        from reqdrill.produce import produce_all

        built = produce_all(ctx, artifacts, staging, out_dir, on_built, workers)
        try:
            (staging / MANIFEST).write_bytes(manifest_bytes(ctx, built))
        except OSError as exc:
            raise OutputError(describe_os_error(exc, out_dir / MANIFEST)) from None
        with locked(out_dir):
            removed = _commit(staging, out_dir, [b.artifact.path for b in built])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildReport(out_dir, tuple(built), out_dir / MANIFEST, removed)


def _previous_files(out_dir: Path) -> set[str]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return {f["path"] for f in data["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def _commit(staging: Path, out_dir: Path, paths: list[str]) -> tuple[str, ...]:
    """Rename staged files into place; remove files the previous manifest listed and this one doesn't."""
    stale = sorted(_previous_files(out_dir) - set(paths))
    with deferred_interrupt():
        try:
            for rel in paths:
                (out_dir / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / rel, out_dir / rel)
            os.replace(staging / MANIFEST, out_dir / MANIFEST)
            for rel in stale:
                target = out_dir / rel
                if target.resolve().is_relative_to(out_dir.resolve()):
                    with contextlib.suppress(FileNotFoundError):
                        target.unlink()
        except OSError as exc:
            raise OutputError(describe_os_error(exc, out_dir)) from None
    return tuple(stale)
