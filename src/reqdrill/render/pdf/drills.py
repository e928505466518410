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
from reqdrill.render.pdf.common import INK, PdfMeta, RunningHead, frame_size, markup, paras, style, styles
from reqdrill.render.pdf.drillflow import GAP, Keep, Number, Row, note_paragraph
from reqdrill.render.pdf.form import ANSWER_INK, LONG, TEMPLATE_GAP, WRITE_GAP, ChoiceRow, Lines, NotesFill
from reqdrill.render.pdf.pagefill import build_filled
from reqdrill.render.pdf.plainpara import paragraph
from reqdrill.study.drillsheet import Answer, Blank, DrillSheet, Exercise, Item

LABEL_W = 118.0
NUMBER_W = 22.0
KEEP = 2  # flowables at the start of a long key block kept on one page with its heading
KEEP_WHOLE = 8  # a key block of this many flowables or fewer (a tradeoff's answer) stays whole
# A literal no-break space, not `&nbsp;`: reportlab's parser starts a new text fragment at every
# entity, and a paragraph of several fragments wraps and draws far slower than one of a single
# fragment. The text is the same (the parser turns `&nbsp;` into this character).
NBSP = "\u00a0"
DOT = f"{NBSP}\u00b7{NBSP}"
LABEL_STYLE = style(9, bold=True, leading=11)
TIMER_BLANK = "_" * 14  # room to write a clock time such as 10:45
NOTES = "Notes: what the key shows you missed, and what to ask next time"


class Stretches:
    """Numbers a sheet's stretchable write-in areas (more than one rule) in the order they are made,
    and hands each the extra rules the page-fill pass found for it."""

    def __init__(self, extra: dict[int, int] | None = None) -> None:
        self.extra, self.count = extra or {}, 0

    def rows(
        self, label: Flowable, width: float, lines: int, gap: float = WRITE_GAP, free: bool = False
    ) -> Row:
        """A label beside `lines` rules; a free answer, or one of several rules, may grow to fill its page."""
        if lines < 2 and not free:
            return Row(label, width, None, lines, gap=gap)
        number, self.count = self.count, self.count + 1
        rules = Lines(lines, gap=gap, stretch=number, extra=self.extra.get(number, 0))
        return Row(label, width, rules)


def text_para(
    text: str, size: float = 9.5, *, bold: bool = False, color: str = "#000000", prefix: str = ""
) -> Paragraph:
    """One paragraph of escaped content text after trusted `prefix` markup."""
    st = style(size, bold=bold, color=color)
    return paragraph(prefix + markup(text, st.fontName), st)


def blank_right(blank: Blank) -> Flowable | None:
    """Drawn check boxes with their labels; None for write-in rules."""
    if not blank.choices:
        return None
    st = style(9.5)
    return ChoiceRow([(paragraph(markup(c, st.fontName), st), False, None) for c in blank.choices])


def blank_rows(
    blank: Blank,
    stretches: Stretches,
    label: str | None = None,
    width: float = LABEL_W,
    gap: float = WRITE_GAP,
) -> list[Flowable]:
    """A blank as a row: its label (or the given one) beside rules or check boxes."""
    text = label if label is not None else blank.label
    head = paragraph(markup(text + ":", LABEL_STYLE.fontName) if text else "", LABEL_STYLE)
    right = blank_right(blank)
    if right is not None:
        return [Row(head, width, right, space_after=6)]
    return [stretches.rows(head, width, blank.lines, gap)]


def item_flowables(exercise: Exercise, index: int, item: Item, stretches: Stretches) -> list[Flowable]:
    """One item on the sheet."""
    if item.compact and not item.prompt:
        return [Row(Number(f"{index}."), NUMBER_W, None)]
    if item.compact and item.group:  # a field of the requirements document, ruled as on the template
        return blank_rows(item.blanks[0], stretches, item.prompt, gap=TEMPLATE_GAP)
    if item.compact:
        head = text_para(item.prompt, prefix=f"<b>{index}.</b> ")
        return [Spacer(0, 9), head, *blank_rows(item.blanks[0], stretches, width=LABEL_W / 1.5)]
    head = text_para(item.prompt, 10, bold=True, prefix=f"{exercise.number}.{index}{NBSP} ")
    rows: list[Flowable] = []
    for n, blank in enumerate(item.blanks, 1):
        if blank.label or blank.choices:
            rows += blank_rows(blank, stretches)
        else:
            number = Number(f"{n}." if len(item.blanks) > 1 else "")
            rows.append(stretches.rows(number, NUMBER_W, blank.lines, free=True))
    return [Spacer(0, 6), head, *rows]


