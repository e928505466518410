"""Drill sheets → bytes of a format → stdout or files (atomically), for `reqdrill drill` and `build`.

Renderers are imported only for the format asked for, so Markdown and JSON never import reportlab.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reqdrill.drills import generate_batch
from reqdrill.drillsheet import DrillSheet
from reqdrill.errors import OutputError
from reqdrill.fsutil import atomic_write, describe_os_error
from reqdrill.model import Content

FORMATS: tuple[str, ...] = ("md", "pdf", "json")
STDOUT = Path("-")
DEFAULT_DIR = Path("output")
DEFAULT_BATCH_DIR = Path("output") / "drills"
WRITERS = 8


def render_sheet(sheet: DrillSheet, fmt: str, *, answers: bool = True, paper: str = "letter") -> bytes:
    """One sheet as the bytes of a file in format `md`, `json` or `pdf`."""
    if fmt == "md":
        from reqdrill.render.drill_markdown import render as render_md

        return render_md(sheet, answers=answers)
    if fmt == "json":
        from reqdrill.render.drill_json import render as render_json

        return render_json(sheet, answers=answers)
    if fmt == "pdf":
        from reqdrill.render.pdf.drills import render as render_pdf

        return render_pdf(sheet, answers=answers, paper=paper)
    raise ValueError(f"unknown drill format {fmt!r}")


def filename(sheet: DrillSheet, fmt: str) -> str:
    """`drill-<seed>.<fmt>`: files of a batch are named by their seeds."""
    return f"drill-{sheet.seed}.{fmt}"


def ensure_dir(directory: Path) -> None:
    """Create an output directory (and its parents) if it is missing."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot write into {directory}: it is not a directory") from None
    except OSError as exc:
        raise OutputError(describe_os_error(exc, directory)) from None


@dataclass(frozen=True)
class DrillRequest:
    """What `reqdrill drill` was asked for; `out` None means the default destination."""

    seed: int
    count: int = 1
    kinds: Sequence[str] = ()
    scenario: str | None = None
    fmt: str = "md"
    answers: bool = True
    paper: str = "letter"
    out: Path | None = None


@dataclass(frozen=True)
class DrillResult:
    """The sheets drawn, and either the bytes for stdout or the files written."""

    sheets: list[DrillSheet]
    stdout: bytes | None = None
    written: list[Path] = field(default_factory=list)


def destination(request: DrillRequest) -> Path:
    """Where output goes: stdout (`-`), a file for one sheet, or a directory for a batch.

    One sheet: Markdown and JSON go to stdout, a PDF to output/drill-<seed>.pdf; an existing
    directory given as --out receives drill-<seed>.<fmt>. A batch goes into a directory,
    output/drills/ unless --out names another.
    """
    if request.count > 1:
        return request.out if request.out is not None else DEFAULT_BATCH_DIR
    if request.out is None:
        return STDOUT if request.fmt != "pdf" else DEFAULT_DIR / f"drill-{request.seed}.pdf"
    return request.out


def run(content: Content, request: DrillRequest) -> DrillResult:
    """Draw the requested sheets, render them and send them to their destination."""
    sheets = generate_batch(content, request.seed, request.count, request.kinds, request.scenario)
    target = destination(request)

    def data(sheet: DrillSheet) -> bytes:
        return render_sheet(sheet, request.fmt, answers=request.answers, paper=request.paper)

    if request.count == 1 and target == STDOUT:
        return DrillResult(sheets, stdout=data(sheets[0]))
    if request.count == 1 and not target.is_dir():
        if request.out is None:
            ensure_dir(target.parent)
        atomic_write(target, data(sheets[0]))
        return DrillResult(sheets, written=[target])
    ensure_dir(target)
    files = ((target / filename(sheet, request.fmt), data(sheet)) for sheet in sheets)
    return DrillResult(sheets, written=write_files(files))


def write_files(files: Iterable[tuple[Path, bytes]]) -> list[Path]:
    """Write each (path, bytes) atomically, rendering and writing at once; the paths, in order.

    Creating a file waits on the file system far more than on Python, so a few threads write
    while the caller's generator renders the next sheet. On the first error no further file is
    started, files already written stay (each is whole), and the error is raised.
    """
    import threading
    from concurrent.futures import ThreadPoolExecutor

    paths: list[Path] = []
    failed = threading.Event()

    def write(path: Path, data: bytes) -> None:
        try:
            atomic_write(path, data)
        except BaseException:
            failed.set()
            raise

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        futures = []
        for path, data in files:
            if failed.is_set():
                break
            futures.append(pool.submit(write, path, data))
            paths.append(path)
        try:
            for future in futures:
                future.result()
        finally:
            pool.shutdown(cancel_futures=True)
    return paths
