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


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="reqdrill")
