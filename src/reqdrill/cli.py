"""The command line: parse options, call one library function, report. The only module using Click."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from reqdrill import __version__
from reqdrill.errors import ContentError, ReqdrillError

if TYPE_CHECKING:
    from reqdrill.model import Content

F = TypeVar("F", bound=Callable[..., Any])
CONTENT_HELP = "Content root holding decks/ and scenarios/ [env: REQDRILL_CONTENT; default: the bundled content]."


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
        raise SelectionError("the bundled content is read-only; make a copy with `reqdrill init DIR` and pass --content DIR")
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
@click.option("--paper", type=click.Choice(["letter", "a4"]), help="PDF paper size [default: letter].")
@content_option
def drill(
    seed: int | None,
    kinds: tuple[str, ...],
    count: int,
    fmt: str,
    out: Path | None,
    answers: bool,
    scenario: str | None,
    paper: str | None,
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


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="reqdrill")
