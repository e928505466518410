"""Paragraph styles and safe paragraphs of content text, shared by every reqdrill PDF."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from reqdrill.render.pdf.fonts import BOLD, REGULAR, markup, register_fonts
from reqdrill.render.pdf.plainpara import paragraph

CHUNK = 3000  # reportlab wraps a paragraph in quadratic time; longer text is split into several


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
