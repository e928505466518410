"""Light flowables for drill sheets: numbers, blocks kept on one page, answer notes (rows: `form.Row`).

A drill sheet is mostly short rows, small kept blocks and `• Label: text` notes; these do what a
Table, reportlab's KeepTogether or a paragraph of mixed fonts would, with the same result on the
page for less layout work, so a sheet lays out about as fast as plain paragraphs.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph
from reportlab.platypus.flowables import _listWrapOn

from reqdrill.render.pdf.common import BOLD, CHUNK, REGULAR, markup
from reqdrill.render.pdf.fonts import string_width
from reqdrill.render.pdf.form import GAP, MAX_ROW, Row
from reqdrill.render.pdf.plainpara import Para, make


class Number(Flowable):
    """A trusted short label such as `3.`, drawn directly: cheaper than a paragraph per line."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, 11.0

    def draw(self) -> None:
        self.canv.setFont(REGULAR, 9.5)
        self.canv.drawString(0, 2.5, self.text)


class Keep(KeepTogether):
    """KeepTogether for a drill sheet's blocks, measured without copying the frame.

    reportlab deep-copies the current frame each time it measures a kept block, in case one of
    its flowables adds content to the frame (an index entry, say); nothing on a drill sheet
    does, and its flowables measure without a canvas. The block's paragraphs reuse their line
    breaks when placed (see `Para`).
    """

    def __init__(self, flowables: list[Flowable]) -> None:
        for flowable in flowables:
            if type(flowable) is Paragraph:
                flowable.__class__ = Para  # the same object, with a wrap that remembers
        super().__init__(flowables)

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        dims: list[tuple[float, float]] = []
        width, self._H = _listWrapOn(self._content, aW, None, dims=dims)
        self._H0 = dims[0][1] if dims else 0
        self._wrapInfo = aW, aH
        return width, 0xFFFFFF  # as KeepTogether: too tall, so the document asks it to split


BULLET = "\u2022"
SHRINK = 0.05  # reportlab's default spaceShrinkage (rl_config.spaceShrinkage)


class NoteLayout(NamedTuple):
    """How a labeled note is set as plain text: its styles, markup and prefix geometry."""

    base: ParagraphStyle  # the note's style, for the markup
    markup: str  # the note as markup, for when the plain layout would differ from it
    label: str  # with its colon
    label_x: float  # where the bold label starts: after the bullet and a space
    indent: float  # the prefix's width, less what reportlab lets its spaces shrink
    shift: float  # the rest of the prefix's width
    longest_word: int  # characters in the text's longest word


