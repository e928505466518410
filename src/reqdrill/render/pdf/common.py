"""Shared PDF machinery: paper sizes, "page X of Y" footers, running heads, metadata; styles from `text`.

Every reqdrill PDF (template, answer keys, cheat sheet, flashcards, drill sheets) is built with
`build_story` (platypus flowables) or `build_pages` (direct canvas drawing). Both return bytes,
byte-identical for the same input (reportlab's invariant mode), with embedded fonts, metadata
title/subject/creator `reqdrill <version>` and a footer "page X of Y" on every page.

Content text must only reach reportlab through `para`, `paras`, `markup` or `bold`, which escape it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from reqdrill import __version__
from reqdrill.errors import SelectionError
from reqdrill.render.pdf.fonts import BOLD, CJK, REGULAR, bold, escape, markup, register_fonts, string_width
from reqdrill.render.pdf.plainpara import paragraph
from reqdrill.render.pdf.text import CHUNK, Styles, para, paras, style, styles

__all__ = [
    "BOLD", "CJK", "REGULAR", "PAPERS", "MARGIN", "BOTTOM_MARGIN", "INK", "MUTED", "RULE",
    "PdfMeta", "Bookmark", "bold", "escape", "markup", "para", "paras", "style", "styles", "Styles",
    "page_size", "frame_size", "tint", "build_story", "build_pages", "fit_story", "build", "Built",
    "RunningHead", "CHUNK",
]  # fmt: skip

Paper = Literal["letter", "a4"]
PAPERS: dict[str, tuple[float, float]] = {"letter": LETTER, "a4": A4}
# Home inkjets and lasers cannot print the outer ~0.25 in; keep all ink, footer included, 0.45 in in.
MARGIN = 0.6 * inch
BOTTOM_MARGIN = 0.8 * inch
FOOTER_Y = 0.45 * inch
INK = colors.HexColor("#000000")
MUTED = colors.HexColor("#4D4D4D")  # 70 % gray: still dark on a grayscale printer
RULE = colors.HexColor("#808080")


@dataclass(frozen=True)
class PdfMeta:
    """What a PDF says about itself: metadata title and subject, and the footer's short label."""

    title: str
    subject: str
    label: str


def page_size(paper: str) -> tuple[float, float]:
    """Width and height in points of a paper name (`letter` or `a4`)."""
    try:
        return PAPERS[paper]
    except KeyError:
        raise SelectionError(f"unknown paper size {paper!r}; choose one of: {', '.join(PAPERS)}") from None


def frame_size(paper: str) -> tuple[float, float]:
    """Width and height of the printable area inside the margins (above the footer)."""
    width, height = page_size(paper)
    return width - 2 * MARGIN, height - MARGIN - BOTTOM_MARGIN


def tint(hex_color: str, min_luminance: float = 0.72) -> colors.Color:
    """A content color lightened until black text on it reads in color and in grayscale."""
    c = colors.HexColor(hex_color)
    r, g, b = c.red, c.green, c.blue
    for _ in range(20):
        if 0.299 * r + 0.587 * g + 0.114 * b >= min_luminance:
            break
        r, g, b = (v + (1 - v) * 0.2 for v in (r, g, b))
    return colors.Color(r, g, b)


# ---------------------------------------------------------------- bookmarks


class Bookmark(Flowable):
    """An invisible flowable that adds a PDF outline entry (bookmark) pointing at where it lands."""

    def __init__(self, key: str, title: str, level: int = 0) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key, fit="XYZ", top=self.canv._pagesize[1])
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)
        self.canv.showOutline()


