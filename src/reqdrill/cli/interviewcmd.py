"""`reqdrill interview` (the mock interviewer in the terminal) and `reqdrill classify`."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reqdrill.cli.app import cli, content_option, load
from reqdrill.cli.practiceopts import adaptive_option, history_option, no_record_option

if TYPE_CHECKING:
    from reqdrill.interview.session import Session


def _duration(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """Convert a duration such as 5m, 90s or 1m30s to seconds."""
    from reqdrill.interview.session import parse_duration

    try:
        return parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None


def interview_clock() -> float:
    """The interview's clock in seconds; tests replace it."""
    import time

    return time.monotonic()


class _TimeUp(Exception):
    """Raised by the alarm when the time limit passes while waiting for terminal input."""


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Interrupt a blocking read after `seconds`, where the platform allows it."""
    import signal

    if not hasattr(signal, "setitimer") or seconds <= 0:
        yield
        return

    def ring(signum: int, frame: object) -> None:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _run_terminal(session: Session) -> None:
    """Ask in a loop, with the timer in the prompt, until :done, end of input or the time limit."""
    from reqdrill.interview.session import clock_text

    limit = clock_text(session.time_limit)
    while not session.check_time():
        try:
            with _alarm(session.time_limit - session.elapsed):
                line = input(f"[{clock_text(session.elapsed)} / {limit}] you> ")
        except EOFError:
            click.echo()
            session.finish("end_of_input")
            break
        except KeyboardInterrupt:
            click.echo()
            session.finish("done")
            break
        except _TimeUp:
            click.echo()
            session.check_time()
            line = ""
        reply = session.handle(line) if not session.finished else f"Time is up ({limit})."
        if reply is not None:
            click.echo(f"[Interviewer]: {reply}")


def _run_piped(session: Session, say: Callable[[str], None]) -> None:
    """Read one question or command per line, echoing each with its answer."""
    for raw in sys.stdin:
        reply = session.handle(raw)
        if reply is None:
            continue
        if session.ended != "time_up" or raw.strip():
            say(f"> {raw.strip()}")
        say(f"[Interviewer]: {reply}")
        if session.finished:
            return
    session.finish("end_of_input")


@cli.command()
@click.argument("scenario_id", metavar="[SCENARIO]", required=False)
@click.option(
    "--time-limit",
    callback=_duration,
    default="5m",
    show_default=True,
    help="Time limit, e.g. 5m, 90s or 1m30s.",
)
@click.option("--seed", type=int, help="Seed for drawing the scenario when none is named.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the transcript as JSON (see docs/json.md) instead of the score.",
)
@click.option(
    "--transcript",
    "transcript_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also save the transcript and score as Markdown to FILE.",
)
@adaptive_option("scenarios")
@history_option
@no_record_option
@content_option
def interview(
    scenario_id: str | None,
    time_limit: int,
    seed: int | None,
    as_json: bool,
    transcript_path: Path | None,
    adaptive: bool,
    history_path: Path | None,
    no_record: bool,
    content_root: Path | None,
) -> None:
    """Mock interview: ask clarifying questions about a scenario, then get scored.

    With no SCENARIO, one is drawn at random and its id printed. Type questions in your own
    words: the interviewer answers the fact you asked for, and where the scenario is silent it
    invites you to state an assumption ("Let's assume ..."). :score shows coverage so far,
    :hint names a category you have not asked about, :done ends early, :help lists commands.
    The interview ends at the time limit. When stdin is not a terminal, questions are read one
    per line and the score follows, with the facts uncovered and the important ones missed.
    Each interview with a question is recorded in the practice history (see `reqdrill progress`).
    """
    import random

    from reqdrill.cli.practiceopts import adaptive_scenario, record_interview, wall_time
    from reqdrill.files.atomic import atomic_write
    from reqdrill.interview.session import clock_text, start
    from reqdrill.interview.transcript import score_text, to_data, to_json, to_markdown

    content = load(content_root)
    started, why = wall_time(), list[str]()
    if adaptive:
        scenario_id, why = adaptive_scenario(history_path, content, scenario_id)
    drawn = ""
    if scenario_id is None:
        seed = random.SystemRandom().randrange(2**32) if seed is None else seed
        drawn = f" (drawn with --seed {seed})"
    session = start(content, scenario_id, random.Random(seed), interview_clock, time_limit)
    terminal = sys.stdin.isatty()

    def say(text: str) -> None:
        if terminal or not as_json:
            click.echo(text, err=as_json)

    scenario = session.scenario
    say(f"Mock interview: {scenario.name} [{scenario.id}]{drawn}")
    for line in why:
        say(line)
    say(f"[Interviewer]: {scenario.prompt}")
    say(f"Time limit {clock_text(time_limit)}. Ask clarifying questions; :help lists commands.")
    if terminal:
        _run_terminal(session)
    else:
        _run_piped(session, say)
    click.echo(to_json(session) if as_json else score_text(session))
    if transcript_path is not None:
        atomic_write(transcript_path, to_markdown(session).encode("utf-8"))
        click.echo(f"Transcript saved to {transcript_path}", err=as_json)
    record_interview(history_path, no_record, to_data(session), started)


@cli.command(name="classify")
@click.argument("questions", nargs=-1)
@click.option(
    "--json", "as_json", is_flag=True, help="Print a JSON list of {question, category, confidence}."
)
@content_option
def classify_(questions: tuple[str, ...], as_json: bool, content_root: Path | None) -> None:
    """Print the category of each QUESTION as `category<TAB>question`.

    The category is one of the seven category ids, or `none` when the question cannot be
    placed. With no QUESTION, questions are read from stdin, one per line.
    """
    from reqdrill.interview.classify import Classifier, results_json, results_tsv

    content = load(content_root)
    if not questions:
        questions = tuple(line.strip() for line in sys.stdin if line.strip())
    results = Classifier.from_content(content).classify_all(questions)
    if as_json:
        click.echo(results_json(results))
    elif results:
        click.echo(results_tsv(results))