class Note(Para):
    """A note `• Label: text`, set as its text alone with the prefix drawn beside the first line.

    As markup, `• <b>Label:</b> text` is three fragments, and reportlab breaks and draws a
    paragraph of several fragments far more slowly than one of a single fragment; an answer key
    is mostly notes. The plain layout gives the same lines at the same places: the first line is
    narrower by the prefix, less the 5 % that reportlab lets each of the prefix's spaces shrink.
    Where that cannot be shown to match (a word too wide for the first line, a first line that
    reportlab would squeeze), the note is laid out from its markup instead.
    """

    _rd_note: NoteLayout | None = None  # None: an ordinary paragraph (the markup, or a split's rest)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        layout = self._rd_note
        if layout is not None:
            # a word wider than the first line would be split there; the markup moves it down
            first = avail_width - self.style.leftIndent - self.style.rightIndent - layout.indent
            if layout.longest_word * _widest_char(self.style.fontName, self.style.fontSize) > first:
                st = self.style
                if max(string_width(w, st.fontName, st.fontSize) for w in self.text.split()) > first:
                    self._as_markup(layout)
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        layout = self._rd_note
        lines = self.blPara.lines
        # reportlab narrows the spaces of a line that overflows a little, the prefix's spaces too;
        # a first line that is full to within rounding is left to the markup as well
        if layout is not None and lines and lines[0][0] - layout.shift <= 1e-6:
            self._as_markup(layout)
            size = super().wrap(avail_width, avail_height)
        return size

    def _as_markup(self, layout: NoteLayout) -> None:
        Paragraph.__init__(self, layout.markup, layout.base)
        self._rd_note = None
        self.__dict__.pop("_rd_wrapped", None)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(avail_width, avail_height)
        if len(parts) == 2 and self._rd_note is not None:
            parts[0]._rd_note = self._rd_note  # the first part keeps the prefix and the first line
        return parts

    def draw(self) -> None:
        layout = self._rd_note
        if layout is None:
            super().draw()
            return
        # One text object, as reportlab draws the markup: bullet, bold label, then the text run
        # with its leading space, so a viewer places every glyph where it places the markup's.
        st, canvas = self.style, self.canv
        canvas.saveState()
        text = canvas.beginText(st.leftIndent, self.height - st.fontSize)
        text.setFillColor(st.textColor)
        text.setFont(st.fontName, st.fontSize, st.leading)
        text.textOut(f"{BULLET} ")
        text.setFont(BOLD, st.fontSize, st.leading)
        text.textOut(layout.label)
        text.setFont(st.fontName, st.fontSize, st.leading)
        for i, (extra, words) in enumerate(self.blPara.lines):
            # a later line that overflows a little has its spaces narrowed, as reportlab does
            squeeze = extra < -1e-8 and len(words) > 1
            if squeeze:
                text.setWordSpace(extra / (len(words) - 1))
            text.textLine((" " if i == 0 else "") + " ".join(words))
            if squeeze:
                text.setWordSpace(0)
        canvas.drawText(text)
        canvas.restoreState()


@functools.cache
def _note_style(base: ParagraphStyle, label: str) -> tuple[ParagraphStyle, float, float, float]:
    """The first-line style for a label; the label's x, the first-line indent and the shift.

    reportlab sets `• <b>Label:</b> text` as the fragments `• `, `Label:` (bold) and ` text`,
    so the text starts after the bullet, a space, the bold label and a regular space. While
    it fills a line it lets every space of the line so far shrink by 5 %: on the first line that
    includes the bullet's space, the label's inner (bold) spaces and the space before the text.
    """
    size = base.fontSize
    space, bold_space = string_width(" ", base.fontName, size), string_width(" ", BOLD, size)
    label_x = string_width(BULLET, base.fontName, size) + space
    width = label_x  # added up word by word, as reportlab adds up a line of several fragments
    for i, word in enumerate(label.split(" ")):
        width += (bold_space if i else 0.0) + string_width(word, BOLD, size)
    width += space
    inner = label.count(" ") * bold_space
    # From the text's second word on; a first word that fits only by shrinking the prefix's spaces
    # leaves a first line that overflows, which `Note.wrap` sets from the markup.
    shift = SHRINK * (2 * space + inner)
    style = ParagraphStyle(f"{base.name}-note-{label}", parent=base, firstLineIndent=width - shift)
    return style, label_x, width - shift, shift


@functools.cache
def _widest_char(font_name: str, size: float) -> float:
    return max(string_width(chr(c), font_name, size) for c in range(0x20, 0x7F))


def note_paragraph(label: str, text: str, base: ParagraphStyle) -> Paragraph | None:
    """`• Label: text` in style `base` as a Note, or None when it must be set as markup.

    Only a plain ASCII label and text (no markup characters, line breaks, tabs or runs of
    spaces in the label) short enough to be one paragraph qualify: the text is then exactly one
    fragment, and the label's words are separated as reportlab would separate them.
    """
    label = f"{label}:"
    plain = markup(text, base.fontName) == text and markup(label, BOLD) == label
    if not plain or not text.strip() or len(text) > CHUNK or label != " ".join(label.split()):
        return None
    style, label_x, indent, shift = _note_style(base, label)
    note = make(Note, text, style)
    longest = max(len(word) for word in text.split())
    markup_text = f"{BULLET} <b>{label}</b> {text}"
    note._rd_note = NoteLayout(base, markup_text, label, label_x, indent, shift, longest)
    return note


__all__ = ["GAP", "MAX_ROW", "Keep", "Note", "Number", "Row", "note_paragraph"]