def exercise_head(exercise: Exercise, key: bool = False) -> list[Flowable]:
    """A numbered exercise title with a rule; on the sheet also prompt, instructions and timer."""
    st = styles()
    title = exercise.title
    if key and exercise.scenario is not None:
        title = f"{title}: {exercise.scenario.name}"
    suffix = "" if key else f" ({clock(exercise.time_limit_seconds)})"
    out: list[Flowable] = [Spacer(0, 14), *paras(title + suffix, st.h1, prefix=f"{exercise.number}. ")]
    out.append(HRFlowable(width="100%", thickness=1.2, color=INK, spaceBefore=1, spaceAfter=4))
    if key:
        return out
    if exercise.scenario is not None:
        out += paras(exercise.scenario.prompt, style(10.5, bold=True, space_after=4), prefix="Prompt: ")
    out += paras(exercise.instructions, style(9.5, space_after=3))
    target = clock(exercise.time_limit_seconds)
    timer = f"Timer: target {target}{NBSP * 4}start {TIMER_BLANK}{NBSP * 4}stop {TIMER_BLANK}"
    out.append(Paragraph(timer, style(9, color="#4D4D4D", space_after=2)))
    return out


def group_head(group: str) -> Paragraph:
    """A bold heading over a run of grouped items (a requirements-document section)."""
    head = text_para(group, 10, bold=True)
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
    value = style(9.5, color=ANSWER_INK)
    if item.compact:
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
    return [Spacer(0, 6), group_head(group)]


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


def blocks_story(head: list[Flowable], blocks: list[list[Flowable]], whole: bool = False) -> list[Flowable]:
    """An exercise: each item's block kept on one page, the heading kept with the first block.

    On the sheet (`whole`) every block stays whole: a category's question rules, a section of
    the requirements document. In the key a short block stays whole, a long one keeps its start.
    """
    if not blocks:
        return [Keep(head)]
    blocks = merge_groups(blocks)
    story: list[Flowable] = []
    for i, block in enumerate(blocks):
        # keeping a key block's first rows with its heading is enough to avoid orphans, and each
        # flowable kept together is laid out twice, so the rest of the block flows freely
        short = sum(not isinstance(f, Spacer) for f in block) <= KEEP_WHOLE
        keep = len(block) if whole or short else kept(block)
        start = (head if i == 0 else []) + block[:keep]
        story += [Keep(start) if len(start) > 1 else start[0], *block[keep:]]
    return story


def sheet_story(
    sheet: DrillSheet, paper: str, answers: bool, extra: dict[int, int] | None = None, notes: bool = True
) -> list[Flowable]:
    """The flowables of a whole sheet, with the key on pages of its own; `extra` grows write-in areas.

    With `notes`, ruled room for notes fills what the last exercise leaves of its page (the
    page-fill pass measures the sheet without it, so the exercises' own rules grow first).
    """
    st = styles()
    width, _ = frame_size(paper)
    minutes = about_minutes(sheet)
    again = markup(regenerate_command(sheet, "pdf"), st.subtitle.fontName)
    stretches = Stretches(extra)
    story: list[Flowable] = [
        RunningHead(f"Drill sheet {sheet.seed}"),
        Paragraph(f"Drill sheet {sheet.seed}", st.title),
        Paragraph(
            f"Seed {sheet.seed} {DOT} {', '.join(sheet.kinds)} {DOT} about {minutes} minutes"
            f" {DOT} regenerate: {again}",
            st.subtitle,
        ),
    ]
    for exercise in sheet.exercises:
        blocks = [
            group_change(exercise, i) + item_flowables(exercise, i, item, stretches)
            for i, item in enumerate(exercise.items, 1)
        ]
        story += blocks_story(exercise_head(exercise), blocks, whole=True)
    if notes:
        story.append(NotesFill(NOTES))
    if answers:
        key = f"Answer key: drill sheet {sheet.seed}"
        story += [PageBreak(), RunningHead(key), Paragraph(key, st.title)]
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
    """One drill sheet as PDF bytes; the answer key, if included, starts on a new page.

    The sheet's pages are laid out once to find the room each page leaves, which its write-in
    areas of several rules then share (see `pagefill`).
    """
    meta = PdfMeta(
        title=f"Drill sheet {sheet.seed}", subject="reqdrill drill sheet", label=f"drill sheet {sheet.seed}"
    )
    measure = sheet_story(sheet, paper, answers=False, notes=False)
    return build_filled(lambda extra: sheet_story(sheet, paper, answers, extra), meta, paper, measure)
