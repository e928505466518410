"""`reqdrill build`: every artifact into one output directory, atomically."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reqdrill.cli.app import cli, content_option, load, paper_option, resolve_root


@cli.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output directory; it must exist [default: ./output, created if missing].",
)
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    help="Seed of the first drill sheet [default: a random one, printed].",
)
@paper_option
@click.option(
    "--drills",
    "drill_count",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="Number of drill sheets (each as .md and .pdf).",
)
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes [default: one per core, up to 4].")
@content_option
def build(
    out: Path | None,
    seed: int | None,
    paper: str,
    drill_count: int,
    jobs: int | None,
    content_root: Path | None,
) -> None:
    """Build every artifact into the output directory, atomically.

    Writes the Anki deck, the PDFs (template, fillable template, cheat sheet, scenario answer keys,
    flashcards), seeded drill sheets with an index, and manifest.json. Everything is staged first:
    a failure or Ctrl-C leaves the previous outputs exactly as they were.
    """
    from reqdrill.build.artifacts import plan
    from reqdrill.build.plan import BuildContext, BuildOptions
    from reqdrill.build.runner import prepare_out_dir, run_build, summary_table

    if seed is None:
        import secrets

        seed = secrets.randbelow(1_000_000)
    root = resolve_root(content_root)
    ctx = BuildContext(load(content_root), root, BuildOptions(seed, paper, drill_count))
    out_dir = prepare_out_dir(out)
    artifacts = plan(ctx)
    click.echo(f"reqdrill build: seed {seed}, paper {paper}, {len(artifacts) + 1} files into {out_dir}")
    if sys.stdout.isatty():
        with click.progressbar(length=len(artifacts), label="building", show_pos=True) as bar:
            report = run_build(ctx, artifacts, out_dir, lambda built: bar.update(1), jobs)
    else:
        report = run_build(
            ctx, artifacts, out_dir, lambda b: click.echo(f"built {b.artifact.path}: {b.amount}"), jobs
        )
    click.echo("\n".join(summary_table(report)))
    for warning in ctx.warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(f"seed {seed}: repeat this build with --seed {seed}")
