"""Embedded TrueType fonts and content text → reportlab paragraph markup, with a fallback font per script run.

Right-to-left runs (Arabic, Hebrew) are put in visual order, as PDF viewers and text extractors
expect, so they read right to left and extract in their original order; letters are not joined
(no shaping). A character no bundled font covers (or beyond U+FFFF, such as emoji) is never drawn
as a missing-glyph box: it is shown as a visible gray `[U+XXXX]` instead.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).parent / "fonts"
REGULAR = "ReqdrillSans"
"""DejaVu Sans: Latin, Greek, Cyrillic, Arabic, Hebrew, arrows, maths and many symbols."""
BOLD = "ReqdrillSans-Bold"
CJK = "ReqdrillCJK"
"""WenQuanYi Micro Hei: Chinese, Japanese kana, Korean Hangul. Loaded only when text needs it."""

_FILES = {REGULAR: ("DejaVuSans.ttf", 0), BOLD: ("DejaVuSans-Bold.ttf", 0), CJK: ("wqy-microhei.ttc", 0)}
MISSING_COLOR = "#555555"
# Characters that are whitespace to reportlab's paragraph parser but mean something in content.
_CONTROL_OK = {"\n", "\t"}


@functools.cache
def font(name: str) -> TTFont:
    """Load and register one bundled font, once per process; the CJK font is its own family."""
    filename, index = _FILES[name]
    face = TTFont(name, str(FONT_DIR / filename), subfontIndex=index)
    pdfmetrics.registerFont(face)
    if name == CJK:
        pdfmetrics.registerFontFamily(CJK, normal=CJK, bold=CJK, italic=CJK, boldItalic=CJK)
    return face


@functools.cache
def register_fonts() -> None:
    """Register the main fonts (regular and bold) as one family. Cheap after the first call."""
    font(REGULAR)
    font(BOLD)
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


@functools.cache
def coverage(name: str) -> frozenset[int]:
    """The code points a bundled font has glyphs for."""
    return frozenset(font(name).face.charToGlyph)


def escape(text: str) -> str:
    """Escape text for reportlab's paragraph markup (`&`, `<`, `>`), keeping line breaks as `<br/>`."""
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return out.replace("\t", " ").replace("\n", "<br/>")


KEEP_RTL = 40  # right-to-left runs up to this length never wrap; longer ones wrap line by line in reverse
_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_NUMBER = re.compile(r"[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,:/][0-9\u0660-\u0669\u06F0-\u06F9]+)*")


def _strong(ch: str) -> str:
    kind = unicodedata.bidirectional(ch)
    return "R" if kind in ("R", "AL") else "L" if kind == "L" else ("B" if kind in ("B", "S") else "")


def _rtl_spans(text: str) -> list[tuple[int, int]]:
    """Spans from a right-to-left letter to the last one before a left-to-right letter or line break."""
    spans, start, last = [], -1, -1
    for i, ch in enumerate(text):
        kind = _strong(ch)
        if kind == "R":
            start, last = (i if start < 0 else start), i
        elif kind in ("L", "B") and start >= 0:
            spans.append((start, last + 1))
            start = -1
    if start >= 0:
        spans.append((start, last + 1))
    return spans


def _visual(span: str) -> str:
    """One right-to-left span in visual order: reversed, numbers kept left to right, brackets mirrored.

    Short spans get no-break spaces: reversed as a whole, they must not be split across lines.
    """
    if len(span) <= KEEP_RTL:
        span = span.replace(" ", "\u00a0")
    tokens: list[str] = []
    pos = 0
    for m in _NUMBER.finditer(span):
        tokens.extend(_MIRROR.get(ch, ch) for ch in span[pos : m.start()])
        tokens.append(m.group())
        pos = m.end()
    tokens.extend(_MIRROR.get(ch, ch) for ch in span[pos:])
    return "".join(reversed(tokens))


def visual_order(text: str) -> str:
    """Text with each right-to-left run in display order (the text itself if it has none)."""
    spans = _rtl_spans(text)
    if not spans:
        return text
    out, pos = [], 0
    for start, end in spans:
        out += [text[pos:start], _visual(text[start:end])]
        pos = end
    return "".join([*out, text[pos:]])


def font_for(ch: str, base: str = REGULAR) -> str | None:
    """The font that draws a character: the base font, then regular, then CJK; None if none can."""
    if ch in _CONTROL_OK:
        return base
    cp = ord(ch)
    # reportlab writes a broken ToUnicode entry beyond U+FFFF, so such glyphs would not extract.
    if cp < 0x20 or 0x7F <= cp < 0xA0 or cp > 0xFFFF:
        return None
    for name in (base, REGULAR, CJK):
        if cp in coverage(name):
            return name
    return None


def runs(text: str, base: str = REGULAR) -> list[tuple[str | None, str]]:
    """Split text into (font, text) runs; font None marks characters no bundled font can draw."""
    out: list[tuple[str | None, str]] = []
    start, current = 0, font_for(text[0], base) if text else base
    for i, ch in enumerate(text):
        name = font_for(ch, base)
        if name != current:
            out.append((current, text[start:i]))
            start, current = i, name
    if text:
        out.append((current, text[start:]))
    return out


_NOT_SIMPLE = re.compile(r"[^ -~\n\t]")


def _simple(text: str) -> bool:
    """True when every character is printable ASCII (or a line break): the common, fast case."""
    return _NOT_SIMPLE.search(text) is None


@functools.cache
def _plain_char(ch: str, base: str) -> bool:
    """True when the base font draws `ch` and it is not right-to-left: text of such characters is
    its own visual order and one run in the base font, so its markup is just the escaped text."""
    return font_for(ch, base) == base and _strong(ch) != "R"


def markup(text: str, base: str = REGULAR) -> str:
    """Content text as safe paragraph markup for a paragraph whose style font is `base`.

    Markup characters are escaped, so `<b>`, `&amp;` or `<font>` in content print literally. Runs
    the base font cannot draw switch to a fallback font; characters no bundled font has become
    a gray `[U+XXXX]`.
    """
    register_fonts()
    if _simple(text) or all(_plain_char(ch, base) for ch in set(text)):
        return escape(text)
    parts = []
    for name, run in runs(visual_order(text), base):
        if name == base:
            parts.append(escape(run))
        elif name is None:
            codes = " ".join(f"[U+{ord(ch):04X}]" for ch in run)
            parts.append(f'<font name="{REGULAR}" color="{MISSING_COLOR}">{codes}</font>')
        else:
            parts.append(f'<font name="{name}">{escape(run)}</font>')
    return "".join(parts)


def bold(text: str) -> str:
    """Content text as bold markup, to embed inside a paragraph of regular text."""
    return f'<font name="{BOLD}">{markup(text, BOLD)}</font>'


def unsupported(text: str) -> set[str]:
    """The characters of text that no bundled font can draw (they print as `[U+XXXX]`)."""
    return {ch for ch in set(text) if font_for(ch) is None}


def string_width(text: str, name: str, size: float) -> float:
    """Width of a plain single-run string in points, for canvas drawing of our own labels."""
    register_fonts()
    return float(pdfmetrics.stringWidth(text, name, size))
