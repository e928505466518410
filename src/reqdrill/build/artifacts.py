"""What `reqdrill build` writes: each artifact, its file name, and the function that produces it.

Renderers are imported inside the producers, so the build loads each library once, when needed.
"""

from __future__ import annotations

import re
from pathlib import Path

from reqdrill.build.plan import Artifact, BuildContext, Producer
from reqdrill.content.listing import plural

DRILLS_DIR = "drills"
_PAGES = re.compile(rb"/Count (\d+) /Kids")


def pdf_pages(data: bytes) -> int:
    """The page count of a PDF that reportlab wrote (its page tree's root /Count)."""
    match = _PAGES.search(data)
    return int(match.group(1)) if match else 0


def _pages(data: bytes, target: Path) -> str:
    target.write_bytes(data)
    return plural(pdf_pages(data), "page")


def warm_pdf(ctx: BuildContext) -> None:
    """reportlab, the bundled fonts and the drill-sheet renderer: what workers would each load."""
    from reqdrill.render.pdf import drills  # noqa: F401 (imports reportlab.platypus and the fonts)
    from reqdrill.render.pdf.fonts import register_fonts

    register_fonts()


def deck(ctx: BuildContext, target: Path) -> str:
    """The Anki package; brings the content's reqdrill.lock up to date, as `reqdrill anki` does."""
    from reqdrill.anki.deck import build_anki, retired_notes

    result = build_anki(ctx.content, ctx.root, target)
    warning = result.warning()
    if warning:
        ctx.warnings.append(warning)
    amount = f"{plural(result.notes, 'note')}, {plural(result.cards, 'card')}"
    retired = len(retired_notes(result.lock.retired))
    if retired:  # `reqdrill anki` lists them with the Anki search that finds them
        amount += f"; {retired} retired, see reqdrill anki"
    return amount


def template(ctx: BuildContext, target: Path) -> str:
    """The blank requirements document for writing by hand."""
    from reqdrill.render.pdf.template import render_template

    return _pages(render_template(ctx.content, ctx.options.paper), target)


def fillable_template(ctx: BuildContext, target: Path) -> str:
    """The requirements document as a fillable form."""
    from reqdrill.render.pdf.template import render_template

    return _pages(render_template(ctx.content, ctx.options.paper, fillable=True), target)


def cheatsheet(ctx: BuildContext, target: Path) -> str:
    """The two-page cheat sheet."""
    from reqdrill.render.pdf.cheatsheet import render_cheatsheet

    return _pages(render_cheatsheet(ctx.content, ctx.options.paper), target)


def scenarios(ctx: BuildContext, target: Path) -> str:
    """Every scenario's answer key, one bookmark each."""
    from reqdrill.render.pdf.scenario import render_scenarios

    return _pages(render_scenarios(ctx.content, ctx.options.paper), target)


def flashcards(ctx: BuildContext, target: Path) -> str:
    """The deck's cards, printable for long-edge duplex."""
    from reqdrill.render.pdf.flashcards import render_flashcards

    return _pages(render_flashcards(ctx.cards, ctx.options.paper), target)


def _sheets(ctx: BuildContext) -> list:  # type: ignore[type-arg]
    if "sheets" not in ctx.cache:
        from reqdrill.study.drills import generate_batch

        ctx.cache["sheets"] = generate_batch(ctx.content, ctx.options.seed, ctx.options.drills)
    return ctx.cache["sheets"]  # type: ignore[no-any-return]


def _drill(index: int, fmt: str) -> Producer:
    """A producer for one sheet of the build's batch, in one format."""

    def produce(ctx: BuildContext, target: Path) -> str:
        from reqdrill.render.drillout import render_sheet

        data = render_sheet(_sheets(ctx)[index], fmt, paper=ctx.options.paper)
        if fmt == "pdf":
            return _pages(data, target)
        target.write_bytes(data)
        lines = data.count(b"\n")
        return f"{lines} lines"

    return produce


def drill_index(ctx: BuildContext, target: Path) -> str:
    """drills/index.md: every sheet of the build with its seed, kinds and files."""
    sheets = _sheets(ctx)
    lines = [
        "# Drill sheets",
        "",
        f"{len(sheets)} seeded drill sheets, each with its answer key on separate pages. "
        "Regenerate any one with `reqdrill drill --seed SEED`.",
        "",
        "| # | seed | kinds | Markdown | PDF |",
        "|---|---|---|---|---|",
    ]
    for i, sheet in enumerate(sheets, 1):
        name = f"drill-{sheet.seed}"
        lines.append(
            f"| {i} | {sheet.seed} | {', '.join(sheet.kinds)} "
            f"| [{name}.md]({name}.md) | [{name}.pdf]({name}.pdf) |"
        )
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"{len(sheets)} sheets"


def plan(ctx: BuildContext) -> list[Artifact]:
    """Every artifact of a build, in the order they are produced."""
    from reqdrill.study.drills import batch_seeds

    # Costs are rough CPU times in units of about 10 ms, so a parallel build can balance them.
    artifacts = [
        Artifact("reqdrill.apkg", "Anki deck", deck, cost=8),
        Artifact("requirements-template.pdf", "requirements template", template, 4, warm_pdf),
        Artifact(
            "requirements-template-fillable.pdf",
            "fillable requirements template",
            fillable_template,
            4,
            warm_pdf,
        ),
        Artifact("cheat-sheet.pdf", "cheat sheet", cheatsheet, 4, warm_pdf),
        Artifact("scenarios.pdf", "scenario answer keys", scenarios, 30, warm_pdf),
        Artifact("flashcards.pdf", "duplex flashcards", flashcards, 60, warm_pdf),
    ]
    if ctx.options.drills == 0:
        return artifacts
    for i, seed in enumerate(batch_seeds(ctx.options.seed, ctx.options.drills)):
        for fmt in ("md", "pdf"):
            cost, warm = (3, warm_pdf) if fmt == "pdf" else (1, None)
            path = f"{DRILLS_DIR}/drill-{seed}.{fmt}"
            artifacts.append(Artifact(path, f"drill sheet {seed} ({fmt})", _drill(i, fmt), cost, warm))
    artifacts.append(Artifact(f"{DRILLS_DIR}/index.md", "drill index", drill_index))
    return artifacts
