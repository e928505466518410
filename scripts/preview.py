"""Render every kind of reqdrill PDF, on Letter and A4, to PNG pages for a look before printing.

    .venv/bin/python scripts/preview.py                  # everything into output/preview/
    .venv/bin/python scripts/preview.py --paper a4 --only template --dpi 110

Writes `<paper>/<kind>.pdf` and `<paper>/<kind>-p<N>.png` under the output folder (git-ignored),
and prints one line per PDF with its page count. Rendering uses pypdfium2 (PDFium, the engine of
Chrome's viewer) with its form layer on, so the fillable template's fields show as a viewer
draws them. The drill sheets cover every kind, each with its answer key.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from reqdrill.content.load import load_content
from reqdrill.content.model import Content
from reqdrill.content.paths import bundled_root

DRILL_KINDS = ("recall", "questions", "classify", "mock", "tradeoff", "deep-dive")
DRILL_SEED = 7


def documents(content: Content, paper: str) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """(name, build) for every PDF kind: templates, cheat sheet, answer keys, flashcards, drills."""
    from reqdrill.render.pdf.cheatsheet import render_cheatsheet
    from reqdrill.render.pdf.drills import render as render_drill
    from reqdrill.render.pdf.flashcards import render_deck_flashcards
    from reqdrill.render.pdf.scenario import render_scenarios
    from reqdrill.render.pdf.template import render_template
    from reqdrill.study.drills import generate

    yield "template", lambda: render_template(content, paper)
    yield "template-fillable", lambda: render_template(content, paper, fillable=True)
    yield "cheat-sheet", lambda: render_cheatsheet(content, paper)
    yield "scenarios", lambda: render_scenarios(content, paper)
    yield "flashcards", lambda: render_deck_flashcards(content, paper, 8, "long-edge")
    yield "drill-mixed", lambda: render_drill(generate(content, DRILL_SEED), paper=paper)
    for kind in DRILL_KINDS:
        yield (
            f"drill-{kind}",
            lambda kind=kind: render_drill(generate(content, DRILL_SEED, (kind,)), paper=paper),
        )


def to_png(pdf: bytes, stem: Path, dpi: float) -> int:
    """Write each page of `pdf` as `<stem>-p<N>.png`; return the page count."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    doc.init_forms()  # draw AcroForm fields (text, check boxes, radio buttons) as a viewer does
    try:
        for index in range(len(doc)):
            page = doc[index]
            image = page.render(scale=dpi / 72, may_draw_forms=True).to_pil()
            image.save(stem.parent / f"{stem.name}-p{index + 1}.png", optimize=True)
        return len(doc)
    finally:
        doc.close()


def main(argv: list[str] | None = None) -> int:
    """Build and render the selected PDFs; print where they went."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("output/preview"), help="folder for PDFs and PNGs")
    parser.add_argument("--paper", choices=("letter", "a4"), action="append", help="default: both")
    parser.add_argument("--only", action="append", help="a PDF kind such as template or drill-mock")
    parser.add_argument("--dpi", type=float, default=80.0, help="resolution of the PNGs (default 80)")
    parser.add_argument("--content", type=Path, help="content folder (default: the bundled content)")
    args = parser.parse_args(argv)
    content = load_content(args.content or bundled_root())
    for paper in args.paper or ["letter", "a4"]:
        folder = args.out / paper
        folder.mkdir(parents=True, exist_ok=True)
        for name, build in documents(content, paper):
            if args.only and name not in args.only:
                continue
            pdf = build()
            for old in folder.glob(f"{name}-p*.png"):
                old.unlink()
            (folder / f"{name}.pdf").write_bytes(pdf)
            pages = to_png(pdf, folder / name, args.dpi)
            print(f"{folder / name}.pdf: {pages} page{'s' * (pages != 1)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
