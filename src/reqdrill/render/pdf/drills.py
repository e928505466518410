"""DrillSheet → PDF bytes: exercises with write-in lines and check boxes; the answer key from a new page.

Built on `common` (fonts, escaping, styles, footers, metadata) and `form` (write-in lines), so a drill
sheet looks like the other reqdrill PDFs. Rows are one light flowable each, not tables: a drill
sheet lays out about as fast as plain paragraphs of the same text.
"""

from __future__ import annotations

import functools

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer
from reportlab.platypus.flowables import HRFlowable

from reqdrill.drillsheet import Answer, Blank, DrillSheet, Exercise, Item
from reqdrill.render.drilltext import about_minutes, clock, regenerate_command
from reqdrill.render.pdf.common import (
    INK,
    REGULAR,
    PdfMeta,
    build_story,
    frame_size,
    markup,
    paras,
    style,
    styles,
)
from reqdrill.render.pdf.form import ANSWER_INK, LINE_GAP, LONG, Lines

LABEL_W = 118.0
NUMBER_W = 22.0
GAP = 6.0
MAX_ROW = 220.0
KEEP = 2  # flowables at the start of a block kept on one page with its heading  # a row taller than this may be split into its parts rather than moved whole
BOX = "\u2610"
LABEL_STYLE = style(9, bold=True, leading=11)


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


def text_para(
    text: str, size: float = 9.5, *, bold: bool = False, color: str = "#000000", prefix: str = ""
) -> Paragraph:
    """One paragraph of escaped content text after trusted `prefix` markup."""
    st = style(size, bold=bold, color=color)
    return Paragraph(prefix + markup(text, st.fontName), st)


def blank_right(blank: Blank) -> Paragraph | None:
    """Check boxes as one paragraph; None for write-in lines."""
    if not blank.choices:
        return None
    st = style(9.5)
    boxes = "&nbsp;&nbsp;&nbsp; ".join(f"{BOX}&nbsp;{markup(c, st.fontName)}" for c in blank.choices)
    return Paragraph(boxes, st)


def blank_rows(blank: Blank, label: str | None = None, width: float = LABEL_W) -> list[Flowable]:
    """A blank as a row: its label (or the given one) beside lines or check boxes."""
    text = label if label is not None else blank.label
    head = Paragraph(markup(text + ":", LABEL_STYLE.fontName) if text else "", LABEL_STYLE)
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
    head = text_para(item.prompt, 10, bold=True, prefix=f"{exercise.number}.{index}&nbsp; ")
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
    out.append(
        Paragraph(
            f"Timer: target {target} &nbsp;·&nbsp; start ________ &nbsp;·&nbsp; stop ________", st.small
        )
    )
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
        label = f"<b>{markup(note.label, st.fontName)}:</b> " if note.label else ""
        out += paras(note.text, st, prefix="\u2022 " + label)
    return out


def answer_flowables(
    exercise: Exercise, index: int, item: Item, answer: Answer, width: float
) -> list[Flowable]:
    """One answer, numbered or labelled like its item on the sheet."""
    compact = len(item.blanks) == 1 and item.blanks[0].lines == 1
    value = style(9.5, color=ANSWER_INK)
    if compact:
        number = "" if item.group else f"<b>{index}.</b> "
        left_width = NUMBER_W if not item.prompt else LABEL_W if item.group else width * 0.55
        notes = note_flowables(answer, left_width + GAP)
        if len(answer.text) > LONG or len(item.prompt) > LONG:
            return [*paras(item.prompt, LABEL_STYLE, prefix=number), *paras(answer.text, value), *notes]
        left = Paragraph(number + markup(item.prompt, LABEL_STYLE.fontName), LABEL_STYLE)
        right = Paragraph(markup(answer.text, value.fontName), value)
        return [Row(left, left_width, right), *notes]
    notes = note_flowables(answer, 0)
    head = paras(item.prompt, style(10, bold=True), prefix=f"{exercise.number}.{index}&nbsp; ")
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
        return [KeepTogether(head)]
    blocks = merge_groups(blocks)
    story: list[Flowable] = []
    for i, block in enumerate(blocks):
        # keeping a block's first rows with its heading is enough to avoid orphans, and each
        # flowable kept together is laid out twice, so the rest of the block flows freely
        keep = kept(block)
        start = (head if i == 0 else []) + block[:keep]
        story += [KeepTogether(start) if len(start) > 1 else start[0], *block[keep:]]
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
            f"Seed {sheet.seed} &nbsp;·&nbsp; {', '.join(sheet.kinds)} &nbsp;·&nbsp; about {minutes} minutes"
            f" &nbsp;·&nbsp; regenerate: {again}",
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
