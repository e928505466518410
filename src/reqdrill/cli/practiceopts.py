"""What the practice commands share: --history, --no-record, --adaptive, recording, the adaptive draw."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reqdrill.cli.app import F

if TYPE_CHECKING:
    from reqdrill.content.model import Content
    from reqdrill.practice.adaptive import Focus
    from reqdrill.practice.records import SessionRecord
    from reqdrill.render.drillout import DrillRequest, DrillResult

HISTORY_HELP = (
    "Practice history file [env: REQDRILL_HISTORY; default: history.sqlite3 in the user data "
    "directory, ~/.local/share/reqdrill/ on Linux]."
)


def history_option(f: F) -> F:
    """Add `--history FILE` (or REQDRILL_HISTORY) to a command."""
    return click.option(
        "--history",
        "history_path",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="REQDRILL_HISTORY",
        help=HISTORY_HELP,
    )(f)


def no_record_option(f: F) -> F:
    """Add `--no-record` to a command."""
    return click.option("--no-record", is_flag=True, help="Record nothing in the practice history.")(f)


def adaptive_option(what: str) -> Callable[[F], F]:
    """Add `--adaptive` to a command."""
    return click.option(
        "--adaptive",
        is_flag=True,
        help=f"Lean toward your weakest categories and most overdue {what}, from the practice history.",
    )


def wall_time() -> str:
    """Now, as the history stores times (the practice history reads the clock)."""
    from reqdrill.practice.history import now, timestamp

    return timestamp(now())


def record(history_path: Path | None, make: Callable[[str, str], SessionRecord]) -> None:
    """Record one session, built by `make(uuid, ended)`; raises HistoryError when it cannot."""
    from reqdrill.practice.history import History, new_uuid

    rec = make(new_uuid(), wall_time())
    with History.open(history_path, write=True) as history:
        history.record(rec)


def record_interview(history_path: Path | None, no_record: bool, data: dict[str, Any], started: str) -> None:
    """Record a finished interview from its transcript data, unless nothing was asked or
    --no-record was given."""
    if no_record or (not data.get("turns") and data.get("ended") != "time_up"):
        return
    from reqdrill.practice.records import interview_record

    record(history_path, lambda uuid, ended: interview_record(data, uuid, started, ended))


def focus(history_path: Path | None, content: Content) -> Focus | None:
    """The adaptive focus from the history (None for an empty history)."""
    from reqdrill.practice.adaptive import focus as compute
    from reqdrill.practice.history import History, now

    with History.open(history_path) as history:
        return compute(history, content, now())


NO_HISTORY = "adaptive: no practice history yet, so this is the usual draw"


def adaptive_scenario(
    history_path: Path | None, content: Content, named: str | None
) -> tuple[str | None, list[str]]:
    """`interview --adaptive`: the scenario to use (the named one, else the most overdue) and the
    lines saying why."""
    from reqdrill.practice.adaptive import scenario_reason
    from reqdrill.practice.history import History, now

    found = focus(history_path, content)
    if found is None:
        return named, [NO_HISTORY]
    lines = list(found.reasons)
    if named is None and found.scenarios:
        named = found.scenarios[0]
        with History.open(history_path) as history:
            lines.append(scenario_reason(history, content, now(), named))
    return named, lines


def run_drills(content: Content, request: DrillRequest, history_path: Path | None) -> DrillResult:
    """`drill --adaptive`: the sheets drawn with the history's lean, rendered as `drillout.run` does."""
    from reqdrill.files.collector import collector_paused
    from reqdrill.render import drillout
    from reqdrill.study.drills import generate_batch

    found = focus(history_path, content)
    for line in found.reasons if found is not None else [NO_HISTORY]:
        click.echo(line, err=True)
    if found is None:
        return drillout.run(content, request)
    lean = found.lean(request.seed)
    with collector_paused():
        sheets = generate_batch(content, request.seed, request.count, request.kinds, request.scenario, lean)
        target = drillout.destination(request)
        data = drillout.renderer(request.fmt, answers=request.answers, paper=request.paper)
        if request.count == 1 and target == drillout.STDOUT:
            return drillout.DrillResult(sheets, stdout=data(sheets[0]))
        if request.count == 1 and not target.is_dir():
            from reqdrill.files.atomic import atomic_write

            if request.out is None:
                drillout.ensure_dir(target.parent)
            atomic_write(target, data(sheets[0]))
            return drillout.DrillResult(sheets, written=[target])
        files = ((drillout.filename(sheet, request.fmt), data(sheet)) for sheet in sheets)
        return drillout.DrillResult(sheets, written=drillout.write_files(target, files))
