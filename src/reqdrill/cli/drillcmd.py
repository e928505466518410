"""`reqdrill drill`: seeded drill sheets with answer keys."""

from __future__ import annotations

from pathlib import Path

import click

from reqdrill.cli.app import cli, content_option, load, paper_option
from reqdrill.cli.practiceopts import adaptive_option, history_option

DRILL_KINDS = ("mixed", "recall", "questions", "classify", "mock", "tradeoff", "deep-dive")


@cli.command()
@click.option(
    "--seed", type=click.IntRange(min=0), help="Seed of the (first) sheet [default: a random one, printed]."
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(DRILL_KINDS),
    help="Exercise kind; repeat for several [default: mixed, a short session drawing on several kinds].",
)
@click.option(
    "--count",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Sheets to write, seeds SEED, SEED+1, ...",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "pdf", "json"]),
    default="md",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="File, or directory for --count > 1; '-' is stdout "
    "[default: stdout for md/json, output/drill-SEED.pdf for pdf, output/drills/ for a batch].",
)
@click.option("--answers/--no-answers", default=True, show_default=True, help="Include the answer key.")
@click.option("--scenario", metavar="ID", help="Use this scenario for every scenario exercise.")
@adaptive_option("scenarios (prints why on stderr)")
@history_option
@paper_option
@content_option
def drill(
    seed: int | None,
    kinds: tuple[str, ...],
    count: int,
    fmt: str,
    out: Path | None,
    answers: bool,
    scenario: str | None,
    adaptive: bool,
    history_path: Path | None,
    paper: str,
    content_root: Path | None,
) -> None:
    """Draw seeded drill sheets with answer keys, as Markdown, PDF or JSON.

    The same content, seed and options give byte-identical output. With --count N the sheets get
    seeds SEED, SEED+1, ..., SEED+N-1; each regenerates alone from the seed printed on it, and over
    the batch every category and scenario is drawn within one of every other.
    """
    from reqdrill.render.drillout import STDOUT, DrillRequest, run

    if count > 1 and out == STDOUT:
        raise click.UsageError("--out - writes one sheet to stdout; give a directory for --count > 1")
    if seed is None:
        import secrets

        seed = secrets.randbelow(1_000_000)
        click.echo(f"seed: {seed}", err=True)
    content = load(content_root)
    request = DrillRequest(seed, count, kinds, scenario, fmt, answers, paper, out)
    if adaptive:
        from reqdrill.cli.practiceopts import run_drills

        result = run_drills(content, request, history_path)
    else:
        result = run(content, request)
    if count > 1:
        import gc

        # A batch leaves tens of thousands of objects, none in cycles, and the process is about to
        # end: freezing them (and the modules) spares the collector its full passes at exit, ≈6%
        # of a 1,000-sheet run. Reference counting still frees them; an in-process caller's
        # objects from before are only left out of later cyclic collections.
        gc.freeze()
    if result.stdout is not None:
        click.echo(result.stdout, nl=False)
    elif count == 1:
        click.echo(f"wrote {result.written[0]}")
    else:
        last = seed + count - 1
        click.echo(f"wrote {count} drill sheets (seeds {seed}-{last}) to {result.written[0].parent}")
