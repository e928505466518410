"""The cheat sheet: framework table, diagram, question templates and tradeoffs, on one sheet (two pages).

The type shrinks step by step until everything fits on two pages; content too long even for the
smallest step flows onto more pages rather than being cut.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from reqdrill.content.model import Content
from reqdrill.render.pdf.common import PdfMeta, bold, fit_story, frame_size, markup, para, style, tint
from reqdrill.render.pdf.diagram import DiagramFlowable
from reqdrill.render.pdf.plainpara import paragraph
from reqdrill.study.diagram import layout

SCALES = (1.0, 0.94, 0.88, 0.82, 0.76, 0.7)
HEAD_FILL = colors.HexColor("#E0E0E0")


def _table(
    rows: list[list[Flowable]], widths: list[float], fills: Sequence[colors.Color | None] = ()
) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#9E9E9E")),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [
        ("BACKGROUND", (0, i + 1), (0, i + 1), fill) for i, fill in enumerate(fills) if fill is not None
    ]
    table.setStyle(TableStyle(commands))
    return table


def _heading(text: str, scale: float) -> Paragraph:
    return paragraph(text, style(round(11 * scale, 2), bold=True, space_after=3))


def _framework(content: Content, width: float, scale: float) -> list[Flowable]:
    cell, head = style(round(8 * scale, 2)), style(round(8 * scale, 2), bold=True)
    rows = [[paragraph(t, head) for t in ("Category", "Example questions", "Why it matters")]]
    rows += [
        [para(c.name, head), para(c.example_questions, cell), para(c.why_it_matters, cell)]
        for c in content.categories
    ]
    widths = [width * 0.2, width * 0.45, width * 0.35]
    return [
        _heading("The seven categories", scale),
        _table(rows, widths, [tint(c.color) for c in content.categories]),
    ]


def _templates(content: Content, width: float, scale: float) -> list[Flowable]:
    size = round(8 * scale, 2)
    item = style(size, leading=round(size * 1.2, 2))
    groups: list[list[Flowable]] = []
    for c in content.categories:
        lines = [paragraph(bold(c.name), style(size + 0.5, space_after=1))]
        lines += [paragraph("• " + markup(q.text), item) for q in c.templates]
        groups.append([*lines, Spacer(0, 4)])
    # Two columns balanced by text length: the first takes groups until it holds half the text.
    sizes = [sum(len(q.text) + 40 for q in c.templates) for c in content.categories]
    half, total, split = sum(sizes) / 2, 0, len(groups)
    for i, n in enumerate(sizes):
        if total + n / 2 > half:
            split = i
            break
        total += n
    left = [f for g in groups[:split] for f in g]
    right = [f for g in groups[split:] for f in g]
    table = Table([[left, right]], colWidths=[width / 2, width / 2], splitInRow=1, hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [_heading("Question templates", scale), table]


def _tradeoffs(content: Content, width: float, scale: float) -> list[Flowable]:
    cell, head = style(round(7.5 * scale, 2)), style(round(7.5 * scale, 2), bold=True)
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
    widths = [width * 0.18, width * 0.24, width * 0.24, width * 0.34]
    return [_heading("Tradeoffs to surface", scale), _table(rows, widths)]


def cheatsheet_story(content: Content, paper: str, scale: float = 1.0) -> list[Flowable]:
    """The cheat sheet's flowables, with every type size multiplied by `scale`."""
    width, _ = frame_size(paper)
    story: list[Flowable] = [
        paragraph(
            "Clarifying requirements: cheat sheet", style(round(15 * scale, 2), bold=True, space_after=2)
        ),
        para(content.key_instruction, style(round(9.5 * scale, 2), color="#4D4D4D", space_after=6)),
        *_framework(content, width, scale),
        Spacer(0, 8 * scale),
        DiagramFlowable(layout(content), width * 0.78 * scale, label_size=round(9 * scale, 2)),
        PageBreak(),  # the back of the sheet
        *_templates(content, width, scale),
        Spacer(0, 6 * scale),
        *_tradeoffs(content, width, scale),
    ]
    return story


def render_cheatsheet(content: Content, paper: str = "letter") -> bytes:
    """The cheat sheet as PDF bytes: at most two pages unless the content is too long to fit."""
    meta = PdfMeta(
        title="Clarifying requirements: cheat sheet", subject="reqdrill cheat sheet", label="cheat sheet"
    )
    return fit_story(lambda scale: cheatsheet_story(content, paper, scale), meta, paper, 2, SCALES)
