"""The cheat sheet on two sides of one sheet: the framework table and diagram on the front; the
question templates in two balanced columns, the tradeoffs and what E5 and E6 are expected to
show on the back.

No text is set below MIN_SIZE (8 pt). Long content first shrinks by a step or two, never below
that size, and then flows onto a third page rather than being cut.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from reqdrill.content.model import Content, Level
from reqdrill.render.pdf.common import (
    PdfMeta,
    RunningHead,
    bold,
    fit_story,
    frame_size,
    markup,
    para,
    style,
    tint,
)
from reqdrill.render.pdf.diagram import DiagramFlowable
from reqdrill.render.pdf.plainpara import paragraph
from reqdrill.study.diagram import layout

TITLE = "Clarifying requirements: cheat sheet"
SCALES = (1.0, 0.97, 0.94)
MIN_SIZE = 8.0
GUTTER = 18.0  # between the two columns of question templates, with a hairline in its middle
HEAD_FILL = colors.HexColor("#E0E0E0")
GRID = colors.HexColor("#9E9E9E")
# How each level prints an expectation with an example, as the source does.
EXAMPLE_FORMATS = {"e5": '{text} ("{example}")', "e6": '{text}: "{example}"'}


def size(base: float, scale: float) -> float:
    """A type size scaled down, never below MIN_SIZE."""
    return max(MIN_SIZE, round(base * scale, 2))


def _table(
    rows: list[list[Flowable]], widths: list[float], fills: Sequence[colors.Color | None] = ()
) -> Table:
    # repeatRows: a row that moves to another page takes the header with it
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    commands += [
        ("BACKGROUND", (0, i + 1), (0, i + 1), fill) for i, fill in enumerate(fills) if fill is not None
    ]
    table.setStyle(TableStyle(commands))
    return table


def _heading(text: str, scale: float) -> Paragraph:
    return paragraph(text, style(size(11.5, scale), bold=True, space_after=3))


def _headed(head: Paragraph, body: Flowable) -> Flowable:
    """A heading kept on the page of what it heads."""
    return KeepTogether([head, body])


def _framework(content: Content, width: float, scale: float) -> list[Flowable]:
    cell, head = style(size(8.5, scale)), style(size(8.5, scale), bold=True)
    rows = [[paragraph(t, head) for t in ("Category", "Example questions", "Why it matters")]]
    rows += [
        [para(c.name, head), para(c.example_questions, cell), para(c.why_it_matters, cell)]
        for c in content.categories
    ]
    widths = [width * 0.2, width * 0.44, width * 0.36]
    table = _table(rows, widths, [tint(c.color) for c in content.categories])
    return [_headed(_heading("The seven categories", scale), table)]


def _group(content: Content, index: int, scale: float) -> list[Flowable]:
    c = content.categories[index]
    item = style(size(8.5, scale), leading=round(size(8.5, scale) * 1.2, 2))
    lines = [paragraph(bold(markup(c.name)), style(size(9.5, scale), space_after=1.5))]
    lines += [paragraph("•\u00a0" + markup(q.text), item) for q in c.templates]
    return [*lines, Spacer(0, 5)]


def _balanced(groups: list[list[Flowable]], column: float) -> int:
    """Where to split the groups into two columns so that the taller column is as short as can be."""
    heights = [sum(f.wrap(column, 10_000)[1] + f.getSpaceAfter() for f in g) for g in groups]
    total = sum(heights)
    best, split, left = total, len(groups), 0.0
    for i in range(len(groups) + 1):
        taller = max(left, total - left)
        if taller < best:
            best, split = taller, i
        if i < len(groups):
            left += heights[i]
    return split


class _Hairline(Flowable):
    """A thin vertical rule down the middle of the gutter, as tall as the taller column."""

    def __init__(self, height: float) -> None:
        super().__init__()
        self.line_height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, self.line_height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(GRID)
        self.canv.setLineWidth(0.5)
        self.canv.line(GUTTER / 2, 0, GUTTER / 2, self.line_height)
        self.canv.restoreState()


def _templates(content: Content, width: float, scale: float) -> list[Flowable]:
    column = (width - GUTTER) / 2
    groups = [_group(content, i, scale) for i in range(len(content.categories))]
    split = _balanced(groups, column)
    left = [f for g in groups[:split] for f in g]
    right = [f for g in groups[split:] for f in g]
    tall = max(sum(f.wrap(column, 10_000)[1] + f.getSpaceAfter() for f in side) for side in (left, right))
    table = Table(
        [[left, _Hairline(tall - 5), right]], colWidths=[column, GUTTER, column], splitInRow=1, hAlign="LEFT"
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    return [_headed(_heading("Question templates", scale), table)]


def _tradeoffs(content: Content, width: float, scale: float) -> list[Flowable]:
    cell, head = style(size(8, scale)), style(size(8, scale), bold=True)
    names = {level.id: level.name for level in content.levels}
    e5, e6 = names.get("e5", "E5"), names.get("e6", "E6")
    rows = [
        [paragraph(t, head) for t in ("Tradeoff", "When to favor A", "When to favor B", "Interview signal")]
    ]
    for t in content.tradeoffs:
        rows.append(
            [
                para(t.name, head),
                paragraph(f"{bold(t.option_a)}: {markup(t.favor_a)}", cell),
                paragraph(f"{bold(t.option_b)}: {markup(t.favor_b)}", cell),
                paragraph(f"{bold(e5)}: {markup(t.e5_signal)}<br/>{bold(e6)}: {markup(t.e6_signal)}", cell),
            ]
        )
    widths = [width * 0.18, width * 0.25, width * 0.25, width * 0.32]
    return [_headed(_heading("Tradeoffs to surface", scale), _table(rows, widths))]


def expectation_text(level: Level, text: str, example: str | None) -> str:
    """An expectation as the source prints it for its level (E5 quotes in parentheses)."""
    if example is None:
        return text
    return EXAMPLE_FORMATS.get(level.id, '{text}: "{example}"').format(text=text, example=example)


def _levels(content: Content, width: float, scale: float) -> list[Flowable]:
    cell, head = style(size(8, scale)), style(size(8.5, scale), bold=True)
    summary = style(size(8, scale), color="#4D4D4D", space_after=2)
    levels = list(content.levels)
    rows: list[list[Flowable | list[Flowable]]] = [[paragraph(markup(lv.name), head) for lv in levels]]
    rows.append(
        [
            [para(lv.summary, summary)]
            + [
                paragraph("•\u00a0" + markup(expectation_text(lv, e.text, e.example)), cell)
                for e in lv.expectations
            ]
            for lv in levels
        ]
    )
    table = _table(rows, [width / len(levels)] * len(levels))
    return [_headed(_heading("What each level shows", scale), table)]


def cheatsheet_story(content: Content, paper: str, scale: float = 1.0) -> list[Flowable]:
    """The cheat sheet's flowables, with type sizes multiplied by `scale` (never below 8 pt)."""
    width, _ = frame_size(paper)
    return [
        RunningHead(TITLE),
        paragraph(TITLE, style(round(15 * scale, 2), bold=True, space_after=2)),
        para(content.key_instruction, style(size(9.5, scale), color="#4D4D4D", space_after=8)),
        *_framework(content, width, scale),
        Spacer(0, 14 * scale),
        DiagramFlowable(layout(content), width * 0.92, label_size=size(9.5, scale)),
        PageBreak(),  # the back of the sheet
        *_templates(content, width, scale),
        Spacer(0, 10 * scale),
        *_tradeoffs(content, width, scale),
        Spacer(0, 10 * scale),
        *_levels(content, width, scale),
    ]


def render_cheatsheet(content: Content, paper: str = "letter") -> bytes:
    """The cheat sheet as PDF bytes: at most two pages unless the content is too long to fit."""
    meta = PdfMeta(title=TITLE, subject="reqdrill cheat sheet", label="cheat sheet")
    return fit_story(lambda scale: cheatsheet_story(content, paper, scale), meta, paper, 2, SCALES)
