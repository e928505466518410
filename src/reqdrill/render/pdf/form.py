"""Building blocks of the requirements document: handwriting rules, check boxes, labeled rows, section heads.

One set of rows serves the blank template (rules and empty boxes), its fillable twin (the same
drawing with AcroForm fields on top), the drill sheets, and the scenario answer keys (values
written in, boxes ticked). Every row ends at the frame's right edge: rules, check-box columns and
section rules line up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from reqdrill.render.pdf.common import INK, REGULAR, RULE, markup, para, paras, style, styles
from reqdrill.render.pdf.fillable import text_field, tick_field
from reqdrill.render.pdf.pagefill import SLACK, note_stretch

LABEL_W = 118.0
GAP = 6.0  # between a row's label column and what stands beside it
TEMPLATE_GAP = 8 * mm  # handwriting rules on the requirements template
WRITE_GAP = 9 * mm  # handwriting rules on drill sheets: at least one per 20 seconds of writing
LINE_GAP = TEMPLATE_GAP
BOX = 10.0
CHOICE_COLUMNS = 3  # check boxes stand in the same columns on every row, Yes under Yes
ANSWER_INK = "#0D3C8C"  # dark blue: reads as "written in" in color, stays near-black in grayscale
NBSP = "\u00a0"
LONG = 2000  # values longer than this leave the two-column row for full-width paragraphs
MAX_ROW = 220.0  # a row taller than this may be split into its parts rather than moved whole


def label_style() -> ParagraphStyle:
    """The style of field labels."""
    return style(9, bold=True, leading=11)


class Lines(Flowable):
    """Handwriting rules `gap` apart across the available width; fillable: one text field on them.

    A `stretch` id lets the page-fill pass give the rules the room their page leaves empty
    (`extra` more rules).
    """

    def __init__(
        self,
        count: int,
        field: str | None = None,
        *,
        gap: float = TEMPLATE_GAP,
        stretch: int | None = None,
        tooltip: str = "",
        extra: int = 0,
    ) -> None:
        super().__init__()
        self.count, self.field, self.gap, self.stretch, self.tooltip = (
            count + extra,
            field,
            gap,
            stretch,
            tooltip,
        )
        self.extra = extra

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.count * self.gap
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """More rules than a page holds (only of a huge time limit) continue on the next page."""
        fit = int(avail_height // self.gap)
        if self.field is not None or self.extra or fit < 1 or fit >= self.count:
            return []
        return [Lines(fit, gap=self.gap), Lines(self.count - fit, gap=self.gap)]

    def draw(self) -> None:
        canvas = self.canv
        if self.stretch is not None:
            note_stretch(canvas, self.stretch, self.gap, self.count - self.extra)
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        for i in range(self.count):
            y = self.height - (i + 1) * self.gap
            canvas.line(0, y, self.width, y)
        canvas.restoreState()
        if self.field is not None:
            text_field(canvas, self.field, self.tooltip, self.width, self.gap, self.count)


class NotesFill(Flowable):
    """A labeled area of handwriting rules that takes whatever room is left at the foot of its page.

    Placed after the last exercise, it turns the blank half of a short sheet (a 30-second recall,
    a one-minute sort) into room for notes made while checking the key; with fewer than
    `min_rules` rules of room it takes no space at all, so it never starts a page of its own.
    """

    def __init__(self, label: str, gap: float = WRITE_GAP, min_rules: int = 3, space: float = 12.0) -> None:
        super().__init__()
        self.gap, self.min_rules, self.space = gap, min_rules, space
        self.head = Paragraph(markup(label, label_style().fontName), label_style())
        self.rules = Lines(0, gap=gap)  # as many as the room holds, worked out by wrap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, self.head_height = self.head.wrap(avail_width, avail_height)
        top = self.space + self.head_height + self.gap / 2  # space above; the label clears the first rule
        self.rules = Lines(int((avail_height - top - SLACK) // self.gap), gap=self.gap)
        self.width = avail_width
        fits = self.rules.count >= self.min_rules
        self.height = top + self.rules.wrap(avail_width, avail_height)[1] if fits else 0.0
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        if self.height:
            self.head.drawOn(self.canv, 0, self.height - self.space - self.head_height)
            self.rules.drawOn(self.canv, 0, 0)


@dataclass(frozen=True)
class Tick:
    """A fillable check box or radio button: the field's name, this option's value, a tooltip."""

    name: str
    value: str
    tooltip: str
    radio: bool


def draw_box(canvas: object, x: float, y: float, ticked: bool = False, tick: Tick | None = None) -> None:
    """A check box with its lower-left corner at (x, y): empty, ticked, or an AcroForm field."""
    c = canvas
    c.saveState()  # type: ignore[attr-defined]
    c.setStrokeColor(INK)  # type: ignore[attr-defined]
    c.setLineWidth(0.8)  # type: ignore[attr-defined]
    c.rect(x, y, BOX, BOX)  # type: ignore[attr-defined]
    if ticked:
        c.setStrokeColor(colors.HexColor(ANSWER_INK))  # type: ignore[attr-defined]
        c.setLineWidth(1.6)  # type: ignore[attr-defined]
        c.line(x + 1.5, y + 1.5, x + BOX - 1.5, y + BOX - 1.5)  # type: ignore[attr-defined]
        c.line(x + 1.5, y + BOX - 1.5, x + BOX - 1.5, y + 1.5)  # type: ignore[attr-defined]
    c.restoreState()  # type: ignore[attr-defined]
    if tick is not None:  # the printed box stays; the field adds only its check mark
        tick_field(c, tick.name, tick.value, tick.tooltip, tick.radio, x, y, BOX)


class ChoiceRow(Flowable):
    """Drawn check boxes, each followed by its label, in `CHOICE_COLUMNS` equal columns.

    Options past the last column continue on another line; a long label wraps inside its column.
    """

    def __init__(self, options: Sequence[tuple[Paragraph, bool, Tick | None]]) -> None:
        super().__init__()
        self.options = list(options)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.column = avail_width / CHOICE_COLUMNS
        self.lines: list[float] = []  # the height of each line of options
        for i, (label, _, _) in enumerate(self.options):
            _, h = label.wrap(self.column - BOX - 10, avail_height)
            if i % CHOICE_COLUMNS == 0:
                self.lines.append(0.0)
            self.lines[-1] = max(self.lines[-1], h, BOX + 2)
        self.height = sum(self.lines) + 3 * max(len(self.lines) - 1, 0)
        return self.width, self.height

    def draw(self) -> None:
        top = self.height
        for i, (label, ticked, tick) in enumerate(self.options):
            line, col = divmod(i, CHOICE_COLUMNS)
            if col == 0 and line:
                top -= self.lines[line - 1] + 3
            x = col * self.column
            size = label.style.fontSize
            draw_box(self.canv, x, top - size - 2, ticked, tick)
            label.drawOn(self.canv, x + BOX + 5, top - label.height)


class Row(Flowable):
    """A label in a left column and, beside it, handwriting rules, check boxes or an answer.

    Beside rules the label's baseline sits just above the first rule, as on a paper form. A row
    taller than MAX_ROW that cannot fit splits into its label and its right-hand part, so
    10,000-character content still flows over pages instead of failing to lay out.
    """

    def __init__(
        self,
        label: Flowable,
        label_width: float,
        right: Flowable | None,
        lines: int = 1,
        *,
        gap: float = WRITE_GAP,
        stretch: int | None = None,
        space_after: float = 3.0,
    ) -> None:
        super().__init__()
        self.label, self.label_width = label, label_width
        self.right = right if right is not None else Lines(lines, gap=gap, stretch=stretch)
        self.space_after = space_after
        self._wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # a row is wrapped again when its block is kept together; the result depends on width only
        if self._wrapped is not None and self._wrapped[0] == avail_width:
            return self._wrapped[1]
        self.width = avail_width
        self.label_height: float = self.label.wrap(self.label_width, avail_height)[1]
        self.right_height: float = self.right.wrap(avail_width - self.label_width - GAP, avail_height)[1]
        self.label_drop = 0.0
        if isinstance(self.right, Lines):
            size = getattr(getattr(self.label, "style", None), "fontSize", 9.0)
            self.label_drop = max(0.0, self.right.gap - 2.5 - size)
        self.height = max(self.label_drop + self.label_height, self.right_height) + self.space_after
        self._wrapped = (avail_width, (self.width, self.height))
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        # rules grown by the page fill fitted their page as they were: they move, never split
        if self.height <= MAX_ROW or getattr(self.right, "extra", 0):
            return []
        return [self.label, self.right]

    def draw(self) -> None:
        top = self.height - self.space_after
        self.label.drawOn(self.canv, 0, top - self.label_drop - self.label_height)
        self.right.drawOn(self.canv, self.label_width + GAP, top - self.right_height)


def write_in(
    label: str, lines: int = 2, field: str | None = None, *, stretch: int | None = None, extra: int = 0,
    tooltip: str = "", label_width: float = LABEL_W,
) -> Row:  # fmt: skip
    """A label with handwriting rules to its right (a text field over them when `field` is set)."""
    rules = Lines(lines, field, gap=TEMPLATE_GAP, stretch=stretch, tooltip=tooltip, extra=extra)
    return Row(para(label + ":", label_style()), label_width, rules, space_after=3)


def choices(label: str, options: Sequence[tuple[str, bool, Tick | None]], width: float) -> Row:
    """A label and one check box per option: (option label, ticked, fillable field or None)."""
    row = ChoiceRow([(para(text, style(9, leading=11)), ticked, tick) for text, ticked, tick in options])
    return Row(para(label + ":", label_style()), LABEL_W, row, space_after=4)


def answer(label: str, value: str, width: float) -> list[Flowable]:
    """A label with its written-in value; very long values continue full width so they flow fast."""
    value_style = style(9.5, color=ANSWER_INK)
    head = para(label + ":" if label else "", label_style())
    if len(value) > LONG:
        return [head, *paras(value, value_style), Spacer(0, 4)]
    return [Row(head, LABEL_W, para(value, value_style), space_after=2)]


class Beside(Flowable):
    """Flowables side by side in columns of the given shares of the width, `gap` apart."""

    def __init__(self, parts: Sequence[Flowable], shares: Sequence[float], gap: float = 14.0) -> None:
        super().__init__()
        self.parts, self.shares, self.gap = list(parts), list(shares), gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        room = avail_width - self.gap * (len(self.parts) - 1)
        self.widths = [room * share / sum(self.shares) for share in self.shares]
        heights = [p.wrap(w, avail_height)[1] for p, w in zip(self.parts, self.widths, strict=True)]
        self.width, self.height = avail_width, max(heights)
        return self.width, self.height

    def draw(self) -> None:
        x = 0.0
        for part, width in zip(self.parts, self.widths, strict=True):
            part.drawOn(self.canv, x, self.height - part.height)
            x += width + self.gap


class HeadRule(Flowable):
    """The full-width rule under a section title."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, 4.0
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(1.2)
        self.canv.line(0, self.height - 1, self.width, self.height - 1)
        self.canv.restoreState()


def section_head(number: int, title: str, aside: str = "") -> list[Flowable]:
    """A numbered section title with a rule under it (keep it with what follows).

    `aside` is trusted markup set small and gray after the title, on its line if it fits.
    """
    st = styles().h1
    text = f"{number}. {markup(title, st.fontName)}"
    if aside:
        text += f"{NBSP * 4}<font size=8.5 color=#4D4D4D name={REGULAR}>{aside}</font>"
    return [Spacer(0, 8), Paragraph(text, ParagraphStyle("rd-section", parent=st, spaceAfter=1)), HeadRule()]


def note(text: str) -> Paragraph:
    """A small gray paragraph of trusted markup (hints, notices)."""
    return Paragraph(text, styles().small)