class RunningHead(Flowable):
    """An invisible flowable where a part of the document starts: later pages of the part carry
    its name and "(continued)" at their top (see `FooterCanvas`)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        self.canv.rd_running = (self.name, self.canv.getPageNumber())


# ---------------------------------------------------------------- page template and footer

_TOTAL_FORM = "rdPageTotal"
FOOTER_SIZE = 8.0
RUNNING_SIZE = 8.5
RUNNING_Y = 0.42 * inch  # baseline of the running head below the page's top edge


class FooterCanvas(Canvas):
    """A canvas that writes "page X of Y" and a label on every page, and a running head on
    continuation pages.

    Y is unknown until the end, so each page refers to a small form XObject that `save` fills in
    with the final page count: one pass, no second layout. The running head names the part that
    a page continues (a scenario, a drill sheet, its answer key): a `RunningHead` flowable in the
    story names each part where it starts, and a page on which no part starts repeats the name
    of the part it continues, followed by "(continued)".
    """

    def __init__(self, *args: Any, label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer_label = label
        self.rd_running: tuple[str, int] | None = None  # the current part's name, its first page
        self.rd_stretched: list[tuple[int, int, float, int]] = []  # (page, stretch id, rule gap, rules)

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._draw_footer()
        self._draw_running_head()
        super().showPage()

    def _draw_running_head(self) -> None:
        if self.rd_running is None or self.rd_running[1] == self.getPageNumber():
            return
        width, height = self._pagesize
        head = paragraph(markup(self.rd_running[0]) + " (continued)", style(RUNNING_SIZE, color="#4D4D4D"))
        _, h = head.wrap(width - 2 * MARGIN, MARGIN)
        head.drawOn(self, MARGIN, height - RUNNING_Y - h + RUNNING_SIZE)
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, height - RUNNING_Y - 3.5, width - MARGIN, height - RUNNING_Y - 3.5)
        self.restoreState()

    def _draw_footer(self) -> None:
        width, _ = self._pagesize
        self.saveState()
        self.setFont(REGULAR, FOOTER_SIZE)
        self.setFillColor(MUTED)
        text = f"page {self.getPageNumber()} of "
        self.drawString(MARGIN, FOOTER_Y, text)
        self.saveState()
        self.translate(MARGIN + string_width(text, REGULAR, FOOTER_SIZE), FOOTER_Y)
        self.doForm(_TOTAL_FORM)
        self.restoreState()
        self.drawRightString(width - MARGIN, FOOTER_Y, f"reqdrill · {self._footer_label}")
        self.restoreState()

    def save(self) -> None:
        total = self.getPageNumber() - 1
        self.beginForm(_TOTAL_FORM)
        self.setFont(REGULAR, FOOTER_SIZE)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(total))
        self.endForm()
        super().save()


def _apply_meta(canvas: Canvas, meta: PdfMeta, duplex: str | None) -> None:
    canvas.setTitle(meta.title)
    canvas.setSubject(meta.subject)
    canvas.setCreator(f"reqdrill {__version__}")
    canvas.setAuthor("reqdrill")
    if duplex is not None:
        canvas.setViewerPreference("Duplex", duplex)


DUPLEX_PREFS = {"long-edge": "DuplexFlipLongEdge", "short-edge": "DuplexFlipShortEdge"}


@dataclass(frozen=True)
class Built:
    """A laid-out PDF and what the layout left: free height at the foot of each page, and where
    each stretchable write-in area landed (see `pagefill`)."""

    data: bytes
    pages: int
    free: dict[int, float]  # page number → free height below the last flowable, in points
    stretched: tuple[tuple[int, int, float, int], ...]  # (page, stretch id, rule gap, rules), as drawn


class _Doc(BaseDocTemplate):
    """A document template that notes how much of each page's frame was left empty."""

    def afterPage(self) -> None:  # noqa: N802 (reportlab's name)
        self.rd_free[self.page] = self.frame._y - self.frame._y1p


def build_story(story: Sequence[Flowable], meta: PdfMeta, paper: str, *, duplex: str | None = None) -> bytes:
    """Lay out flowables on pages of `paper` inside the shared margins; return the PDF bytes."""
    return build(story, meta, paper, duplex).data


def fit_story(
    make: Callable[[float], Sequence[Flowable]],
    meta: PdfMeta,
    paper: str,
    max_pages: int,
    scales: Sequence[float],
) -> bytes:
    """Build `make(scale)` for each scale in turn and keep the first that fits in `max_pages`.

    If none fits, the last (smallest) scale is kept and the content flows onto more pages:
    nothing is ever cut off to meet a page budget.
    """
    for scale in scales:
        built = build(make(scale), meta, paper, None)
        if built.pages <= max_pages:
            return built.data
    return built.data


def build(
    story: Sequence[Flowable], meta: PdfMeta, paper: str, duplex: str | None = None, *, measure: bool = False
) -> Built:
    """Lay out flowables inside the shared margins, with footers and running heads.

    With `measure`, only the layout is wanted: no PDF is written (`data` is empty).
    """
    register_fonts()
    width, height = page_size(paper)
    buffer = io.BytesIO()
    doc = _Doc(
        buffer,
        pagesize=(width, height),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=meta.title,
        subject=meta.subject,
        creator=f"reqdrill {__version__}",
        author="reqdrill",
        invariant=1,
        duplex=DUPLEX_PREFS.get(duplex or ""),
    )
    doc.rd_free = {}
    doc._doSave = not measure  # reportlab's switch for writing the file at the end of a build
    frame = Frame(MARGIN, BOTTOM_MARGIN, *frame_size(paper), id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    canvases: list[FooterCanvas] = []

    def canvasmaker(*args: Any, **kwargs: Any) -> FooterCanvas:
        canvases.append(FooterCanvas(*args, label=meta.label, **kwargs))
        return canvases[-1]

    doc.build(list(story), canvasmaker=canvasmaker)
    return Built(buffer.getvalue(), doc.page, dict(doc.rd_free), tuple(canvases[-1].rd_stretched))


def build_pages(
    draw: Callable[[Canvas], None], meta: PdfMeta, paper: str, *, duplex: str | None = None
) -> bytes:
    """Draw pages directly: `draw(canvas)` calls `canvas.showPage()` after each page; return the bytes."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = FooterCanvas(buffer, pagesize=page_size(paper), invariant=1, label=meta.label)
    _apply_meta(canvas, meta, DUPLEX_PREFS.get(duplex or ""))
    draw(canvas)
    canvas.save()
    return buffer.getvalue()
