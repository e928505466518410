"""DrillSheet → PDF bytes: exercises with write-in lines and check boxes; the answer key from a new page.

Built on `common` (fonts, escaping, styles, footers, metadata), `form` (write-in lines) and
`drillflow` (light rows and kept blocks), so a drill sheet looks like the other reqdrill PDFs and
lays out about as fast as plain paragraphs of the same text.
"""

from __future__ import annotations

import functools

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer
from reportlab.platypus.flowables import HRFlowable

from reqdrill.render.drilltext import about_minutes, clock, regenerate_command
from reqdrill.render.pdf.common import (
    INK,
    PdfMeta,
    build_story,
    frame_size,
    markup,
    paras,
    style,
    styles,
)
from reqdrill.render.pdf.drillflow import GAP, Keep, Number, Row, note_paragraph
from reqdrill.render.pdf.form import ANSWER_INK, LONG
from reqdrill.render.pdf.plainpara import paragraph
from reqdrill.study.drillsheet import Answer, Blank, DrillSheet, Exercise, Item

LABEL_W = 118.0
NUMBER_W = 22.0
KEEP = 2  # flowables at the start of a block kept on one page with its heading
BOX = "\u2610"
# A literal no-break space, not `&nbsp;`: reportlab's parser starts a new text fragment at every
# entity, and a paragraph of several fragments wraps and draws far slower than one of a single
# fragment. The text is the same (the parser turns `&nbsp;` into this character).
NBSP = "\u00a0"
DOT = f"{NBSP}\u00b7{NBSP}"
LABEL_STYLE = style(9, bold=True, leading=11)


def text_para(
    text: str, size: float = 9.5, *, bold: bool = False, color: str = "#000000", prefix: str = ""
) -> Paragraph:
    """One paragraph of escaped content text after trusted `prefix` markup."""
    st = style(size, bold=bold, color=color)
    return paragraph(prefix + markup(text, st.fontName), st)


def blank_right(blank: Blank) -> Paragraph | None:
    """Check boxes as one paragraph; None for write-in lines."""
    if not blank.choices:
        return None
    st = style(9.5)
    boxes = f"{NBSP * 3} ".join(f"{BOX}{NBSP}{markup(c, st.fontName)}" for c in blank.choices)
    return paragraph(boxes, st)


def blank_rows(blank: Blank, label: str | None = None, width: float = LABEL_W) -> list[Flowable]:
    """A blank as a row: its label (or the given one) beside lines or check boxes."""
    text = label if label is not None else blank.label
    head = paragraph(markup(text + ":", LABEL_STYLE.fontName) if text else "", LABEL_STYLE)
    return [Row(head, width, blank_right(blank), blank.lines)]


def item_flowables(exercise: Exercise, index: int, item: Item) -> list[Flowable]:
    """One item on the sheet."""
    compact = len(item.blanks) == 1 and item.blanks[0].lines == 1
    if compact and not item.prompt:
        return [Row(Number(f"{index}."), NUMBER_W, None)]
    if compact and item.group:
        return blank_rows(item.blanks[0], item.prompt)
    if compact:
        head = text_para(item.prompt, prefix=f"<b>{index}.</b> ")
        return [head, *blank_rows(item.blanks[0], width=LABEL_W / 1.5)]
    head = text_para(item.prompt, 10, bold=True, prefix=f"{exercise.number}.{index}{NBSP} ")
    rows: list[Flowable] = []
    for n, blank in enumerate(item.blanks, 1):
        if blank.label or blank.choices:
            rows += blank_rows(blank)
        else:
            rows.append(Row(Number(f"{n}." if len(item.blanks) > 1 else ""), NUMBER_W, None, blank.lines))
    return [Spacer(0, 4), head, *rows]


def exercise_head(exercise: Exercise, key: bool = False) -> list[Flowable]:
    """A numbered exercise title with a rule; on the sheet also prompt, instructions and timer."""
    st = styles()
    title = exercise.title
    if key and exercise.scenario is not None:
        title = f"{title}: {exercise.scenario.name}"
    suffix = "" if key else f" ({clock(exercise.time_limit_seconds)})"
    out: list[Flowable] = [Spacer(0, 8), *paras(title + suffix, st.h1, prefix=f"{exercise.number}. ")]
    out.append(HRFlowable(width="100%", thickness=1.2, color=INK, spaceBefore=1, spaceAfter=4))
    if key:
        return out
    if exercise.scenario is not None:
        out += paras(exercise.scenario.prompt, style(10.5, bold=True, space_after=4), prefix="Prompt: ")
    out += paras(exercise.instructions, style(9.5, space_after=3))
    target = clock(exercise.time_limit_seconds)
    out.append(Paragraph(f"Timer: target {target} {DOT} start ________ {DOT} stop ________", st.small))
    return out


def group_head(group: str) -> Paragraph:
    """A bold heading over a run of grouped items (a requirements-document section)."""
    head = text_para(group, 9.5, bold=True)
    head.rd_group = True  # marks where merge_groups starts a block
    return head


@functools.cache
def note_style(indent: float) -> ParagraphStyle:
    """Small text for an answer's notes, indented to line up under the answer."""
    return ParagraphStyle(
        f"rd-note-{indent}", parent=style(8.5, leading=10.5), leftIndent=indent, spaceAfter=1
    )


