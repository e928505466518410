"""Commands about the content itself: validate, list, init, new scenario, schema."""

from __future__ import annotations

from pathlib import Path

import click

from reqdrill.cli.app import ReqdrillGroup, cli, content_option, load, resolve_root
from reqdrill.errors import ContentError


@cli.command()
@content_option
def validate(content_root: Path | None) -> None:
    """Check every content file and report all problems at once."""
    from reqdrill.content.listing import counts_line

    content = load(content_root)
    click.echo(f"ok: {counts_line(content)} ({resolve_root(content_root)})")


@cli.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print the whole validated content as JSON.")
@content_option
def list_(as_json: bool, content_root: Path | None) -> None:
    """Summarize the content: categories, scenarios, tradeoffs and drills."""
    from reqdrill.content.listing import summary, to_json

    content = load(content_root)
    click.echo(to_json(content) if as_json else summary(content))


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def init(directory: Path, force: bool) -> None:
    """Copy the bundled content into DIRECTORY for editing."""
    from reqdrill.content.paths import bundled_root
    from reqdrill.content.scaffold import init_content

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
    from reqdrill.content.paths import bundled_root
    from reqdrill.content.scaffold import new_scenario as scaffold
    from reqdrill.errors import SelectionError

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
    from reqdrill.content.schema import json_schema_text

    click.echo(json_schema_text(kind))
