"""Run the build's artifact producers into staging: in forked worker processes when cores allow.

Producers are independent and CPU-bound (PDF layout above all), so on two or more cores they run
in a pool of forked workers, heaviest first, after the parent has loaded what they share (their
artifacts' `warm`), which the workers then inherit instead of each loading it. Results come back
in plan order whatever order they finish in, so the manifest, and every file, is the same as a
sequential build's.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from reqdrill.build.plan import Artifact, BuildContext, Built, file_digest
from reqdrill.errors import OutputError
from reqdrill.files.atomic import describe_os_error

MAX_WORKERS = 4
Result = tuple[str, int, str, list[str]]
_JOB: tuple[BuildContext, list[Artifact], Path, Path] | None = None


def default_workers(count: int) -> int:
    """One worker per core, at most MAX_WORKERS and no more than there are artifacts."""
    if not sys.platform.startswith("linux"):  # fork is the cheap, safe start method only there
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS, count))


def produce(ctx: BuildContext, artifact: Artifact, staging: Path, out_dir: Path) -> Result:
    """Produce one artifact into staging: what it holds, size, sha256, and any new warnings."""
    target = staging / artifact.path
    before = len(ctx.warnings)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        amount = artifact.produce(ctx, target)
        size, digest = file_digest(target)
    except OSError as exc:
        raise OutputError(describe_os_error(exc, out_dir / artifact.path)) from None
    except OutputError as exc:  # name the file the user asked for, not its staged copy
        raise OutputError(str(exc).replace(str(staging), str(out_dir))) from None
    return amount, size, digest, ctx.warnings[before:]


class WorkerInterrupted(Exception):
    """A producer in a worker process raised KeyboardInterrupt or SystemExit."""


def _in_worker(index: int) -> tuple[int, Result]:
    assert _JOB is not None
    ctx, artifacts, staging, out_dir = _JOB
    try:
        return index, produce(ctx, artifacts[index], staging, out_dir)
    except (KeyboardInterrupt, SystemExit) as exc:
        # A pool worker that dies this way never reports back; an Exception does.
        raise WorkerInterrupted(f"{artifacts[index].path}: {type(exc).__name__}") from None


def _init_worker(close: tuple[int, ...]) -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides, then terminates workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's claim on staging must die with the parent, not live on in an orphaned worker.
    for fd in close:
        os.close(fd)


def produce_all(
    ctx: BuildContext,
    artifacts: list[Artifact],
    staging: Path,
    out_dir: Path,
    on_built: Callable[[Built], None],
    workers: int | None = None,
    close_in_workers: tuple[int, ...] = (),
) -> list[Built]:
    """Produce every artifact; report each as it is done; return them in plan order.

    Worker processes close the descriptors in `close_in_workers` as they start.
    """
    global _JOB
    workers = default_workers(len(artifacts)) if workers is None else workers
    built: dict[int, Built] = {}

    def done(index: int, result: Result) -> None:
        amount, size, digest, _ = result
        built[index] = Built(artifacts[index], amount, size, digest)
        on_built(built[index])

    if workers <= 1:
        for index, artifact in enumerate(artifacts):
            done(index, produce(ctx, artifact, staging, out_dir))
        return [built[i] for i in range(len(artifacts))]
    for warm in dict.fromkeys(a.warm for a in artifacts if a.warm is not None):
        warm(ctx)
    order = sorted(range(len(artifacts)), key=lambda i: -artifacts[i].cost)
    _JOB = (ctx, artifacts, staging, out_dir)
    pool = multiprocessing.get_context("fork").Pool(
        workers, initializer=_init_worker, initargs=(close_in_workers,)
    )
    try:
        for index, result in pool.imap_unordered(_in_worker, order):
            ctx.warnings.extend(result[3])
            done(index, result)
        pool.close()
    except BaseException:
        pool.terminate()  # stop the others before staging is removed under them
        raise
    finally:
        pool.join()
        _JOB = None
    return [built[i] for i in range(len(artifacts))]
