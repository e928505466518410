"""Flashcard PDF pages per second against raw reportlab platypus laying out the same text.

Run: `.venv/bin/python benchmarks/pdf_flashcards.py [repeats]`. Prints both rates and their ratio
(the target is a ratio of at least 0.8). Best of `repeats` runs each, fonts loaded beforehand.
"""

from __future__ import annotations

import io
import sys
import time
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from reqdrill.content.load import load_content
from reqdrill.content.paths import bundled_root
from reqdrill.render.pdf.common import REGULAR, page_size, register_fonts
from reqdrill.render.pdf.flashcards import render_flashcards
from reqdrill.study.cards import build_cards


def best(fn, repeats: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def rates(repeats: int = 5) -> tuple[float, float]:
    """Best flashcard pages per second, and raw platypus pages per second on the same text."""
    register_fonts()
    cards = build_cards(load_content(bundled_root()))
    # The same text as the printed cards: each Anki card's front, answer and extra.
    texts = [t for card in cards for face in card.faces() for t in (face.front, face.answer, card.context)]
    pages = len(render_flashcards(cards).split(b"/Type /Page\n")) - 1

    def raw() -> int:
        style = ParagraphStyle("raw", fontName=REGULAR, fontSize=10, leading=12)
        doc = SimpleDocTemplate(io.BytesIO(), pagesize=page_size("letter"), invariant=1)
        doc.build([Paragraph(escape(t).replace("\n", "<br/>"), style) for t in texts])
        return doc.page

    raw_pages = raw()
    return pages / best(lambda: render_flashcards(cards), repeats), raw_pages / best(raw, repeats)


def main() -> None:
    ours, theirs = rates(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
    print(f"flashcards: {ours:.1f} pages/s")
    print(f"raw platypus, same text: {theirs:.1f} pages/s")
    print(f"ratio: {ours / theirs:.2f}")


if __name__ == "__main__":
    main()
