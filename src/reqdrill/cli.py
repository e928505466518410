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
def anki(
    out: Path | None, content_root: Path | None, scenarios: tuple[str, ...], categories: tuple[str, ...]
) -> None:
    """Write an Anki package (.apkg); importing a rebuild updates notes in place.

    Also brings reqdrill.lock (beside the content) up to date: it records each note's version so
    that Anki picks up exactly the notes whose content changed. Commit it with the content.
    """
    from reqdrill.anki import build_anki, default_out

    content = load(content_root)
    result = build_anki(
        content,
        resolve_root(content_root),
        out if out is not None else default_out(),
        scenarios=scenarios,
        categories=categories,
    )
    click.echo(result.summary())
    warning = result.warning()
    if warning:
        click.echo(f"warning: {warning}", err=True)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="reqdrill")
