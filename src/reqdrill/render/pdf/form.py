"""Building blocks of the requirements document: write-in lines, check boxes, labeled rows, section heads.

One set of rows serves the blank template (lines and empty boxes), its fillable twin (the same
drawing with AcroForm fields on top) and the scenario answer keys (values written in, boxes ticked).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from reqdrill.render.pdf.common import INK, RULE, para, paras, style, styles

LABEL_W = 118.0
LINE_GAP = 19.0
BOX = 10.0
ANSWER_INK = "#0D3C8C"  # dark blue: reads as "written in" in color, stays near-black in grayscale
LONG = 2000  # values longer than this leave the two-column row for full-width paragraphs
SPLIT_TEXT = 400  # a row with less text than this moves to the next page whole


def label_style() -> ParagraphStyle:
    """The style of field labels."""
    return style(9, bold=True, leading=11)


class Lines(Flowable):
    """Write-in lines across the available width; in a fillable form, one text field over them."""

    def __init__(self, count: int, field: str | None = None) -> None:
        super().__init__()
        self.count, self.field = count, field

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.count * LINE_GAP
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        for i in range(self.count):
            y = self.height - (i + 1) * LINE_GAP + 3
            canvas.line(0, y, self.width, y)
        canvas.restoreState()
        if self.field is not None:
            canvas.acroForm.textfield(
                name=self.field,
                tooltip=self.field,
                x=0,
                y=3,
                width=self.width,
                height=self.height - 3,
                borderWidth=0,
                fillColor=None,
                borderColor=None,
                textColor=INK,
                fontSize=10,
                fieldFlags="multiline" if self.count > 1 else "",
                relative=True,
            )


class Box(Flowable):
    """A square check box: empty, ticked (answer keys), or an AcroForm check box (fillable)."""

    def __init__(self, ticked: bool = False, field: str | None = None) -> None:
        super().__init__()
        self.ticked, self.field = ticked, field
        self.width = self.height = BOX + 2

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if self.field is not None:
            canvas.acroForm.checkbox(
                name=self.field,
                tooltip=self.field,
                x=1,
                y=1,
                size=BOX,
                borderWidth=0.8,
                borderColor=INK,
                fillColor=colors.white,
                textColor=INK,
                buttonStyle="check",
                fieldFlags="",
                relative=True,
            )
            return
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.8)
        canvas.rect(1, 1, BOX, BOX)
        if self.ticked:
            canvas.setStrokeColor(colors.HexColor(ANSWER_INK))
            canvas.setLineWidth(1.6)
            canvas.line(2.5, 2.5, BOX - 0.5, BOX - 0.5)
            canvas.line(2.5, BOX - 0.5, BOX - 0.5, 2.5)
        canvas.restoreState()


def _row(cells: list[object], widths: list[float], top_pad: float = 0, text: int = 0) -> Table:
    """One table row; rows holding much text (`text` characters) may split across pages."""
    table = Table([cells], colWidths=widths, splitInRow=int(text > SPLIT_TEXT), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (0, 0), top_pad),
            ]
        )
    )
    return table


def write_in(label: str, width: float, lines: int = 2, field: str | None = None) -> Table:
    """A label with write-in lines to its right."""
    return _row(
        [para(label + ":", label_style()), Lines(lines, field)], [LABEL_W, width - LABEL_W], top_pad=6
    )


def choices(label: str, options: Sequence[tuple[str, bool, str | None]], width: float) -> Table:
    """A label and one check box per option: (option label, ticked, AcroForm field name or None)."""
    share = (width - LABEL_W) / max(len(options), 1)
    cells: list[object] = [para(label + ":", label_style())]
    widths = [LABEL_W]
    for text, ticked, field in options:
        cells += [Box(ticked, field), para(text, style(9, leading=11))]
        widths += [BOX + 6, share - BOX - 6]
    table = _row(cells, widths, top_pad=1, text=len(label) + sum(len(text) for text, _, _ in options))
    table.setStyle(TableStyle([("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return table


def answer(label: str, value: str, width: float) -> list[Flowable]:
    """A label with its written-in value; very long values continue full width so they flow fast."""
    value_style = style(9.5, color=ANSWER_INK)
    head = para(label + ":" if label else "", label_style())
    if len(value) > LONG:
        return [head, *paras(value, value_style), Spacer(0, 4)]
    return [_row([head, para(value, value_style)], [LABEL_W, width - LABEL_W], text=len(label) + len(value))]


def section_head(number: int, title: str) -> list[Flowable]:
    """A numbered section title with a rule under it."""
    head = para(title, styles().h1, prefix=f"{number}. ")
    rule = Table([[""]], colWidths=["100%"], rowHeights=[2])
    rule.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, -1), 1.2, INK)]))
    return [Spacer(0, 8), head, rule]


def note(text: str) -> Paragraph:
    """A small gray paragraph of trusted markup (hints, notices)."""
    return Paragraph(text, styles().small)
