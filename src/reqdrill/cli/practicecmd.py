"""`reqdrill practice [KIND]`: the drills as graded exercises in the terminal, recorded in the history."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reqdrill.cli.app import cli, content_option, load
from reqdrill.cli.practiceopts import adaptive_option, history_option, no_record_option

if TYPE_CHECKING:
    from reqdrill.practice.exercises import Conversation, Result

PRACTICE_KINDS = ("recall", "questions", "classify", "tradeoff", "deep-dive", "mock")


def practice_clock() -> float:
    """The drill's stopwatch in seconds; tests replace it."""
    import time

    return time.monotonic()


class EndOfInput(Exception):
    """stdin ended before the drill did."""


def _read_piped(multiline: bool) -> list[str]:
    lines: list[str] = []
    for raw in sys.stdin:
        line = raw.rstrip("\n")
        if not multiline:
            return [line]
        if not line.strip():
            return lines
        lines.append(line)
    if not lines:
        raise EndOfInput
    return lines


def _read_terminal(multiline: bool, start: float, target: float) -> list[str]:
    from reqdrill.cli.ticker import Ticker

    lines: list[str] = []
    with Ticker(practice_clock, start, target) as ticker:
        while True:
            try:
                line = input(ticker.prompt())
            except EOFError:
                click.echo()
                if lines or not multiline:
                    return lines
                raise EndOfInput from None
            if not multiline:
                return [line]
            if not line.strip():
                return lines
            lines.append(line)


def converse(conversation: Conversation, target: float) -> Result:
    """Run a drill: show what it says, read what it asks (timed), return its result."""
    from reqdrill.practice.exercises import Ask, Reply

    terminal = sys.stdin.isatty()
    start = practice_clock()
    try:
        step = next(conversation)
        while True:
            if not isinstance(step, Ask):
                click.echo(step.text)
                step = conversation.send(None)
                continue
            click.echo(step.prompt)
            lines = _read_terminal(step.multiline, start, target) if terminal else _read_piped(step.multiline)
            if not terminal:
                for line in lines:
                    click.echo(f"> {line}")
            step = conversation.send(Reply(tuple(lines), practice_clock() - start))
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]
    except EndOfInput:
        raise click.ClickException("input ended before the drill was over; nothing was recorded") from None
    except KeyboardInterrupt:
        click.echo()
        raise click.ClickException("stopped; nothing was recorded") from None


@cli.command()
@click.argument("kind", required=False, type=click.Choice(PRACTICE_KINDS))
@click.option("--seed", type=click.IntRange(min=0), help="Seed of the draw [default: a random one].")
@click.option("--scenario", metavar="ID", help="Scenario for tradeoff, deep-dive and mock.")
@click.option("--time-limit", default="5m", show_default=True, help="Time limit of a mock interview.")
@adaptive_option("scenarios")
@history_option
@no_record_option
@content_option
@click.pass_context
def practice(
    ctx: click.Context,
    kind: str | None,
    seed: int | None,
    scenario: str | None,
    time_limit: str,
    adaptive: bool,
    history_path: Path | None,
    no_record: bool,
    content_root: Path | None,
) -> None:
    """Practice a drill in the terminal: graded, timed and recorded.

    KIND is recall, questions, classify, tradeoff, deep-dive or mock (the mock interviewer); with
    none, the first item `reqdrill next` lists. On a terminal the prompt shows a running timer
    against the target. When stdin is not a terminal, answers are read line by line and a blank
    line ends a multi-line answer, so scripts can drive it.
    """
    import secrets

    from reqdrill.cli.practiceopts import NO_HISTORY, focus, record, wall_time

    content = load(content_root)
    if kind is None:
        kind, scenario = _next_item(content, history_path, scenario)
        click.echo(f"next up: {kind}" + (f" on {scenario}" if scenario else ""))
    if kind == "mock":
        from reqdrill.cli.interviewcmd import _duration, interview

        param = next(p for p in ctx.command.params if p.name == "time_limit")
        limit = _duration(ctx, param, time_limit)
        ctx.invoke(
            interview,
            scenario_id=scenario,
            time_limit=limit,
            seed=seed,
            as_json=False,
            transcript_path=None,
            adaptive=adaptive,
            history_path=history_path,
            no_record=no_record,
            content_root=content_root,
        )
        return
    from reqdrill.practice.drill import start
    from reqdrill.practice.records import drill_record

    seed = secrets.randbelow(1_000_000) if seed is None else seed
    lean = None
    if adaptive:
        found = focus(history_path, content)
        for line in found.reasons if found is not None else [NO_HISTORY]:
            click.echo(line)
        lean = found.lean(seed) if found is not None else None
    started = wall_time()
    sheet, conversation = start(content, kind, seed, scenario, lean)
    result = converse(conversation, sheet.exercises[0].time_limit_seconds)
    click.echo(result.summary)
    if not no_record:
        record(history_path, lambda uuid, ended: drill_record(result.data, uuid, started, ended))


def _next_item(content: object, history_path: Path | None, scenario: str | None) -> tuple[str, str | None]:
    """The kind (and scenario) of the first item `reqdrill next` lists; recall when none is."""
    from reqdrill.content.model import Content
    from reqdrill.practice.history import History, now
    from reqdrill.practice.nextup import plan

    assert isinstance(content, Content)
    with History.open(history_path) as history:
        items = plan(history, now(), [(s.id, s.name) for s in content.scenarios])["now"]
    if not items:
        return "recall", scenario
    first = items[0]
    return ("mock", first["id"]) if first["kind"] == "interview" else (first["id"], scenario)
