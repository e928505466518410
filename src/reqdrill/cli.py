"""The command line: parse options, call one library function, report. The only module using Click."""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from reqdrill import __version__
from reqdrill.errors import ContentError, ReqdrillError

if TYPE_CHECKING:
    from reqdrill.interview import Session
    from reqdrill.model import Content

F = TypeVar("F", bound=Callable[..., Any])
CONTENT_HELP = (
    "Content root holding decks/ and scenarios/ [env: REQDRILL_CONTENT; default: the bundled content]."
)


class ReqdrillGroup(click.Group):
    """A group that turns reqdrill's own errors into a clean exit 1, with no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ContentError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            count = len(exc.problems)
            raise click.ClickException(f"content is invalid: {count} problem{'s' * (count != 1)}") from None
        except ReqdrillError as exc:
            raise click.ClickException(str(exc)) from None


def content_option(f: F) -> F:
    """Add `--content DIR` (or REQDRILL_CONTENT) to a command."""
    return click.option(
        "--content",
        "content_root",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        envvar="REQDRILL_CONTENT",
        help=CONTENT_HELP,
    )(f)


def resolve_root(content_root: Path | None) -> Path:
    """The content root to use: the given one, or the bundled content."""
    from reqdrill.paths import bundled_root

    return content_root if content_root is not None else bundled_root()


def load(content_root: Path | None) -> Content:
    """Load and validate content, raising ContentError on any problem."""
    from reqdrill.load import load_content

    return load_content(resolve_root(content_root))


def command(group: click.Group, *args: Any, **kwargs: Any) -> Callable[[F], F]:
    """Register a command whose help text is mandatory."""

    def wrap(f: F) -> F:
        assert f.__doc__, f"command {f.__name__} needs help text"
        return functools.wraps(f)(group.command(*args, **kwargs)(f))  # type: ignore[return-value]

    return wrap


@click.group(cls=ReqdrillGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reqdrill")
def cli() -> None:
    """Drill the clarifying-requirements step of ML system design interviews.

    Builds Anki decks, printable PDFs and seeded drill sheets from YAML content,
    and runs a mock interviewer in the terminal.
    """


@cli.command()
@content_option
def validate(content_root: Path | None) -> None:
    """Check every content file and report all problems at once."""
    from reqdrill.listing import counts_line

    content = load(content_root)
    click.echo(f"ok: {counts_line(content)} ({resolve_root(content_root)})")


@cli.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print the whole validated content as JSON.")
@content_option
def list_(as_json: bool, content_root: Path | None) -> None:
    """Summarise the content: categories, scenarios, tradeoffs and drills."""
    from reqdrill.listing import summary, to_json

    content = load(content_root)
    click.echo(to_json(content) if as_json else summary(content))


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def init(directory: Path, force: bool) -> None:
    """Copy the bundled content into DIRECTORY for editing."""
    from reqdrill.paths import bundled_root
    from reqdrill.scaffold import init_content

    written = init_content(bundled_root(), directory, force=force)
    click.echo(f"copied {len(written)} files into {directory}")
    click.echo(f"edit them, then run: reqdrill validate --content {directory}")


@cli.group(cls=ReqdrillGroup)
def new() -> None:
    """Scaffold new content files."""


@new.command(name="scenario")
@click.argument("scenario_id", metavar="ID")
@content_option
def new_scenario(scenario_id: str, content_root: Path | None) -> None:
    """Create scenarios/ID.yaml with every field present and commented."""
    from reqdrill.errors import SelectionError
    from reqdrill.paths import bundled_root
    from reqdrill.scaffold import new_scenario as scaffold

    root = resolve_root(content_root)
    if root == bundled_root() and root.name == "_content":
        raise SelectionError(
            "the bundled content is read-only; make a copy with `reqdrill init DIR` and pass --content DIR"
        )
    try:
        content = load(content_root)
    except ContentError:
        content = None  # scaffold from the model alone; validate will report the rest
    path = scaffold(root, scenario_id, content)
    click.echo(f"wrote {path}")
    click.echo(f"fill it in, then run: reqdrill validate --content {root}")


@cli.command()
@click.argument("kind", type=click.Choice(["scenario", "deck"]))
def schema(kind: str) -> None:
    """Print the JSON Schema of scenario or deck files, for editors."""
    from reqdrill.schema import json_schema_text

    click.echo(json_schema_text(kind))


@cli.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the package [default: output/reqdrill.apkg, creating output/].",
)
@content_option
@click.option(
    "--scenario",
    "scenarios",
    multiple=True,
    metavar="ID",
    help="Only this scenario's deck (repeatable); the general decks are kept.",
)
@click.option(
    "--category",
    "categories",
    multiple=True,
    metavar="ID",
    help="Only cards about this category (repeatable); cards about no category are kept.",
)
@click.option(
    "--since",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="OLD.apkg",
    help="Only the notes that are new or changed since this earlier package: an update package.",
)
def anki(
    out: Path | None,
    content_root: Path | None,
    scenarios: tuple[str, ...],
    categories: tuple[str, ...],
    since: Path | None,
) -> None:
    """Write an Anki package (.apkg); importing a rebuild updates notes in place.

    Also brings reqdrill.lock (beside the content) up to date: it records each note's version so
    that Anki picks up exactly the notes whose content changed. Commit it with the content.
    """
    from reqdrill.anki import build_anki, default_out, previous_notes

    content = load(content_root)
    result = build_anki(
        content,
        resolve_root(content_root),
        out if out is not None else default_out(),
        scenarios=scenarios,
        categories=categories,
        since=previous_notes(since) if since is not None else None,
    )
    click.echo(result.summary())
    warning = result.warning()
    if warning:
        click.echo(f"Warning: {warning}", err=True)


# ---------------------------------------------------------------- pdf (printable PDFs)

PAPER_HELP = "Paper size; margins suit home printers."


def pdf_options(f: F) -> F:
    """Add `--out FILE`, `--paper letter|a4` and `--content DIR` to a pdf command."""
    f = content_option(f)
    f = click.option(
        "--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True, help=PAPER_HELP
    )(f)
    return click.option(
        "--out",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Where to write the PDF [default: ./output/<name>.pdf, creating ./output].",
    )(f)


def write_output(data: bytes, out: Path | None, default_name: str) -> Path:
    """Write a built file atomically to --out, or to ./output/<default_name> (creating ./output)."""
    from reqdrill.errors import OutputError
    from reqdrill.fsutil import atomic_write, describe_os_error

    if out is None:
        out = Path("output") / default_name
        try:
            out.parent.mkdir(exist_ok=True)
        except OSError as exc:
            raise OutputError(describe_os_error(exc, out)) from None
    atomic_write(out, data)
    return out


@cli.group(cls=ReqdrillGroup)
def pdf() -> None:
    """Build printable PDFs: template, answer keys, cheat sheet, flashcards."""


@pdf.command(name="template")
@click.option(
    "--fillable", is_flag=True, help="Add AcroForm text fields and check boxes to fill in on screen."
)
@pdf_options
def pdf_template(fillable: bool, out: Path | None, paper: str, content_root: Path | None) -> None:
    """The blank requirements document, to fill in by hand.

    With --fillable, the same document as an AcroForm: text fields and check
    boxes that can be filled in a PDF viewer or on a tablet.
    """
    from reqdrill.render.pdf.template import render_template

    data = render_template(load(content_root), paper, fillable)
    name = "requirements-template-fillable.pdf" if fillable else "requirements-template.pdf"
    click.echo(f"wrote {write_output(data, out, name)}")


@pdf.command(name="scenario")
@click.argument("scenario_id", metavar="[ID]", required=False)
@click.option("--all", "all_", is_flag=True, help="Every scenario in one PDF, with a bookmark per scenario.")
@pdf_options
def pdf_scenario(
    scenario_id: str | None, all_: bool, out: Path | None, paper: str, content_root: Path | None
) -> None:
    """A scenario's answer key: its filled requirements document.

    Includes its E6 probes and tradeoff stances. Give a scenario ID, or --all
    for every scenario in one PDF with a bookmark per scenario.
    """
    if all_ == (scenario_id is not None):
        raise click.UsageError("give a scenario ID or --all (not both)")
    from reqdrill.render.pdf.scenario import render_scenario, render_scenarios

    content = load(content_root)
    if scenario_id is None:
        data, name = render_scenarios(content, paper), "scenarios.pdf"
    else:
        data, name = render_scenario(content, scenario_id, paper), f"scenario-{scenario_id}.pdf"
    click.echo(f"wrote {write_output(data, out, name)}")


@pdf.command(name="cheatsheet")
@pdf_options
def pdf_cheatsheet(out: Path | None, paper: str, content_root: Path | None) -> None:
    """The cheat sheet, front and back of one sheet.

    The framework table, the framework diagram, the question templates and the
    tradeoffs with their E5/E6 signals.
    """
    from reqdrill.render.pdf.cheatsheet import render_cheatsheet

    data = render_cheatsheet(load(content_root), paper)
    click.echo(f"wrote {write_output(data, out, 'cheat-sheet.pdf')}")


@pdf.command(name="flashcards")
@click.option(
    "--per-page", type=click.IntRange(1, 24), default=8, show_default=True, help="Cards per page (1-24)."
)
@click.option(
    "--duplex",
    type=click.Choice(["long-edge", "short-edge"]),
    default="long-edge",
    show_default=True,
    help="How the printer flips pages; backs are mirrored to match.",
)
@pdf_options
def pdf_flashcards(
    per_page: int, duplex: str, out: Path | None, paper: str, content_root: Path | None
) -> None:
    """The deck's cards, printable double-sided, with dashed cut lines.

    Pages alternate fronts and backs; each back lands behind its front when
    printed double-sided with the given --duplex setting.
    """
    from reqdrill.render.pdf.flashcards import render_deck_flashcards

    data = render_deck_flashcards(load(content_root), paper, per_page, duplex)  # type: ignore[arg-type]
    click.echo(f"wrote {write_output(data, out, 'flashcards.pdf')}")


# ---------------------------------------------------------------- drill sheets

DRILL_KINDS = ("mixed", "recall", "questions", "classify", "mock", "tradeoff", "deep-dive")


@cli.command()
@click.option("--seed", type=click.IntRange(min=0), help="Seed of the (first) sheet [default: a random one, printed].")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(DRILL_KINDS),
    help="Exercise kind; repeat for several [default: mixed, a short session drawing on several kinds].",
)
@click.option("--count", type=click.IntRange(min=1), default=1, show_default=True, help="Sheets to write, seeds SEED, SEED+1, ...")
@click.option("--format", "fmt", type=click.Choice(["md", "pdf", "json"]), default="md", show_default=True, help="Output format.")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="File, or directory for --count > 1; '-' is stdout "
    "[default: stdout for md/json, output/drill-SEED.pdf for pdf, output/drills/ for a batch].",
)
@click.option("--answers/--no-answers", default=True, show_default=True, help="Include the answer key.")
@click.option("--scenario", metavar="ID", help="Use this scenario for every scenario exercise.")
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True, help=PAPER_HELP)
@content_option
def drill(
    seed: int | None,
    kinds: tuple[str, ...],
    count: int,
    fmt: str,
    out: Path | None,
    answers: bool,
    scenario: str | None,
    paper: str,
    content_root: Path | None,
) -> None:
    """Draw seeded drill sheets with answer keys, as Markdown, PDF or JSON.

    The same content, seed and options give byte-identical output. With --count N the sheets get
    seeds SEED, SEED+1, ..., SEED+N-1; each regenerates alone from the seed printed on it, and over
    the batch every category and scenario is drawn within one of every other.
    """
    from reqdrill.drillout import STDOUT, DrillRequest, run

    if count > 1 and out == STDOUT:
        raise click.UsageError("--out - writes one sheet to stdout; give a directory for --count > 1")
    if seed is None:
        import secrets

        seed = secrets.randbelow(1_000_000)
        click.echo(f"seed: {seed}", err=True)
    content = load(content_root)
    request = DrillRequest(seed, count, kinds, scenario, fmt, answers, paper, out)
    result = run(content, request)
    if result.stdout is not None:
        click.echo(result.stdout, nl=False)
    elif count == 1:
        click.echo(f"wrote {result.written[0]}")
    else:
        last = seed + count - 1
        click.echo(f"wrote {count} drill sheets (seeds {seed}-{last}) to {result.written[0].parent}")

# ---------------------------------------------------------------- build (every artifact)


@cli.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output directory; it must exist [default: ./output, created if missing].",
)
@click.option("--seed", type=click.IntRange(min=0), help="Seed of the first drill sheet [default: a random one, printed].")
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True, help=PAPER_HELP)
@click.option("--drills", "drill_count", type=click.IntRange(min=0), default=10, show_default=True,
              help="Number of drill sheets (each as .md and .pdf).")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes [default: one per core, up to 4].")
@content_option
def build(
    out: Path | None, seed: int | None, paper: str, drill_count: int, jobs: int | None, content_root: Path | None
) -> None:
    """Build every artifact into the output directory, atomically.

    Writes the Anki deck, the PDFs (template, fillable template, cheat sheet, scenario answer keys,
    flashcards), seeded drill sheets with an index, and manifest.json. Everything is staged first:
    a failure or Ctrl-C leaves the previous outputs exactly as they were.
    """
    import sys

    from reqdrill.artifacts import plan
    from reqdrill.build import BuildContext, BuildOptions, prepare_out_dir, run_build, summary_table

    if seed is None:
        import secrets

        seed = secrets.randbelow(1_000_000)
    root = resolve_root(content_root)
    ctx = BuildContext(load(content_root), root, BuildOptions(seed, paper, drill_count))
    out_dir = prepare_out_dir(out)
    artifacts = plan(ctx)
    click.echo(f"reqdrill build: seed {seed}, paper {paper}, {len(artifacts) + 1} files into {out_dir}")
    if sys.stdout.isatty():
        with click.progressbar(length=len(artifacts), label="building", show_pos=True) as bar:
            report = run_build(ctx, artifacts, out_dir, lambda built: bar.update(1), jobs)
    else:
        report = run_build(ctx, artifacts, out_dir, lambda b: click.echo(f"built {b.artifact.path}: {b.amount}"), jobs)
    click.echo("\n".join(summary_table(report)))
    for warning in ctx.warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(f"seed {seed}: repeat this build with --seed {seed}")


# ---------------------------------------------------------------- interview and classify


def _duration(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """Convert a duration such as 5m, 90s or 1m30s to seconds."""
    from reqdrill.interview import parse_duration

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
    from reqdrill.interview import clock_text

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
    "--json", "as_json", is_flag=True, help="Print the transcript as JSON (see README) instead of the score."
)
@click.option(
    "--transcript",
    "transcript_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also save the transcript and score as Markdown to FILE.",
)
@content_option
def interview(
    scenario_id: str | None,
    time_limit: int,
    seed: int | None,
    as_json: bool,
    transcript_path: Path | None,
    content_root: Path | None,
) -> None:
    """Mock interview: ask clarifying questions about a scenario, then get scored.

    With no SCENARIO, one is drawn at random and its id printed. Type questions in your own
    words; :score shows coverage so far, :hint names a category you have not asked about,
    :done ends early, :help lists commands. The interview ends at the time limit. When stdin
    is not a terminal, questions are read one per line and the score follows.
    """
    import random

    from reqdrill.fsutil import atomic_write
    from reqdrill.interview import clock_text, start
    from reqdrill.transcript import score_text, to_json, to_markdown

    content = load(content_root)
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
    from reqdrill.classify import Classifier, results_json, results_tsv

    content = load(content_root)
    if not questions:
        questions = tuple(line.strip() for line in sys.stdin if line.strip())
    results = Classifier.from_content(content).classify_all(questions)
    if as_json:
        click.echo(results_json(results))
    elif results:
        click.echo(results_tsv(results))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="reqdrill")
