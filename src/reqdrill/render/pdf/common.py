"""Shared PDF machinery: paper sizes, paragraph styles, safe paragraphs, "page X of Y" footers, metadata.

Every reqdrill PDF (template, answer keys, cheat sheet, flashcards, drill sheets) is built with
`build_story` (platypus flowables) or `build_pages` (direct canvas drawing). Both return bytes,
byte-identical for the same input (reportlab's invariant mode), with embedded fonts, metadata
title/subject/creator `reqdrill <version>` and a footer "page X of Y" on every page.

Content text must only reach reportlab through `para`, `paras`, `markup` or `bold`, which escape it.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from reqdrill import __version__
from reqdrill.errors import SelectionError
from reqdrill.render.pdf.fonts import BOLD, CJK, REGULAR, bold, escape, markup, register_fonts, string_width
from reqdrill.render.pdf.plainpara import paragraph

__all__ = [
    "BOLD", "CJK", "REGULAR", "PAPERS", "MARGIN", "BOTTOM_MARGIN", "INK", "MUTED", "RULE",
    "PdfMeta", "Bookmark", "bold", "escape", "markup", "para", "paras", "style", "styles", "Styles",
    "page_size", "frame_size", "tint", "build_story", "build_pages", "fit_story",
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
CHUNK = 3000  # reportlab wraps a paragraph in quadratic time; longer text is split into several


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


# ---------------------------------------------------------------- styles


@functools.cache
def style(size: float, *, bold: bool = False, leading: float | None = None, color: str = "#000000",
          align: Literal["left", "center"] = "left", space_after: float = 0.0) -> ParagraphStyle:  # fmt: skip
    """A paragraph style in the bundled font, cached so that repeated use costs nothing."""
    register_fonts()
    name = f"rd-{size}-{bold}-{leading}-{color}-{align}-{space_after}"
    return ParagraphStyle(
        name,
        fontName=BOLD if bold else REGULAR,
        fontSize=size,
        leading=leading if leading is not None else round(size * 1.22, 2),
        textColor=colors.HexColor(color),
        alignment=TA_CENTER if align == "center" else TA_LEFT,
        spaceAfter=space_after,
        splitLongWords=1,  # a 10,000-character word still wraps inside its column
        allowWidows=1,
        allowOrphans=1,
    )


@dataclass(frozen=True)
class Styles:
    """The named styles every reqdrill PDF shares."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    label: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle


@functools.cache
def styles() -> Styles:
    """The shared styles: 16 pt title down to 7.5 pt table cells."""
    return Styles(
        title=style(16, bold=True, space_after=4),
        subtitle=style(9.5, color="#4D4D4D", space_after=6),
        h1=style(12, bold=True, space_after=3),
        h2=style(10, bold=True, space_after=2),
        body=style(9.5),
        label=style(9.5, bold=True),
        small=style(8, color="#4D4D4D"),
        cell=style(7.5),
        cell_bold=style(7.5, bold=True),
    )


def _chunks(text: str) -> list[str]:
    """Split very long text at line breaks or spaces into pieces of at most about CHUNK characters."""
    if len(text) <= CHUNK:
        return [text]
    out = []
    while len(text) > CHUNK:
        cut = max(text.rfind("\n", 0, CHUNK), text.rfind(" ", 0, CHUNK))
        cut = cut + 1 if cut > CHUNK // 2 else CHUNK
        out.append(text[:cut])
        text = text[cut:]
    return [*out, text] if text else out


def para(text: str, st: ParagraphStyle, prefix: str = "") -> Paragraph:
    """A paragraph of content text, escaped; `prefix` is trusted markup placed before it."""
    return paragraph(prefix + markup(text, st.fontName), st)


def paras(text: str, st: ParagraphStyle, prefix: str = "") -> list[Paragraph]:
    """Content text as one or more paragraphs: long text is split so it flows fast over many pages."""
    pieces = _chunks(text)
    return [para(piece, st, prefix if i == 0 else "") for i, piece in enumerate(pieces)]


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


# ---------------------------------------------------------------- page template and footer

_TOTAL_FORM = "rdPageTotal"
FOOTER_SIZE = 7.5


class FooterCanvas(Canvas):
    """A canvas that writes "page X of Y" and a label on every page.

    Y is unknown until the end, so each page refers to a small form XObject that `save` fills in
    with the final page count: one pass, no second layout.
    """

    def __init__(self, *args: Any, label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer_label = label

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._draw_footer()
        super().showPage()

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


def build_story(story: Sequence[Flowable], meta: PdfMeta, paper: str, *, duplex: str | None = None) -> bytes:
    """Lay out flowables on pages of `paper` inside the shared margins; return the PDF bytes."""
    return _build(story, meta, paper, duplex)[0]


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
        data, pages = _build(make(scale), meta, paper, None)
        if pages <= max_pages:
            return data
    return data


def _build(story: Sequence[Flowable], meta: PdfMeta, paper: str, duplex: str | None) -> tuple[bytes, int]:
    register_fonts()
    width, height = page_size(paper)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
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
    frame = Frame(MARGIN, BOTTOM_MARGIN, *frame_size(paper), id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(list(story), canvasmaker=functools.partial(FooterCanvas, label=meta.label))
    return buffer.getvalue(), doc.page


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
