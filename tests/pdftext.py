"""Read reqdrill PDFs back in tests: text per page, text positions, page sizes, outlines, form fields."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader


def draw_alone(flowable: Any, width: float, height: float = 10_000) -> bytes:
    """A one-page, uncompressed, invariant PDF of `flowable` wrapped to `width` and drawn at (50, 100)."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width + 100, height), invariant=1, pageCompression=0)
    flowable.wrap(width, height)
    flowable.drawOn(canvas, 50, 100)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def reader(data: bytes) -> PdfReader:
    """A pypdf reader over PDF bytes."""
    return PdfReader(io.BytesIO(data))


def squash(text: str) -> str:
    """Text without whitespace or soft hyphens: extraction decides spaces and line breaks by its own
    heuristics, and a soft hyphen is only printed where a line breaks."""
    return "".join(text.replace("\xad", "").split())


FOOTER = re.compile(r"page \d+ of\s*\d+\s*reqdrill · [^\n]*\s*$")


def page_texts(data: bytes, footer: bool = True) -> list[str]:
    """The extracted text of every page; without the footer if `footer` is false."""
    texts = [page.extract_text() for page in reader(data).pages]
    return texts if footer else [FOOTER.sub("", text) for text in texts]


def all_text(data: bytes) -> str:
    """The whole document's text, whitespace removed, for `squash(expected) in all_text(pdf)` checks."""
    return squash("".join(page_texts(data, footer=False)))


# pypdf reads right-to-left text in visual order back into logical order, but it keeps treating
# "neutral" characters (punctuation, symbols) as right-to-left after a right-to-left run, even
# across lines, so their order can shuffle. Property tests over mixed scripts compare without them.
_NEUTRAL = re.compile("[\x00-\x2f\x3a-\x40\u0660-\u066d\u06f0-\u06f9\u2000-\u206f\u20a0-\u21ff]")


def missing(data: bytes, expected: list[str], *, tolerant: bool = False) -> list[str]:
    """The expected strings not found in the document's text (whitespace ignored; with
    `tolerant`, also punctuation that pypdf may reorder around right-to-left text)."""
    text = all_text(data)
    if not tolerant:
        return [s for s in expected if squash(s) not in text]
    text = _NEUTRAL.sub("", text)
    return [s for s in expected if _NEUTRAL.sub("", squash(s)) not in text]


@dataclass(frozen=True)
class Run:
    """A piece of text as drawn: its text and the position of its start in page coordinates."""

    text: str
    x: float
    y: float


def runs(data: bytes, page_index: int) -> list[Run]:
    """Every text-show of a page with its position (transformation matrix applied)."""
    out: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            out.append(Run(text, x, y))

    reader(data).pages[page_index].extract_text(visitor_text=visit)
    return out


PAPER_POINTS = {"letter": (612.0, 792.0), "a4": (595.3, 841.9)}
"""Letter is 8.5 × 11 in; A4 is 210 × 297 mm. In points, to one decimal."""


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    """Width and height of every page, in points, to one decimal."""
    return [
        (round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) for p in reader(data).pages
    ]


def checkable(text: str) -> bool:
    """Whether extraction can give this text back: every character has a glyph, and any
    right-to-left text is a whole run of its own (pypdf reorders mixed-direction lines)."""
    import unicodedata

    from reqdrill.render.pdf.fonts import unsupported

    if unsupported(text):
        return False
    kinds = {unicodedata.bidirectional(ch) for ch in text}
    rtl = bool(kinds & {"R", "AL"})
    return not rtl or not kinds & {"L", "EN", "AN", "ES", "ET", "CS", "NSM", "ON"}


def pdf_examples(n: int) -> Any:
    """Hypothesis settings for PDF properties: few examples, no shrinking (each example renders a PDF)."""
    from hypothesis import Phase, settings

    return settings(max_examples=n, phases=(Phase.explicit, Phase.reuse, Phase.generate))


@dataclass(frozen=True)
class Line:
    """One line of a page as printed: its squashed text (empty for a rule or drawing), its baseline in
    points from the page's bottom, and whether it is a heading (every character bold, 9.5 pt or
    larger: titles, section and item heads, probe questions)."""

    text: str
    y: float
    heading: bool = False


BODY_BOTTOM = 50.0  # points above the page's bottom edge: below this is the footer
HEADING_SIZE = 9.5
MIN_RULE = 20.0  # a horizontal line at least this long is a rule (a box's side is not)


def page_lines(data: bytes) -> list[list[Line]]:
    """Each page's text lines and drawn rules, top to bottom, footer left out (pdfplumber)."""
    import pdfplumber

    out: list[list[Line]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            height = float(page.height)
            rows: dict[float, list[dict[str, Any]]] = {}
            for char in page.chars:
                if char["text"].strip():
                    rows.setdefault(round(height - float(char["bottom"]), 0), []).append(char)
            lines = [
                Line(
                    squash("".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"]))),
                    y,
                    all("Bold" in c["fontname"] and c["size"] >= HEADING_SIZE for c in chars),
                )
                for y, chars in rows.items()
            ]
            for rule in page.lines:
                if abs(rule["top"] - rule["bottom"]) < 0.5 and rule["x1"] - rule["x0"] >= MIN_RULE:
                    lines.append(Line("", round(height - float(rule["bottom"]), 1)))
            for shape in [*page.rects, *page.curves]:  # drawings: boxes of a diagram, table cells
                if shape["x1"] - shape["x0"] >= MIN_RULE:
                    lines.append(Line("", round(height - float(shape["bottom"]), 1)))
            out.append(sorted((x for x in lines if x.y >= BODY_BOTTOM), key=lambda x: -x.y))
    return out
