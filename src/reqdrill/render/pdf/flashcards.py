"""Printable flashcards from the card list (the same cards as the Anki deck), for double-sided printing.

Pages alternate: fronts, then the backs of the same cards, mirrored so that each back lands behind
its front (columns mirrored for long-edge duplex, rows for short-edge). Text shrinks to fit its
card down to MIN_SIZE, then wraps; text that does not fit even then continues on extra cards
("part 2 of 3"), so nothing is clipped, overflows or is dropped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from reqdrill.content.model import Content
from reqdrill.render.pdf.common import BOTTOM_MARGIN, MARGIN, REGULAR, PdfMeta, build_pages, page_size, style
from reqdrill.render.pdf.fonts import markup
from reqdrill.render.pdf.plainpara import paragraph
from reqdrill.study.cards import Card, build_cards

Duplex = Literal["long-edge", "short-edge"]
MAX_SIZE, MIN_SIZE = 12.0, 7.0
SIZES = tuple(MAX_SIZE - 0.5 * i for i in range(int((MAX_SIZE - MIN_SIZE) * 2) + 1))
LABEL_SIZE = 6.5
PAD = 9.0
LABEL_H = 11.0
CHUNK = 1500  # very long text is split into pieces this size before fitting, to stay linear
CUT = colors.HexColor("#9E9E9E")


@dataclass(frozen=True)
class Grid:
    """Where the cards of one page go: `cols` × `rows` cells of `w` × `h` points from (x0, y0)."""

    cols: int
    rows: int
    x0: float
    y0: float
    w: float
    h: float

    def cell(self, index: int, mirror: Duplex | None = None) -> tuple[float, float]:
        """Lower-left corner of slot `index` (row-major from the top), mirrored for a back page."""
        row, col = divmod(index, self.cols)
        if mirror == "long-edge":
            col = self.cols - 1 - col
        elif mirror == "short-edge":
            row = self.rows - 1 - row
        return self.x0 + col * self.w, self.y0 + (self.rows - 1 - row) * self.h


def grid(paper: str, per_page: int) -> Grid:
    """The card grid: cells fill the area inside symmetric margins, about 3:2 landscape cards."""
    width, height = page_size(paper)
    area_w, area_h = width - 2 * MARGIN, height - 2 * BOTTOM_MARGIN

    def score(cols: int) -> float:
        rows = math.ceil(per_page / cols)
        return (cols * rows - per_page) * 10 + abs(math.log((area_w / cols) / (area_h / rows) / 1.5))

    cols = min(range(1, per_page + 1), key=score)
    rows = math.ceil(per_page / cols)
    return Grid(cols, rows, MARGIN, BOTTOM_MARGIN, area_w / cols, area_h / rows)


@dataclass(frozen=True)
class Side:
    """One side of one printed card: a wrapped paragraph and its height (None: a blank continuation)."""

    body: Paragraph | None
    height: float
    label: str


def _pieces(text: str) -> list[str]:
    """Very long text in pieces of about CHUNK characters, cut at spaces, so that fitting stays linear."""
    if len(text) <= CHUNK * 2:
        return [text]
    out = []
    while len(text) > CHUNK:
        cut = text.rfind(" ", CHUNK // 2, CHUNK)
        cut = cut + 1 if cut > 0 else CHUNK
        out.append(text[:cut])
        text = text[cut:]
    return [*out, text] if text else out


def _fit(text: str, width: float, height: float) -> list[tuple[Paragraph, float]]:
    """Wrapped paragraphs, one per card, at the largest size that fits; at MIN_SIZE, split over cards."""
    pieces = _pieces(text)
    if len(pieces) == 1:
        text_markup = markup(text)

        def attempt(size: float) -> tuple[Paragraph, float]:
            p = paragraph(text_markup, style(size))
            return p, p.wrap(width, height)[1]

        best = attempt(SIZES[0])
        if best[1] <= height:
            return [best]
        # Fitting is monotone in the size: binary search for the largest size that fits.
        lo, hi, found = 1, len(SIZES) - 1, None
        while lo <= hi:
            mid = (lo + hi) // 2
            trial = attempt(SIZES[mid])
            if trial[1] <= height:
                found, hi = trial, mid - 1
            else:
                lo = mid + 1
        if found is not None:
            return [found]
    out: list[tuple[Paragraph, float]] = []
    for piece in pieces:
        p = paragraph(markup(piece), style(MIN_SIZE))
        h = p.wrap(width, height)[1]
        while h > height:
            parts = p.split(width, height)
            if len(parts) < 2:  # a single unbreakable line taller than a card: print it as it is
                break
            out.append((parts[0], parts[0].wrap(width, height)[1]))
            p = parts[1]
            h = p.wrap(width, height)[1]
        out.append((p, h))
    return out


def sides(cards: Sequence[Card], g: Grid) -> list[tuple[Side, Side]]:
    """Every printed card as (front, back), long cards continued over several."""
    width, height = g.w - 2 * PAD, g.h - 2 * PAD - LABEL_H
    out: list[tuple[Side, Side]] = []
    for number, card in enumerate(cards, 1):
        fronts, backs = _fit(card.front, width, height), _fit(card.back, width, height)
        parts = max(len(fronts), len(backs))
        for i in range(parts):
            label = f"#{number}" + (f" · part {i + 1} of {parts}" if parts > 1 else "")
            front = fronts[i] if i < len(fronts) else (None, 0.0)
            back = backs[i] if i < len(backs) else (None, 0.0)
            out.append((Side(front[0], front[1], label), Side(back[0], back[1], label)))
    return out


def _draw_cuts(canvas: Canvas, g: Grid, paper: str) -> None:
    width, height = page_size(paper)
    canvas.saveState()
    canvas.setStrokeColor(CUT)
    canvas.setLineWidth(0.5)
    canvas.setDash(4, 3)
    # Cut lines run past the grid towards the edges, but stop short of the footer.
    bottom, top = g.y0 - 0.2 * inch, min(height - 0.25 * inch, g.y0 + g.rows * g.h + 0.3 * inch)
    for c in range(g.cols + 1):
        x = g.x0 + c * g.w
        canvas.line(x, bottom, x, top)
    for r in range(g.rows + 1):
        y = g.y0 + r * g.h
        canvas.line(0.25 * inch, y, width - 0.25 * inch, y)
    canvas.restoreState()


def _draw_side(canvas: Canvas, side: Side, x: float, y: float, g: Grid, back: bool) -> None:
    canvas.saveState()
    canvas.setFont(REGULAR, LABEL_SIZE)
    canvas.setFillColor(colors.HexColor("#4D4D4D"))
    canvas.drawCentredString(
        x + g.w / 2, y + g.h - PAD - LABEL_SIZE, side.label + (" · answer" if back else "")
    )
    canvas.restoreState()
    if side.body is None:
        note = "(continued on the other side)"
        canvas.setFont(REGULAR, MIN_SIZE)
        canvas.drawCentredString(x + g.w / 2, y + g.h / 2, note)
        return
    top = y + g.h - PAD - LABEL_H
    room = top - (y + PAD)
    side.body.drawOn(canvas, x + PAD, top - side.height - (room - side.height) / 2)  # centered vertically


def render_flashcards(
    cards: Sequence[Card], paper: str = "letter", per_page: int = 8, duplex: Duplex = "long-edge"
) -> bytes:
    """The cards as PDF bytes: a page of fronts, then a page of their mirrored backs, and so on."""
    g = grid(paper, per_page)
    printed = sides(cards, g)

    def draw(canvas: Canvas) -> None:
        for start in range(0, max(len(printed), 1), per_page):
            page = printed[start : start + per_page]
            for is_back in (False, True):
                _draw_cuts(canvas, g, paper)
                for i, (front, back) in enumerate(page):
                    x, y = g.cell(i, duplex if is_back else None)
                    _draw_side(canvas, back if is_back else front, x, y, g, is_back)
                canvas.showPage()

    meta = PdfMeta(
        title="Clarifying requirements flashcards", subject="reqdrill flashcards", label="flashcards"
    )
    return build_pages(draw, meta, paper, duplex=duplex)


def render_deck_flashcards(
    content: Content, paper: str = "letter", per_page: int = 8, duplex: Duplex = "long-edge"
) -> bytes:
    """The content's whole card list (the Anki deck's cards) as printable flashcards."""
    return render_flashcards(build_cards(content), paper, per_page, duplex)
