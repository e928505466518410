"""Light flowables for drill sheets: labelled rows, numbers, and blocks kept on one page.

A drill sheet is mostly short rows and small kept blocks; these do what a Table or reportlab's
KeepTogether would, for less layout work, so a sheet lays out about as fast as plain paragraphs.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph
from reportlab.platypus.flowables import _listWrapOn

from reqdrill.render.pdf.common import INK, REGULAR
from reqdrill.render.pdf.form import LINE_GAP, Lines

GAP = 6.0
MAX_ROW = 220.0  # a row taller than this may be split into its parts rather than moved whole


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


class Row(Flowable):
    """A label in a left column and, beside it, write-in lines or a paragraph.

    A row that cannot fit splits into its label and its right-hand part, so 10,000-character
    content still flows over pages instead of failing to lay out.
    """

    def __init__(self, label: Flowable, label_width: float, right: Paragraph | None, lines: int = 1) -> None:
        super().__init__()
        self.label, self.label_width, self.right, self.lines = label, label_width, right, lines
        self._wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # a row is wrapped again when its block is kept together; the result depends on width only
        if self._wrapped is not None and self._wrapped[0] == avail_width:
            return self._wrapped[1]
        self.width = avail_width
        _, self.label_height = self.label.wrap(self.label_width, avail_height)
        right_width = avail_width - self.label_width - GAP
        if self.right is not None:
            _, self.right_height = self.right.wrap(right_width, avail_height)
        else:
            self.right_height = self.lines * LINE_GAP
        self.height = max(self.label_height, self.right_height) + 3
        self._wrapped = (avail_width, (self.width, self.height))
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self.height <= MAX_ROW:
            return []
        return [self.label, self.right if self.right is not None else Lines(self.lines)]

    def draw(self) -> None:
        x = self.label_width + GAP
        if self.right is not None:
            self.label.drawOn(self.canv, 0, self.height - self.label_height - 1)
            self.right.drawOn(self.canv, x, self.height - self.right_height - 1)
            return
        # the label sits on the first write-in line, like a word written on a form
        self.label.drawOn(self.canv, 0, self.height - LINE_GAP + 1)
        self.canv.saveState()
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.5)
        for i in range(self.lines):
            y = self.height - (i + 1) * LINE_GAP
            self.canv.line(x, y, self.width, y)
        self.canv.restoreState()


class Para(Paragraph):
    """A paragraph that reuses its line breaks when wrapped again at the same width.

    A kept block is wrapped once by KeepTogether to measure it and again when each of its
    flowables is placed; reportlab breaks a paragraph's lines anew on every wrap.
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
