"""Printable flashcards from the card list (the same cards as the Anki deck), for double-sided printing.

One printed card per Anki card: a cloze note prints one card per blank, the others shown, as Anki
shows them. A front has the cue (scenario and category) in small bold type above the question; a
back has the answer in bold, then the card's extra (why, source, the question to ask) smaller,
each line with its label in bold. Pages alternate: fronts, then the backs of the same cards,
mirrored so that each back lands behind its front (columns mirrored for long-edge duplex, rows for
short-edge). Text shrinks to fit its card down to MIN_SIZE, then wraps; text that does not fit even
then continues on extra cards ("part 2 of 3"), so nothing is clipped, overflows or is dropped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from reqdrill.content.model import Content
from reqdrill.render.pdf.common import (
    BOLD,
    BOTTOM_MARGIN,
    MARGIN,
    REGULAR,
    PdfMeta,
    bold,
    build_pages,
    page_size,
    style,
)
from reqdrill.render.pdf.fonts import markup
from reqdrill.render.pdf.plainpara import paragraph
from reqdrill.study.cards import ROOT_DECK, Card, Face, build_cards

Duplex = Literal["long-edge", "short-edge"]
MAX_SIZE, MIN_SIZE = 13.0, 8.0
SIZES = tuple(MAX_SIZE - 0.5 * i for i in range(int((MAX_SIZE - MIN_SIZE) * 2) + 1))
LABEL_SIZE = 8.0
CUE_SIZE = 9.0
EXTRA_SIZE = 9.0  # the extra under an answer: the same size on every card unless space is short
PAD = 10.0
LABEL_H = 14.0
GAP = 6.0  # between the cue and the question, and between the answer and its extra
CHUNK = 1500  # very long text is split into pieces this size before fitting, to stay linear
CUT = colors.HexColor("#9E9E9E")
MUTED = "#4D4D4D"

Block = tuple[Paragraph, float]
"""A wrapped paragraph and its height."""


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
    """One side of one printed card: its paragraphs from the top (none: a blank continuation)."""

    pinned: tuple[Block, ...]
    """Paragraphs at the top of the card (a front's cue)."""
    body: tuple[Block, ...]
    """Paragraphs centered in the room below."""
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


Spec = tuple[str, ParagraphStyle]
"""A paragraph's markup and style."""


def _specs(face: Face, extra: Sequence[tuple[str, str]], size: float, back: bool) -> list[Spec]:
    """A side's paragraphs at a text size: a front's question, or a back's answer and extra."""
    if not back:
        return [(markup(piece), style(size)) for piece in _pieces(face.question)]
    out = [(markup(piece, BOLD), style(size, bold=True)) for piece in _pieces(face.answer)]
    small = style(max(MIN_SIZE, min(EXTRA_SIZE, size - 2.5)), color=MUTED)
    for label, text in extra:
        for i, piece in enumerate(_pieces(text)):
            lead = bold(f"{label}: ") if label and i == 0 else ""
            out.append((lead + markup(piece), small))
    return out


def _height(blocks: Sequence[Block]) -> float:
    return sum(h for _, h in blocks) + GAP * max(0, len(blocks) - 1)


class _Wrapped:
    """Paragraphs wrapped to the card width, each made once: extra lines such as a scenario's
    source or a category's "why it matters" repeat on dozens of cards."""

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        self.seen: dict[tuple[str, str], Block] = {}

    def __call__(self, specs: Sequence[Spec]) -> list[Block]:
        out = []
        for text, st in specs:
            block = self.seen.get((text, st.name))
            if block is None:
                p = paragraph(text, st)
                block = self.seen[(text, st.name)] = (p, p.wrap(self.width, self.height)[1])
            out.append(block)
        return out


def _flow(paragraphs: Sequence[Paragraph], width: float, height: float) -> list[list[Block]]:
    """Paragraphs poured into cards of `height`, splitting a paragraph where a card ends."""
    cards: list[list[Block]] = [[]]
    queue = list(paragraphs)
    while queue:
        p = queue.pop(0)
        room = height - _height(cards[-1]) - (GAP if cards[-1] else 0)
        h = p.wrap(width, height)[1]
        if h <= room:
            cards[-1].append((p, h))
            continue
        parts = p.split(width, room) if room > 0 else []
        if len(parts) >= 2:
            cards[-1].append((parts[0], parts[0].wrap(width, room)[1]))
            queue.insert(0, parts[1])
        elif cards[-1]:
            queue.insert(0, p)
        else:  # a single unbreakable line taller than a card: print it as it is
            cards[-1].append((p, h))
            continue
        cards.append([])
    return [c for c in cards if c] or [[]]


def _fit(
    face: Face, extra: Sequence[tuple[str, str]], back: bool, wrapped: _Wrapped, height: float
) -> list[list[Block]]:
    """A side's paragraphs at the largest size that fits one card; at MIN_SIZE, over several."""

    def attempt(size: float) -> list[Block]:
        return wrapped(_specs(face, extra, size, back))

    best = attempt(SIZES[0])
    if _height(best) <= height:
        return [best]
    # Fitting is monotone in the size: binary search for the largest size that fits.
    lo, hi, found = 1, len(SIZES) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        trial = attempt(SIZES[mid])
        if _height(trial) <= height:
            found, hi = trial, mid - 1
        else:
            lo = mid + 1
    if found is not None:
        return [found]
    fresh = [paragraph(text, st) for text, st in _specs(face, extra, MIN_SIZE, back)]
    return _flow(fresh, wrapped.width, height)


def _section(card: Card) -> str:
    """The deck a card belongs to, below the root: Framework, Question Bank, …, Scenarios."""
    return card.deck.removeprefix(ROOT_DECK + "::").split("::")[0]


def sides(cards: Sequence[Card], g: Grid) -> list[tuple[Side, Side]]:
    """Every printed card as (front, back): one per Anki card, long ones continued over several."""
    width, height = g.w - 2 * PAD, g.h - 2 * PAD - LABEL_H
    cue_style = style(CUE_SIZE, bold=True, color=MUTED)
    wrapped = _Wrapped(width, height)
    out: list[tuple[Side, Side]] = []
    number = 0
    for card in cards:
        for face in card.faces():
            number += 1
            cue = wrapped([(markup(face.cue, BOLD), cue_style)]) if face.cue else []
            room = height - (_height(cue) + GAP if cue else 0)
            fronts = _fit(face, (), False, wrapped, room)
            backs = _fit(face, card.extra, True, wrapped, height)
            parts = max(len(fronts), len(backs))
            for i in range(parts):
                label = f"#{number}" + (f" · part {i + 1} of {parts}" if parts > 1 else "")
                front = tuple(fronts[i]) if i < len(fronts) else ()
                back = tuple(backs[i]) if i < len(backs) else ()
                out.append(
                    (
                        Side(tuple(cue) if front else (), front, f"{label} · {_section(card)}"),
                        Side((), back, f"{label} · answer"),
                    )
                )
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


def _draw_side(canvas: Canvas, side: Side, x: float, y: float, g: Grid) -> None:
    canvas.saveState()
    canvas.setFont(REGULAR, LABEL_SIZE)
    canvas.setFillColor(colors.HexColor(MUTED))
    canvas.drawCentredString(x + g.w / 2, y + g.h - PAD - LABEL_SIZE, side.label)
    canvas.restoreState()
    top = y + g.h - PAD - LABEL_H
    if not side.body:
        canvas.setFont(REGULAR, MIN_SIZE)
        canvas.drawCentredString(x + g.w / 2, y + g.h / 2, "(continued on the other side)")
        return
    for p, h in side.pinned:
        p.drawOn(canvas, x + PAD, top - h)
        top -= h + GAP
    room = top - (y + PAD)
    cursor = top - (room - _height(side.body)) / 2  # the body is centered vertically in its room
    for p, h in side.body:
        p.drawOn(canvas, x + PAD, cursor - h)
        cursor -= h + GAP


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
                    _draw_side(canvas, back if is_back else front, x, y, g)
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
