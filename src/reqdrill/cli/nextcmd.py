"""`reqdrill next`: what to practice now, scheduled with FSRS from the practice history."""

from __future__ import annotations

from pathlib import Path

import click

from reqdrill.cli.app import cli, content_option, load
from reqdrill.cli.practiceopts import history_option


@cli.command(name="next")
@click.option(
    "--json", "as_json", is_flag=True, help='Print a JSON list of {"kind", "id", "due", "reason", ...}.'
)
@history_option
@content_option
def next_(as_json: bool, history_path: Path | None, content_root: Path | None) -> None:
    """Say what to practice now: due items first, then a few new ones.

    Each scenario interview and each drill kind is scheduled with FSRS, rated from its score (or
    your self-rating). Items never practiced come in two a day.
    """
    from reqdrill.practice.history import History, now
    from reqdrill.practice.nextup import NEW_PER_DAY, plan

    content = load(content_root)
    with History.open(history_path) as history:
        result = plan(history, now(), [(s.id, s.name) for s in content.scenarios])
    if as_json:
        import json

        click.echo(json.dumps(result["now"], indent=2, ensure_ascii=False))
    else:
        from reqdrill.practice.report import plan_text

        click.echo(plan_text(result, NEW_PER_DAY))
