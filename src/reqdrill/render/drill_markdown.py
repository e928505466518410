"""DrillSheet → Markdown bytes: exercises with blanks and a timer line, then the answer key."""

from __future__ import annotations

from collections.abc import Callable

from reqdrill.drillsheet import Answer, Blank, DrillSheet, Exercise, Item
from reqdrill.render.drilltext import about_minutes, clock, regenerate_command
from reqdrill.render.markdown import bold, escape, inline

LINE = "_" * 36
SHORT = "_" * 12
BOX = "\u2610"


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


class SheetRenderer:
    """Renders sheets one after another, reusing the Markdown of parts that sheets share.

    Sheets of a batch share item and answer objects (see `exercises.Catalog`), so parts are
    remembered by object identity; each entry holds its objects, so an id cannot be reused
    while the entry exists.
    """

    MAX_ENTRIES = 50_000

    def __init__(self, *, answers: bool = True) -> None:
        self.answers = answers
        self._memo: dict[tuple[object, ...], tuple[tuple[object, ...], list[str]]] = {}

    def _memoized(
        self, owners: tuple[object, ...], extra: tuple[object, ...], build: Callable[[], list[str]]
    ) -> list[str]:
        key = (*map(id, owners), *extra)
        hit = self._memo.get(key)
        if hit is None:
            if len(self._memo) >= self.MAX_ENTRIES:
                self._memo.clear()
            hit = self._memo[key] = (owners, build())
        return hit[1]

    def _body(self, e: Exercise) -> list[str]:
        return grouped(
            [
                (item, self._memoized((item,), (e.number, i), lambda i=i, item=item: item_lines(e, i, item)))
                for i, item in enumerate(e.items, 1)
            ]
        )

    def _key(self, e: Exercise) -> list[str]:
        pairs = zip(e.items, e.answers, strict=True)
        return grouped(
            [
                (
                    item,
                    self._memoized(
                        (item, answer), (e.number, i), lambda i=i, t=item, a=answer: answer_lines(e, i, t, a)
                    ),
                )
                for i, (item, answer) in enumerate(pairs, 1)
            ]
        )

    def exercise(self, e: Exercise) -> list[str]:
        """An exercise on the sheet: heading, scenario prompt, instructions, timer, items."""
        prompt = e.scenario.prompt if e.scenario else None
        extra = (e.number, e.title, e.instructions, e.time_limit_seconds, prompt)
        return self._memoized((e.items,), extra, lambda: exercise_head(e) + self._body(e))

    def key(self, e: Exercise) -> list[str]:
        """An exercise in the answer key, item for item."""
        extra = (e.number, e.title, e.scenario.name if e.scenario else None)
        return self._memoized((e.items, e.answers), extra, lambda: key_head(e) + self._key(e))

    def render(self, sheet: DrillSheet) -> bytes:
        """The whole sheet as UTF-8 Markdown; the answer key is a separate section at the end."""
        minutes = about_minutes(sheet)
        lines = [
            f"# Drill sheet {sheet.seed}",
            "",
            f"**Seed** {sheet.seed} \u00b7 **Drills** {', '.join(sheet.kinds)} \u00b7 **Time** about {minutes} min",
            "",
            f"Regenerate: `{regenerate_command(sheet)}`",
            "",
        ]
        for exercise in sheet.exercises:
            lines += self.exercise(exercise)
        if self.answers:
            lines += [
                "---",
                "",
                f"## Answer key (seed {sheet.seed})",
                "",
                "Check each item against the same number on the sheet.",
                "",
            ]
            for exercise in sheet.exercises:
                lines += self.key(exercise)
        while lines[-1] == "":
            lines.pop()
        return ("\n".join(lines) + "\n").encode("utf-8")


def render(sheet: DrillSheet, *, answers: bool = True) -> bytes:
    """One sheet as UTF-8 Markdown (see `SheetRenderer` for many)."""
    return SheetRenderer(answers=answers).render(sheet)
