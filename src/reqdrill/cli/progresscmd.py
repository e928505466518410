"""`reqdrill progress`: what the practice history shows, as text, JSON, a terminal chart or a PDF."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from reqdrill.cli.app import cli, content_option, load, paper_option
from reqdrill.cli.practiceopts import history_option


def coverage_chart(timeline: list[dict[str, Any]], width: int = 70, height: int = 14) -> str:
    """Categories covered per interview over time, drawn for the terminal with plotext."""
    import plotext as plt

    plt.clear_figure()
    plt.plotsize(width, height)
    plt.theme("clear")
    ys = [round(t["coverage"] * 7) for t in timeline]
    plt.plot(list(range(1, len(ys) + 1)), ys, marker="braille")
    plt.ylim(0, 7)
    plt.yticks(list(range(8)))
    step = max(1, len(ys) // 10)
    plt.xticks(list(range(1, len(ys) + 1, step)))
    plt.title("Categories covered per interview (oldest to newest)")
    plt.xlabel("interview")
    return str(plt.build())


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON (keys in docs/practice.md).")
@click.option(
    "--plot",
    "plot_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a printable progress report with charts to FILE.pdf.",
)
@click.option("--chart/--no-chart", default=None, help="Show the coverage chart [default: on a terminal].")
@history_option
@paper_option
@content_option
def progress(
    as_json: bool,
    plot_path: Path | None,
    chart: bool | None,
    history_path: Path | None,
    paper: str,
    content_root: Path | None,
) -> None:
    """Show your progress from the practice history.

    Interviews and drills, category coverage and trends (weakest first), recall times,
    question-generation hit rates, E6 signal rates, days practiced, what is due, and the Anki
    search for your weak categories' cards.
    """
    from reqdrill.practice.history import History, now
    from reqdrill.practice.progress import compute

    with History.open(history_path) as history:
        data = compute(history, now())
        where = str(history.path)
    if as_json:
        import json

        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    if not as_json or plot_path is not None:
        content = load(content_root)
        names = {c.id: c.name for c in content.categories}
    if not as_json:
        from reqdrill.practice.report import progress_text

        click.echo(progress_text(data, names, where))
        show = sys.stdout.isatty() if chart is None else chart
        if show and len(data["timeline"]) >= 2:
            click.echo(coverage_chart(data["timeline"]))
    if plot_path is not None:
        from reqdrill.files.atomic import atomic_write
        from reqdrill.render.pdf.progress import render

        atomic_write(plot_path, render(data, names, paper=paper))
        click.echo(f"wrote {plot_path}", err=as_json)