def note_flowables(answer: Answer, indent: float) -> list[Flowable]:
    """An answer's notes as small bulleted paragraphs: `• Label: text`."""
    st = note_style(indent)
    out: list[Flowable] = []
    for note in answer.notes:
        fast = note_paragraph(note.label, note.text, st) if note.label else None
        if fast is not None:
            out.append(fast)
            continue
        label = f"<b>{markup(note.label, st.fontName)}:</b> " if note.label else ""
        out += paras(note.text, st, prefix="\u2022 " + label)
    return out


def answer_flowables(
    exercise: Exercise, index: int, item: Item, answer: Answer, width: float
) -> list[Flowable]:
    """One answer, numbered or labeled like its item on the sheet."""
    compact = len(item.blanks) == 1 and item.blanks[0].lines == 1
    value = style(9.5, color=ANSWER_INK)
    if compact:
        number = "" if item.group else f"<b>{index}.</b> "
        left_width = NUMBER_W if not item.prompt else LABEL_W if item.group else width * 0.55
        notes = note_flowables(answer, left_width + GAP)
        if len(answer.text) > LONG or len(item.prompt) > LONG:
            return [*paras(item.prompt, LABEL_STYLE, prefix=number), *paras(answer.text, value), *notes]
        left = paragraph(number + markup(item.prompt, LABEL_STYLE.fontName), LABEL_STYLE)
        right = paragraph(markup(answer.text, value.fontName), value)
        return [Row(left, left_width, right), *notes]
    notes = note_flowables(answer, 0)
    head = paras(item.prompt, style(10, bold=True), prefix=f"{exercise.number}.{index}{NBSP} ")
    text = paras(answer.text, value, prefix="\u2192 ") if answer.text else []
    return [Spacer(0, 3), *head, *text, *notes]


def group_change(exercise: Exercise, index: int) -> list[Flowable]:
    """A group heading when item `index` starts a new group (a requirements-document section)."""
    group = exercise.items[index - 1].group
    if not group or (index > 1 and exercise.items[index - 2].group == group):
        return []
    return [Spacer(0, 3), group_head(group)]


def merge_groups(blocks: list[list[Flowable]]) -> list[list[Flowable]]:
    """Join each group's blocks (a group starts with its heading) so a short section stays whole."""
    out: list[list[Flowable]] = []
    for block in blocks:
        starts = len(block) > 1 and isinstance(block[0], Spacer) and getattr(block[1], "rd_group", False)
        if out and not starts and getattr(out[-1][1] if len(out[-1]) > 1 else None, "rd_group", False):
            out[-1] = out[-1] + block
        else:
            out.append(list(block))
    return out


def kept(block: list[Flowable]) -> int:
    """How many flowables from a block's start hold its first KEEP visible ones (spacers don't count)."""
    seen = 0
    for i, flowable in enumerate(block):
        seen += not isinstance(flowable, Spacer)
        if seen == KEEP:
            return i + 1
    return len(block)


def blocks_story(head: list[Flowable], blocks: list[list[Flowable]]) -> list[Flowable]:
    """An exercise: each item's block kept on one page, the heading kept with the first block."""
    if not blocks:
        return [Keep(head)]
    blocks = merge_groups(blocks)
    story: list[Flowable] = []
    for i, block in enumerate(blocks):
        # keeping a block's first rows with its heading is enough to avoid orphans, and each
        # flowable kept together is laid out twice, so the rest of the block flows freely
        keep = kept(block)
        start = (head if i == 0 else []) + block[:keep]
        story += [Keep(start) if len(start) > 1 else start[0], *block[keep:]]
    return story


def sheet_story(sheet: DrillSheet, paper: str, answers: bool) -> list[Flowable]:
    """The flowables of a whole sheet, with the key on pages of its own."""
    st = styles()
    width, _ = frame_size(paper)
    minutes = about_minutes(sheet)
    again = markup(regenerate_command(sheet, "pdf"), st.subtitle.fontName)
    story: list[Flowable] = [
        Paragraph(f"Drill sheet {sheet.seed}", st.title),
        Paragraph(
            f"Seed {sheet.seed} {DOT} {', '.join(sheet.kinds)} {DOT} about {minutes} minutes"
            f" {DOT} regenerate: {again}",
            st.subtitle,
        ),
    ]
    for exercise in sheet.exercises:
        blocks = [
            group_change(exercise, i) + item_flowables(exercise, i, item)
            for i, item in enumerate(exercise.items, 1)
        ]
        story += blocks_story(exercise_head(exercise), blocks)
    if answers:
        story += [PageBreak(), Paragraph(f"Answer key: drill sheet {sheet.seed}", st.title)]
        story.append(Paragraph("Check each item against the same number on the sheet.", st.subtitle))
        for exercise in sheet.exercises:
            pairs = enumerate(zip(exercise.items, exercise.answers, strict=True), 1)
            blocks = [
                group_change(exercise, i) + answer_flowables(exercise, i, item, answer, width)
                for i, (item, answer) in pairs
            ]
            story += blocks_story(exercise_head(exercise, key=True), blocks)
    return story


def render(sheet: DrillSheet, *, answers: bool = True, paper: str = "letter") -> bytes:
    """One drill sheet as PDF bytes; the answer key, if included, starts on a new page."""
    meta = PdfMeta(
        title=f"Drill sheet {sheet.seed}", subject="reqdrill drill sheet", label=f"drill sheet {sheet.seed}"
    )
    return build_story(sheet_story(sheet, paper, answers), meta, paper)
