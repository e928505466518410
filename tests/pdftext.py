"""Read reqdrill PDFs back in tests: text per page, text positions, page sizes, outlines, form fields."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader


def reader(data: bytes) -> PdfReader:
    """A pypdf reader over PDF bytes."""
    return PdfReader(io.BytesIO(data))


def squash(text: str) -> str:
    """Text without any whitespace: extraction decides spaces and line breaks by its own heuristics."""
    return "".join(text.split())


def page_texts(data: bytes) -> list[str]:
    """The extracted text of every page."""
    return [page.extract_text() for page in reader(data).pages]


def all_text(data: bytes) -> str:
    """The whole document's text, whitespace removed, for `squash(expected) in all_text(pdf)` checks."""
    return squash("".join(page_texts(data)))


def missing(data: bytes, expected: list[str]) -> list[str]:
    """The expected strings not found in the document's text (whitespace ignored)."""
    text = all_text(data)
    return [s for s in expected if squash(s) not in text]


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


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    """Width and height of every page, in points."""
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader(data).pages]
