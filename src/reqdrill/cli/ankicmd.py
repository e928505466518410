"""`reqdrill anki`: write the Anki package."""

from __future__ import annotations

from pathlib import Path

import click

from reqdrill.cli.app import cli, content_option, load, resolve_root


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
    from reqdrill.anki.deck import build_anki, default_out, previous_notes

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
