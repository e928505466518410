"""DrillSheet → Markdown bytes: exercises with blanks and a timer line, then the answer key."""

from __future__ import annotations

from reqdrill.drillsheet import Answer, Blank, DrillSheet, Exercise, Item
from reqdrill.render.drilltext import about_minutes, clock, regenerate_command
from reqdrill.render.markdown import bold, escape, inline

LINE = "_" * 36
SHORT = "_" * 12
BOX = "\u2610"
KEY_NOTE = "Check each item against the same number on the sheet."


def blank_text(blank: Blank, line_start: bool = True) -> str:
    """One blank as inline Markdown; a bare line at a line's start is escaped so it is not a rule."""
    field = "  ".join(f"{BOX} {escape(c)}" for c in blank.choices) if blank.choices else LINE
    if blank.label:
        return f"{inline(blank.label) if line_start else escape(blank.label)}: {field}"
    return "\\" + field if line_start and not blank.choices else field


def is_compact(item: Item) -> bool:
    """A one-line item (a list entry) rather than a block with several blanks."""
    return len(item.blanks) == 1 and item.blanks[0].lines == 1


def item_lines(exercise: Exercise, index: int, item: Item) -> list[str]:
    """The Markdown of one item, as lines, followed by a blank line."""
    if is_compact(item):
        marker = "-" if item.group else f"{index}."
        blank = item.blanks[0]
        prompt = inline(item.prompt)
        joint = " \u2014 " if blank.label else ": "
        body = f"{prompt}{joint}{blank_text(blank, False)}" if prompt else blank_text(blank)
        return [f"{marker} {body}"]
    lines = [f"**{exercise.number}.{index}** {escape(item.prompt)}".rstrip(), ""]
    if all(not b.label and not b.choices and b.lines == 1 for b in item.blanks):
        lines += [f"{n}. {blank_text(b)}" for n, b in enumerate(item.blanks, 1)]
    else:
        for b in item.blanks:
            lines += [blank_text(b), ""]
            lines += ["\\" + LINE, ""] * (b.lines - 1)
        lines.pop()
    return [*lines, ""]


def grouped(body: list[tuple[Item, list[str]]]) -> list[str]:
    """Item lines with a bold group heading wherever the group changes; list runs kept together."""
    out: list[str] = []
    group = ""
    for item, lines in body:
        if item.group != group:
            if out and out[-1] != "":
                out.append("")
            out += [bold(item.group), ""]
            group = item.group
        out += lines
    if out and out[-1] != "":
        out.append("")
    return out


def exercise_head(exercise: Exercise) -> list[str]:
    """An exercise's heading, scenario prompt, instructions and timer line."""
    lines = [f"## {exercise.number}. {escape(exercise.title)} ({clock(exercise.time_limit_seconds)})", ""]
    if exercise.scenario is not None:
        lines += [f"> {inline(exercise.scenario.prompt)}", ""]
    lines += [inline(exercise.instructions), ""]
    lines += [
        f"\u23f1 Target {clock(exercise.time_limit_seconds)} \u00b7 Start {SHORT} \u00b7 Stop {SHORT}",
        "",
    ]
    return lines


def answer_lines(exercise: Exercise, index: int, item: Item, answer: Answer) -> list[str]:
    """One answer, under the same number or group as its item on the sheet."""
    text = bold(answer.text)
    if is_compact(item):
        marker = "-" if item.group else f"{index}."
        prompt = inline(item.prompt)
        head = f"{marker} {prompt} \u2192 {text}" if prompt else f"{marker} {text}"
        indent = " " * (len(marker) + 1)
    else:
        head = f"**{exercise.number}.{index}** {escape(item.prompt)}"
        head = f"{head} \u2192 {text}" if text else head
        indent = ""
    lines = [head.rstrip()]
    if answer.notes:
        if not indent:
            lines.append("")
        for note in answer.notes:
            label = f"{bold(note.label + ':')} " if note.label else ""
            lines.append(f"{indent}- {label}{escape(note.text) if label else inline(note.text)}")
    if not indent:
        lines.append("")
    return lines


def key_head(exercise: Exercise) -> list[str]:
    """An exercise's heading in the answer key, naming its scenario."""
    title = escape(exercise.title)
    if exercise.scenario is not None:
        title += f": {escape(exercise.scenario.name)}"
    return [f"### {exercise.number}. {title}", ""]


def exercise_text(e: Exercise) -> str:
    """An exercise on the sheet: heading, scenario prompt, instructions, timer, items."""
    body = grouped([(item, item_lines(e, i, item)) for i, item in enumerate(e.items, 1)])
    return "\n".join(exercise_head(e) + body)


def key_text(e: Exercise) -> str:
    """An exercise in the answer key, item for item."""
    pairs = enumerate(zip(e.items, e.answers, strict=True), 1)
    body = grouped([(item, answer_lines(e, i, item, answer)) for i, (item, answer) in pairs])
    return "\n".join(key_head(e) + body)


class SheetRenderer:
    """Renders sheets one after another, reusing the Markdown of exercises that sheets share.

    Sheets of a batch share exercise objects (see `exercises.Catalog`), so an exercise's text is
    remembered by object identity; each entry holds its exercise, so its id cannot be reused
    while the entry exists.
    """

    MAX_ENTRIES = 20_000

    def __init__(self, *, answers: bool = True) -> None:
        self.answers = answers
        self._memo: dict[int, tuple[Exercise, str, str]] = {}

    def _texts(self, e: Exercise) -> tuple[Exercise, str, str]:
        hit = self._memo.get(id(e))
        if hit is None or hit[0] is not e:
            if len(self._memo) >= self.MAX_ENTRIES:
                self._memo.clear()
            hit = self._memo[id(e)] = (e, exercise_text(e), key_text(e) if self.answers else "")
        return hit

    def render(self, sheet: DrillSheet) -> bytes:
        """The whole sheet as UTF-8 Markdown; the answer key is a separate section at the end."""
        texts = [self._texts(e) for e in sheet.exercises]
        facts = f"**Seed** {sheet.seed} \u00b7 **Drills** {', '.join(sheet.kinds)} \u00b7 **Time** about {about_minutes(sheet)} min"
        head = f"# Drill sheet {sheet.seed}\n\n{facts}\n\nRegenerate: `{regenerate_command(sheet)}`\n"
        parts = [head, *(t[1] for t in texts)]
        if self.answers:
            parts.append(f"---\n\n## Answer key (seed {sheet.seed})\n\n{KEY_NOTE}\n")
            parts += [t[2] for t in texts]
        return ("\n".join(parts).rstrip("\n") + "\n").encode("utf-8")


def render(sheet: DrillSheet, *, answers: bool = True) -> bytes:
    """One sheet as UTF-8 Markdown (see `SheetRenderer` for many)."""
    return SheetRenderer(answers=answers).render(sheet)
