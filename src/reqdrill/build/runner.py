"""`reqdrill build`: every artifact staged beside the output, then committed all at once.

Artifacts are produced into a staging directory inside the output directory. Only when every
one has been produced are they renamed into place (with Ctrl-C deferred for those few
renames), so a failure or interrupt at any point leaves the previous outputs as they were.
A lock on the output directory keeps two builds from interleaving their renames.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from reqdrill.build.plan import MANIFEST, Artifact, BuildContext, BuildReport, Built, manifest_bytes
from reqdrill.build.produce import produce_all
from reqdrill.content.listing import plural
from reqdrill.errors import OutputError
from reqdrill.files.atomic import describe_os_error

STAGING_PREFIX = ".reqdrill-staging-"


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
    if report.ignored:
        lines.append(
            "ignored entries of the previous manifest outside the output directory (left untouched): "
            + ", ".join(report.ignored)
        )
    if report.cleaned:
        lines.append(
            f"removed {plural(len(report.cleaned), 'staging directory')} left by an interrupted build"
        )
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
    with locked(out_dir):
        # Under the directory lock, so no other build is between making its staging and locking it.
        cleaned = remove_abandoned_staging(out_dir)
        try:
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
        except OSError as exc:
            raise OutputError(describe_os_error(exc, out_dir)) from None
        claim = _claim(staging)
    try:
        built = produce_all(ctx, artifacts, staging, out_dir, on_built, workers, close_in_workers=(claim,))
        try:
            (staging / MANIFEST).write_bytes(manifest_bytes(ctx, built))
        except OSError as exc:
            raise OutputError(describe_os_error(exc, out_dir / MANIFEST)) from None
        with locked(out_dir):
            removed, ignored = _commit(staging, out_dir, [b.artifact.path for b in built])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        os.close(claim)
    return BuildReport(out_dir, tuple(built), out_dir / MANIFEST, removed, ignored, cleaned)


def _claim(staging: Path) -> int:
    """Lock a staging directory for this build's lifetime; the lock dies with the process, even on SIGKILL."""
    fd = os.open(staging, os.O_RDONLY | os.O_CLOEXEC)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def remove_abandoned_staging(out_dir: Path) -> tuple[str, ...]:
    """Remove staging directories whose build is gone (killed, so it never cleaned up after itself).

    A live build holds a lock on its staging directory, so a directory that can be locked now has
    no build behind it. Anything that is not a plain directory of that name is left alone.
    """
    removed = []
    try:
        entries = sorted(e.name for e in os.scandir(out_dir) if e.name.startswith(STAGING_PREFIX))
    except OSError:
        return ()
    for name in entries:
        path = out_dir / name
        try:
            fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue  # a build in progress
        try:
            shutil.rmtree(path, ignore_errors=True)
            if not os.path.lexists(path):
                removed.append(name)
        finally:
            os.close(fd)
    return tuple(removed)


def _previous_files(out_dir: Path) -> set[str]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return {f["path"] for f in data["files"] if isinstance(f["path"], str)}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def _commit(staging: Path, out_dir: Path, paths: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Rename staged files into place, then delete what the previous manifest listed and this one doesn't.

    Returns the stale files deleted and the previous entries ignored because they lead outside
    the output directory (`../x`, an absolute path, a path through a symlink pointing out).
    """
    stale = sorted(_previous_files(out_dir) - set(paths))
    removed: list[str] = []
    ignored: list[str] = []
    root = out_dir.resolve()
    with deferred_interrupt():
        try:
            for rel in paths:
                (out_dir / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / rel, out_dir / rel)
            os.replace(staging / MANIFEST, out_dir / MANIFEST)
            for rel in stale:
                target = out_dir / rel
                if not target.resolve().is_relative_to(root) or os.path.isabs(rel):
                    ignored.append(rel)
                    continue
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
                    removed.append(rel)
        except OSError as exc:
            raise OutputError(describe_os_error(exc, out_dir)) from None
    return tuple(removed), tuple(ignored)
