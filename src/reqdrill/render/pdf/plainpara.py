"""Paragraphs of plain markup (text, `<br/>` and the escapes `&amp;`, `&lt;`, `&gt;`) built from
their fragments directly, without reportlab's markup parser.

Escaped content text in one font is by far the most common paragraph, and reportlab parses its
markup with an HTML parser that costs more than breaking its lines. For such markup the fragments
the parser would make are known in advance: one per run of text, one per line break, one per
escape. They are copied from the fragments the parser made once for the same style, so the
paragraph is the very one the parser would give. Any other markup goes to the parser.
"""

from __future__ import annotations

import re
from typing import TypeVar

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import Paragraph, cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaFrag

_PLAIN = re.compile(r"[^<&]*(?:(?:<br/>|&(?:amp|lt|gt);)[^<&]*)*\Z")
_TOKEN = re.compile(r"<br/>|&(amp|lt|gt);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}
_SAMPLE = "x<br/>x"
P = TypeVar("P", bound=Paragraph)
# Prototype fragments per style; styles are few and long-lived (see common.style), so the cache
# holds them, and with them their ids, for the life of the process.
_PROTOTYPES: dict[int, tuple[ParagraphStyle, dict[str, object], dict[str, object]]] = {}


class Para(Paragraph):
    """A paragraph that reuses its line breaks when wrapped again at the same width.

    reportlab breaks a paragraph's lines anew on every wrap, and wraps most paragraphs more than
    once: a table cell when the table is measured and again when it is drawn, a kept block's
    paragraphs when the block is measured and again when each is placed.
    """

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        last = self.__dict__.get("_rd_wrapped")
        # reportlab drops blPara when a split finds no room; then the lines must be broken again
        if last is not None and last[0] == avail_width and "blPara" in self.__dict__:
            self.width, self.height = last[1]
            return last[1]  # type: ignore[no-any-return]
        size = super().wrap(avail_width, avail_height)
        self._rd_wrapped = (avail_width, size)
        return size  # type: ignore[no-any-return]


def _prototypes(style: ParagraphStyle) -> tuple[dict[str, object], dict[str, object]]:
    """The attributes of a text fragment and of a line-break fragment, as the parser makes them."""
    entry = _PROTOTYPES.get(id(style))
    if entry is None or entry[0] is not style:
        text, brk, _ = Paragraph(_SAMPLE, style).frags
        entry = (style, dict(text.__dict__), dict(brk.__dict__))
        _PROTOTYPES[id(style)] = entry
    return entry[1], entry[2]


def plain_frags(text: str, style: ParagraphStyle) -> list[ParaFrag] | None:
    """The parser's fragments for cleaned plain markup `text`, or None if the markup is not plain."""
    if not _PLAIN.match(text):
        return None
    text_attrs, break_attrs = _prototypes(style)
    # The parser copies every fragment from the paragraph's first, so their lists (links,
    # underlines) are one object per paragraph, shared by its fragments but by no other paragraph.
    shared: dict[str, list[object]] = {k: [] for k, v in text_attrs.items() if isinstance(v, list)}
    text_base = {**text_attrs, **shared}
    break_base = {**break_attrs, **shared}
    frags: list[ParaFrag] = []

    def run(data: str) -> None:
        frag = ParaFrag(**text_base)
        frag.text = data
        frags.append(frag)

    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            run(text[pos : m.start()])
        if m.group(1) is None:
            frags.append(ParaFrag(**break_base))
        else:
            run(_ENTITIES[m.group(1)])  # an escape is a fragment of its own, as the parser has it
        pos = m.end()
    if pos < len(text):
        run(text[pos:])
    textTransformFrags(frags, style)
    return frags


def make(cls: type[P], text: str, style: ParagraphStyle) -> P:
    """`cls(text, style)` for a Paragraph class: the same paragraph, unparsed when the markup is plain."""
    cleaned = cleanBlockQuotedText(text)  # what Paragraph does before parsing
    frags = plain_frags(cleaned, style)
    made: P = cls(text, style) if frags is None else cls(cleaned, style, frags=frags)
    return made


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """`Paragraph(text, style)`, unparsed when the markup is plain; a single plain fragment is a Para.

    reportlab's line breaking of several fragments can change them (hyphens, soft hyphens and
    long words are split in place), so a second wrap may draw slightly differently from the
    first; such paragraphs are broken again on every wrap, as before. One fragment is left as is.
    """
    cleaned = cleanBlockQuotedText(text)  # what Paragraph does before parsing
    frags = plain_frags(cleaned, style)
    if frags is None:
        return Paragraph(text, style)
    return (Para if len(frags) == 1 else Paragraph)(cleaned, style, frags=frags)
