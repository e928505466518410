"""The top-level `reqdrill` group and what its commands share: clean errors, --content, --paper."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from reqdrill import __version__
from reqdrill.errors import ContentError, ReqdrillError

if TYPE_CHECKING:
    from reqdrill.content.model import Content

F = TypeVar("F", bound=Callable[..., Any])
CONTENT_HELP = (
    "Content root holding decks/ and scenarios/ [env: REQDRILL_CONTENT; default: the bundled content]."
)
PAPER_HELP = "Paper size; margins suit home printers."
# Each top-level command and the module of reqdrill.cli that defines it (a test keeps them in step).
COMMAND_MODULES = {
    "anki": "ankicmd",
    "build": "buildcmd",
    "classify": "interviewcmd",
    "drill": "drillcmd",
    "history": "historycmd",
    "init": "contentcmds",
    "interview": "interviewcmd",
    "list": "contentcmds",
    "new": "contentcmds",
    "next": "nextcmd",
    "pdf": "pdfcmds",
    "practice": "practicecmd",
    "progress": "progresscmd",
    "schema": "contentcmds",
    "validate": "contentcmds",
}


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


class CommandGroup(ReqdrillGroup):
    """The top-level group: a command's module is imported when the command is first looked up.

    A run of one command imports its module alone (a cold `reqdrill drill` skips the other five);
    listing the commands, as --help does, imports them all.
    """

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            importlib.import_module(f"reqdrill.cli.{module}")  # registers it with @cli.command
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for module in sorted(set(COMMAND_MODULES.values())):
            importlib.import_module(f"reqdrill.cli.{module}")
        return super().list_commands(ctx)


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
    from reqdrill.content.paths import bundled_root

    return content_root if content_root is not None else bundled_root()


def load(content_root: Path | None) -> Content:
    """Load and validate content, raising ContentError on any problem."""
    from reqdrill.content.load import load_content

    return load_content(resolve_root(content_root))


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reqdrill")
def cli() -> None:
    """Drill the clarifying-requirements step of ML system design interviews.

    Builds Anki decks, printable PDFs and seeded drill sheets from YAML content,
    and runs a mock interviewer in the terminal.
    """


def paper_option(f: F) -> F:
    """Add `--paper letter|a4` to a command."""
    return click.option(
        "--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True, help=PAPER_HELP
    )(f)
