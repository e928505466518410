"""`reqdrill pdf ...`: the printable PDFs, each written atomically."""

from __future__ import annotations

from pathlib import Path

import click

from reqdrill.cli.app import F, ReqdrillGroup, cli, content_option, load, paper_option


def pdf_options(f: F) -> F:
    """Add `--out FILE`, `--paper letter|a4` and `--content DIR` to a pdf command."""
    f = paper_option(content_option(f))
    return click.option(
        "--out",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Where to write the PDF [default: ./output/<name>.pdf, creating ./output].",
    )(f)


def write_output(data: bytes, out: Path | None, default_name: str) -> Path:
    """Write a built file atomically to --out, or to ./output/<default_name> (creating ./output)."""
    from reqdrill.errors import OutputError
    from reqdrill.files.atomic import atomic_write, describe_os_error

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
    "--fillable",
    is_flag=True,
    help="Add AcroForm text fields, radio groups and check boxes to fill in on screen.",
)
@pdf_options
def pdf_template(fillable: bool, out: Path | None, paper: str, content_root: Path | None) -> None:
    """The blank requirements document, to fill in by hand.

    With --fillable, the same document as an AcroForm: text fields, radio
    groups and check boxes that can be filled in a PDF viewer or on a tablet.
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
