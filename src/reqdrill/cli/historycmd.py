"""`reqdrill history export|import|path`: move the practice history between machines."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reqdrill.cli.app import ReqdrillGroup, cli
from reqdrill.cli.practiceopts import history_option


@cli.group(cls=ReqdrillGroup)
def history() -> None:
    """Export, import or locate the practice history."""


@history.command(name="export")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@history_option
def history_export(target: Path, history_path: Path | None) -> None:
    """Write every session to TARGET as JSON ('-' for stdout).

    The format is documented in docs/practice.md; `history import` reads it back.
    """
    import json

    from reqdrill.files.atomic import atomic_write
    from reqdrill.practice.history import History

    with History.open(history_path) as h:
        data = h.export()
        where = h.path
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if str(target) == "-":
        click.echo(text, nl=False)
        return
    atomic_write(target, text.encode("utf-8"))
    click.echo(f"exported {len(data['sessions'])} sessions from {where} to {target}")


@history.command(name="import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@history_option
def history_import(source: Path, history_path: Path | None) -> None:
    """Add the sessions of an export file to the history.

    Sessions already present (the same UUID) are skipped, so importing twice adds nothing.
    """
    import json

    from reqdrill.errors import HistoryError
    from reqdrill.practice.history import History, parse_export

    try:
        data = json.loads(sys.stdin.buffer.read() if str(source) == "-" else source.read_bytes())
    except OSError as exc:
        raise HistoryError(f"cannot read {source}: {exc.strerror}") from None
    except ValueError as exc:
        raise HistoryError(f"{source} is not JSON: {exc}") from None
    records = parse_export(data, source)
    with History.open(history_path, write=True) as h:
        added = h.add(records)
        where = h.path
    click.echo(f"imported {added} sessions into {where} ({len(records) - added} already there)")


@history.command(name="path")
@history_option
def history_path_(history_path: Path | None) -> None:
    """Print where the practice history is (it may not exist yet)."""
    from reqdrill.practice.history import resolve

    click.echo(str(resolve(history_path)[0]))
